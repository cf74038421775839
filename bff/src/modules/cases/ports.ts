import type { EntityManager } from 'typeorm';

/** The verdict on user text (WeChat msg_sec_check); `unavailable` when the check could not be made. */
export type ContentVerdict = 'pass' | 'review' | 'risky' | 'unavailable';

export interface ContentChecker {
  check(openid: string, text: string): Promise<{ verdict: ContentVerdict; traceId?: string }>;
}

/** Exchanges the code of WeChat's getPhoneNumber button for the number. */
export interface PhoneNumberResolver {
  resolve(code: string): Promise<string>;
}

export class PhoneCodeInvalidError extends Error {}

/** The uploads module, as the case module needs it: photos join a case inside the case's transaction. */
export interface CasePhotos {
  attachToCase(ids: string[], caseId: string, citizenId: string, manager: EntityManager): Promise<void>;
  listForCase(caseId: string): Promise<{ id: string; width: number; height: number }[]>;
  deleteForCitizen(citizenId: string, manager: EntityManager): Promise<void>;
}
