import { useState } from 'react';
import {
  createCaseRequestSchema,
  fieldIssuesOf,
  type CaseSummary,
  type CaseType,
  type FieldIssue,
} from '@hotline/shared-types';
import { api } from '../services/api';
import { ApiError } from '../services/http';

export type CaseFormField = 'type' | 'content';
export type CaseFormErrors = Partial<Record<CaseFormField, string>>;

const GENERIC_FAILURE = '提交失败，请稍后再试';

/**
 * State of the submit form: validates with the shared schema before sending, so a citizen sees the same
 * messages the BFF would answer with, and keeps the BFF's own answer when it still refuses.
 */
export function useCaseForm(initialType: CaseType) {
  const [type, setType] = useState<CaseType>(initialType);
  const [content, setContent] = useState('');
  const [errors, setErrors] = useState<CaseFormErrors>({});
  const [formError, setFormError] = useState('');
  const [submitting, setSubmitting] = useState(false);

  /** Resolves to the created case, or undefined when validation or the BFF refused it. */
  async function submit(): Promise<CaseSummary | undefined> {
    if (submitting) return undefined;
    setFormError('');
    const parsed = createCaseRequestSchema.safeParse({ type, content });
    if (!parsed.success) {
      setErrors(firstErrorPerField(fieldIssuesOf(parsed.error)));
      return undefined;
    }
    setErrors({});
    setSubmitting(true);
    try {
      return await api.createCase(parsed.data);
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(firstErrorPerField(error.fields));
        setFormError(error.message);
      } else {
        setFormError(GENERIC_FAILURE);
      }
      return undefined;
    } finally {
      setSubmitting(false);
    }
  }

  return { type, setType, content, setContent, errors, formError, submitting, submit };
}

function firstErrorPerField(issues: FieldIssue[]): CaseFormErrors {
  const errors: CaseFormErrors = {};
  for (const { path, message } of issues) {
    const field = path.split('.')[0];
    if ((field === 'type' || field === 'content') && errors[field] === undefined) errors[field] = message;
  }
  return errors;
}
