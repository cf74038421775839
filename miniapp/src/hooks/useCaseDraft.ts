import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { caseTypeSchema, idempotencyKeySchema, type CaseType } from '@hotline/shared-types';
import { newIdempotencyKey } from '../utils/idempotency-key';

/** A photo already uploaded: its id for the case, and the local path it is previewed from. */
export interface DraftPhoto {
  id: string;
  path: string;
}

/** What the citizen has entered so far, and the key that makes every send of this draft one case. */
export interface CaseDraft {
  type: CaseType;
  category: string;
  content: string;
  photos: DraftPhoto[];
  address: string;
  /** Set together when the place was picked on the map; null when only an address was typed. */
  latitude: number | null;
  longitude: number | null;
  contactName: string;
  phone: string;
  /** From WeChat's phone button; the BFF exchanges it for the number (single use, 5 minutes). */
  phoneCode: string;
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
    photos: [],
    address: '',
    latitude: null,
    longitude: null,
    contactName: '',
    phone: '',
    phoneCode: '',
    anonymous: false,
    confidential: false,
    privacyConsent: false,
    idempotencyKey: newIdempotencyKey(),
  };
}

const isPhoto = (photo: unknown): photo is DraftPhoto =>
  typeof photo === 'object' &&
  photo !== null &&
  typeof (photo as DraftPhoto).id === 'string' &&
  typeof (photo as DraftPhoto).path === 'string';
const coordinate = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/**
 * The stored draft when it still has the expected shape; anything else is dropped. Fields added since a draft
 * was saved (photos, map position, phone code) start empty, so an update never loses what was typed.
 */
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
  const photos = Array.isArray(draft.photos) ? draft.photos.filter(isPhoto) : [];
  const latitude = coordinate(draft.latitude);
  const longitude = coordinate(draft.longitude);
  const located = latitude !== null && longitude !== null;
  return {
    ...(value as CaseDraft),
    photos,
    latitude: located ? latitude : null,
    longitude: located ? longitude : null,
    phoneCode: typeof draft.phoneCode === 'string' ? draft.phoneCode : '',
  };
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
