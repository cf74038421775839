import { useRef, useState } from 'react';
import {
  createCaseRequestSchema,
  fieldIssuesOf,
  type CaseDetail,
  type CaseType,
  type CreateCaseRequest,
  type FieldIssue,
} from '@hotline/shared-types';
import { api } from '../services/api';
import { ApiError, type ApiErrorCode } from '../services/http';
import { useCaseDraft, type CaseDraft, type DraftFields } from './useCaseDraft';

/** The form fields an error can be shown next to. */
export type CaseFormField =
  'type' | 'category' | 'content' | 'photos' | 'address' | 'contactName' | 'phone' | 'privacyConsent';
export type CaseFormErrors = Partial<Record<CaseFormField, string>>;

const GENERIC_FAILURE = '提交失败，请稍后再试';

/** Refusals that are about one field even when the BFF names no path: shown next to that field. */
const FIELD_OF_CODE: Partial<Record<ApiErrorCode, CaseFormField>> = {
  CONTENT_RISKY: 'content',
  PHONE_CODE_INVALID: 'phone',
};

/** Where an issue's dotted path (`contact.phone`, `location.address`, …) is shown on the form. */
function fieldOf(path: string): CaseFormField | undefined {
  if (path === 'contact.name') return 'contactName';
  // `contact` alone is the anonymous-with-contact rule; phoneCode problems are about the number too.
  if (path === 'contact' || path.startsWith('contact.')) return 'phone';
  if (path === 'location' || path.startsWith('location.')) return 'address';
  if (path === 'photoIds' || path.startsWith('photoIds.')) return 'photos';
  const head = path.split('.')[0];
  const direct: readonly string[] = ['type', 'category', 'content', 'privacyConsent'];
  return head !== undefined && direct.includes(head) ? (head as CaseFormField) : undefined;
}

/** The first message per field; messages about anything the form does not show are returned apart. */
function placeIssues(issues: FieldIssue[]): { fields: CaseFormErrors; elsewhere: string[] } {
  const fields: CaseFormErrors = {};
  const elsewhere: string[] = [];
  for (const { path, message } of issues) {
    const field = fieldOf(path);
    if (!field) elsewhere.push(message);
    else fields[field] ??= message;
  }
  return { fields, elsewhere };
}

/** The request the draft stands for; empty optional texts are left out rather than sent blank. */
export function requestOf(draft: CaseDraft): Record<string, unknown> {
  const address = draft.address.trim();
  const name = draft.contactName.trim();
  const phone = draft.phone.trim();
  const phoneCode = phone === '' ? draft.phoneCode : '';
  const hasContact = !draft.anonymous && (name !== '' || phone !== '' || phoneCode !== '');
  const located = draft.latitude !== null && draft.longitude !== null;
  return {
    type: draft.type,
    category: draft.category,
    content: draft.content,
    ...(draft.photos.length > 0 && { photoIds: draft.photos.map((photo) => photo.id) }),
    ...((address || located) && {
      location: {
        ...(address && { address }),
        ...(located && { latitude: draft.latitude, longitude: draft.longitude }),
      },
    }),
    ...(hasContact && { contact: { ...(name && { name }), ...(phone && { phone }), ...(phoneCode && { phoneCode }) } }),
    anonymous: draft.anonymous,
    confidential: draft.confidential,
    privacyConsent: draft.privacyConsent,
  };
}

/**
 * Validates with the shared schema. A missing consent is a literal mismatch, after which zod skips the schema's
 * cross-field rules (phone unless anonymous); checking again as if consent were given shows those messages in
 * the same pass instead of one tap later.
 */
function validate(request: Record<string, unknown>): { data?: CreateCaseRequest; issues: FieldIssue[] } {
  const parsed = createCaseRequestSchema.safeParse(request);
  if (parsed.success) return { data: parsed.data, issues: [] };
  const issues = fieldIssuesOf(parsed.error);
  if (request.privacyConsent === true) return { issues };
  const consented = createCaseRequestSchema.safeParse({ ...request, privacyConsent: true });
  const more = consented.success ? [] : fieldIssuesOf(consented.error);
  return { issues: [...issues, ...more.filter((issue) => !issues.some(({ path }) => path === issue.path))] };
}

/** Fields whose error no longer applies once these values change. */
function fieldsTouchedBy(changes: Partial<DraftFields>): CaseFormField[] {
  const touched: CaseFormField[] = [];
  for (const key of Object.keys(changes) as (keyof DraftFields)[]) {
    if (key === 'anonymous') touched.push('contactName', 'phone');
    else if (key === 'phoneCode') touched.push('phone');
    else if (key === 'latitude' || key === 'longitude') touched.push('address');
    else if (key !== 'confidential') touched.push(key);
  }
  return touched;
}

/**
 * State of the submit form: validates with the shared schema before sending, so a citizen sees the same
 * messages the BFF would answer with, and shows the BFF's own answer when it still refuses. Every send of one
 * draft carries the draft's Idempotency-Key, so retries and double taps make at most one case.
 */
export function useCaseForm(typeFromEntry: CaseType | undefined) {
  const { draft, edit, save, renewKey, discard } = useCaseDraft(typeFromEntry);
  const [errors, setErrors] = useState<CaseFormErrors>({});
  const [formError, setFormError] = useState('');
  const [submitting, setSubmitting] = useState(false);
  // State updates land after the render; a second tap in the same frame must already see the first.
  const inFlight = useRef(false);

  function change(changes: Partial<DraftFields>): void {
    edit(changes);
    const touched = fieldsTouchedBy(changes);
    setErrors((current) => {
      const next = { ...current };
      for (const field of touched) delete next[field];
      return next;
    });
  }

  /** Checks the draft with the shared schema and shows what is wrong; the request when nothing is. */
  function check(): CreateCaseRequest | undefined {
    setFormError('');
    const { data, issues } = validate(requestOf(draft));
    if (!data) {
      const { fields, elsewhere } = placeIssues(issues);
      setErrors(fields);
      setFormError(elsewhere.join('；'));
      return undefined;
    }
    setErrors({});
    return data;
  }

  /** Resolves to the created (or replayed) case, or undefined when validation or the BFF refused it. */
  async function submit(): Promise<CaseDetail | undefined> {
    if (inFlight.current) return undefined;
    const data = check();
    if (!data) return undefined;
    inFlight.current = true;
    setSubmitting(true);
    save();
    try {
      const created = await api.createCase(data, draft.idempotencyKey);
      discard();
      return created;
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setFormError(GENERIC_FAILURE);
        return undefined;
      }
      // The key already made a case from different content: this draft goes on under a new key.
      if (error.code === 'IDEMPOTENCY_KEY_REUSED') renewKey();
      // A spent or expired phone code cannot be sent again: the citizen taps the button again or types.
      if (error.code === 'PHONE_CODE_INVALID') edit({ phoneCode: '' });
      const { fields, elsewhere } = placeIssues(error.fields);
      const field = FIELD_OF_CODE[error.code];
      if (field && !fields[field]) fields[field] = error.message;
      setErrors(fields);
      setFormError((field ? elsewhere : [error.message, ...elsewhere]).join('；'));
      return undefined;
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }

  /** Shows an error next to a field from outside the form's own checks (a failed photo upload, say). */
  function showFieldError(field: CaseFormField, message: string): void {
    setErrors((current) => ({ ...current, [field]: message }));
  }

  return { draft, change, errors, formError, submitting, check, submit, showFieldError };
}
