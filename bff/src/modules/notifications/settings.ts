import type { Config } from '@hotline/config';
import type { NotificationPurpose } from '@hotline/shared-types';
import type { SurveySettings } from '../surveys/surveys.service';

/** Where a template key's value comes from (config `notifications.*Fields`). */
export type FieldSource = 'ticketNo' | 'title' | 'status' | 'note' | 'at' | 'dueAt' | 'type' | 'unit';

export interface TemplateSettings {
  templateId: string;
  /** Template keys in order, each with its value type (the key's prefix) and the case value that fills it. */
  fields: { key: string; source: FieldSource }[];
}

export interface NotificationSettings {
  templates: Partial<Record<NotificationPurpose, TemplateSettings>>;
  miniprogramState: 'developer' | 'trial' | 'formal';
  intervalMs: number;
  batchSize: number;
  leaseMs: number;
  maxAttempts: number;
  surveys: SurveySettings;
}

function template(templateId: string | undefined, fields: string): TemplateSettings | undefined {
  if (!templateId) return undefined;
  return {
    templateId,
    fields: fields.split(',').map((pair) => {
      const [key, source] = pair.split(':') as [string, FieldSource];
      return { key, source };
    }),
  };
}

export function notificationSettings(config: Config): NotificationSettings {
  const n = config.notifications;
  const templates: NotificationSettings['templates'] = {};
  const accepted = template(n.acceptedTemplateId, n.acceptedFields);
  const result = template(n.resultTemplateId, n.resultFields);
  const survey = template(n.surveyTemplateId, n.surveyFields);
  if (accepted) templates.accepted = accepted;
  if (result) templates.result = result;
  if (survey) templates.survey = survey;
  return {
    templates,
    miniprogramState: n.miniprogramState,
    intervalMs: n.intervalMs,
    batchSize: n.batchSize,
    leaseMs: n.leaseSeconds * 1000,
    maxAttempts: n.maxAttempts,
    surveys: {
      tokenTtlMs: config.surveys.tokenTtlDays * 86_400_000,
      changeWindowMs: config.surveys.changeWindowHours * 3_600_000,
      reopenOnUnsatisfied: config.surveys.reopenOnUnsatisfied,
      reasons: config.surveys.reasons,
    },
  };
}
