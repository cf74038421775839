import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { caseTypeSchema, idempotencyKeySchema, type CaseType } from '@hotline/shared-types';
import { newIdempotencyKey } from '../utils/idempotency-key';

/** What the citizen has entered so far, and the key that makes every send of this draft one case. */
export interface CaseDraft {
  type: CaseType;
  category: string;
  content: string;
  address: string;
  contactName: string;
  phone: string;
  anonymous: boolean;
  confidential: boolean;
  privacyConsent: boolean;
  idempotencyKey: string;
}

export type DraftFields = Omit<CaseDraft, 'idempotencyKey'>;

export const DRAFT_STORAGE_KEY = 'case-draft';
const SAVE_DELAY_MS = 500;

function emptyDraft(type: CaseType): CaseDraft {
  return {
    type,
    category: '',
    content: '',
    address: '',
    contactName: '',
    phone: '',
    anonymous: false,
    confidential: false,
    privacyConsent: false,
    idempotencyKey: newIdempotencyKey(),
  };
}

/** The stored draft when it still has the expected shape; anything else (an older version, say) is dropped. */
function storedDraft(): CaseDraft | undefined {
  const value: unknown = Taro.getStorageSync(DRAFT_STORAGE_KEY);
  if (typeof value !== 'object' || value === null) return undefined;
  const draft = value as Record<keyof CaseDraft, unknown>;
  const texts = [draft.category, draft.content, draft.address, draft.contactName, draft.phone];
  const flags = [draft.anonymous, draft.confidential, draft.privacyConsent];
  if (!caseTypeSchema.safeParse(draft.type).success || !idempotencyKeySchema.safeParse(draft.idempotencyKey).success) {
    return undefined;
  }
  if (!texts.every((text) => typeof text === 'string') || !flags.every((flag) => typeof flag === 'boolean')) {
    return undefined;
  }
  return value as CaseDraft;
}

/**
 * The submit form's draft, kept in storage as the citizen types (debounced) so it survives leaving the page or
 * the app. The type chosen on the home page wins over the stored one.
 */
export function useCaseDraft(typeFromEntry: CaseType | undefined) {
  const [draft, setDraft] = useState<CaseDraft>(() => {
    const stored = storedDraft();
    if (!stored) return emptyDraft(typeFromEntry ?? 'consultation');
    return typeFromEntry ? { ...stored, type: typeFromEntry } : stored;
  });
  const unsaved = useRef<CaseDraft | undefined>(undefined);
  const discarded = useRef(false);

  const save = useCallback(() => {
    if (unsaved.current && !discarded.current) Taro.setStorageSync(DRAFT_STORAGE_KEY, unsaved.current);
    unsaved.current = undefined;
  }, []);

  useEffect(() => {
    unsaved.current = draft;
    const timer = setTimeout(save, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, save]);

  // Leaving the page within the delay must not lose the last keystrokes.
  useEffect(() => save, [save]);

  const edit = useCallback((changes: Partial<DraftFields>) => {
    setDraft((current) => ({ ...current, ...changes }));
  }, []);

  /** The key is spent (the BFF holds a case for it): later sends of this draft need a new one. */
  const renewKey = useCallback(() => {
    setDraft((current) => ({ ...current, idempotencyKey: newIdempotencyKey() }));
  }, []);

  /** After a successful submission: the draft is gone, and nothing saves it again. */
  const discard = useCallback(() => {
    discarded.current = true;
    unsaved.current = undefined;
    Taro.removeStorageSync(DRAFT_STORAGE_KEY);
  }, []);

  return { draft, edit, save, renewKey, discard };
}
