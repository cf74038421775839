import { z } from 'zod';
import { personText } from './text';

/**
 * Subscription messages (订阅消息) and satisfaction surveys. The mini-program asks WeChat for one-time
 * subscriptions with `wx.requestSubscribeMessage` on a tap, then reports each template's result here; one
 * accepted result is one grant, and one grant pays for exactly one message.
 */

/** What each template is for: 受理通知, 办理结果 (replies and extensions), 满意度评价 (after 办结). */
export const NOTIFICATION_PURPOSES = {
  accepted: '受理通知',
  result: '办理结果通知',
  survey: '满意度评价提醒',
} as const;
export type NotificationPurpose = keyof typeof NOTIFICATION_PURPOSES;
export const notificationPurposeSchema = z.enum(
  Object.keys(NOTIFICATION_PURPOSES) as [NotificationPurpose, ...NotificationPurpose[]],
);

/**
 * Where a tapped message opens the mini-program: the case page (`?id=<caseId>`) or the survey page
 * (`?token=<surveyToken>`, for GET/POST /api/v1/surveys/:token).
 */
export const NOTIFICATION_PAGES = {
  case: 'pages/detail/index',
  survey: 'pages/survey/index',
} as const;

/** `wx.requestSubscribeMessage`'s answer per template id: accept, reject, ban (all refused), filter (hidden). */
export const subscriptionResultSchema = z.enum(['accept', 'reject', 'ban', 'filter']);
export type SubscriptionResult = z.infer<typeof subscriptionResultSchema>;

export const subscriptionTemplateSchema = z.object({
  purpose: notificationPurposeSchema,
  label: z.string(),
  templateId: z.string(),
});

/** The templates to pass to `wx.requestSubscribeMessage({ tmplIds })` (at most three per call). */
export const subscriptionTemplatesSchema = z.object({ templates: z.array(subscriptionTemplateSchema) });
export type SubscriptionTemplates = z.infer<typeof subscriptionTemplatesSchema>;

export const reportSubscriptionsRequestSchema = z.strictObject({
  caseId: z
    .string()
    .regex(/^[0-9A-Z]{26}$/, { error: '诉求编号无效' })
    .optional()
    .describe('The case the citizen subscribed for (omit on the submit tap, before the case exists)'),
  results: z
    .array(z.strictObject({ templateId: z.string().min(1).max(128), result: subscriptionResultSchema }))
    .min(1, { error: '请提供订阅结果' })
    .max(3, { error: '一次最多订阅3个模板' })
    .describe("One entry per template id of wx.requestSubscribeMessage's answer (its errMsg left out)"),
});
export type ReportSubscriptionsRequest = z.infer<typeof reportSubscriptionsRequestSchema>;

export const subscriptionQuerySchema = z.object({
  caseId: z
    .string()
    .regex(/^[0-9A-Z]{26}$/)
    .optional(),
});

/** Unspent grants per purpose: for a case (its own plus general ones), or general ones only. */
export const subscriptionStateSchema = z.object({
  caseId: z.string().nullable(),
  grants: z.array(subscriptionTemplateSchema.extend({ available: z.number().int().min(0) })),
});
export type SubscriptionState = z.infer<typeof subscriptionStateSchema>;

/** 满意 / 基本满意 / 不满意 — the values cases.rating stores and 满意率 counts. */
export const RATINGS = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
} as const;
export type Rating = keyof typeof RATINGS;
export const ratingSchema = z.enum(Object.keys(RATINGS) as [Rating, ...Rating[]], { error: '请选择满意程度' });

export const SURVEY_COMMENT_MAX_CHARS = 500;

export const submitRatingRequestSchema = z.strictObject({
  rating: ratingSchema,
  reasons: z.array(z.string().max(20)).max(10).default([]).describe('Chosen from the survey’s reasons'),
  comment: personText()
    .max(SURVEY_COMMENT_MAX_CHARS, { error: `补充意见不能超过${SURVEY_COMMENT_MAX_CHARS}个字` })
    .optional(),
});
export type SubmitRatingRequest = z.input<typeof submitRatingRequestSchema>;

export const surveyParamsSchema = z.object({ token: z.string().min(16).max(128) });

/** A survey as the survey page shows it: the case in brief, the choices, and the rating so far. */
export const surveySchema = z.object({
  caseId: z.string(),
  title: z.string(),
  ticketNo: z.string().nullable(),
  closedAt: z.iso.datetime().nullable(),
  result: z.string().nullable().describe('The closing note or the last reply'),
  choices: z.array(z.object({ value: ratingSchema, label: z.string() })),
  reasons: z.array(z.string()),
  rating: z
    .object({
      value: ratingSchema,
      reasons: z.array(z.string()),
      comment: z.string().nullable(),
      ratedAt: z.iso.datetime(),
    })
    .nullable(),
  /** Until when a rating given now (or the one given) may still be changed; null while none was given. */
  changeableUntil: z.iso.datetime().nullable(),
  canRate: z.boolean().describe('Whether a rating (or a change) would be accepted now'),
});
export type Survey = z.infer<typeof surveySchema>;

/** One subscription message of a case as staff see it (admin case detail). */
export const caseNotificationSchema = z.object({
  id: z.string(),
  purpose: notificationPurposeSchema,
  event: z.string(),
  state: z.enum(['pending', 'sent', 'skipped', 'refused', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable().describe("WeChat's errcode and errmsg of a refusal, for staff"),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CaseNotification = z.infer<typeof caseNotificationSchema>;
