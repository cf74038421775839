import type { EntityManager } from 'typeorm';
import type { IdGenerator } from '../../lib/ids';
import type { JsonRecord } from '../../lib/json';

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

export type HotlineMessageKind =
  'create_ticket' | 'withdraw' | 'supplement' | 'rating' | 'reply' | 'transfer' | 'extend' | 'close';

export interface HotlineMessage {
  caseId: string;
  kind: HotlineMessageKind;
  payload: JsonRecord;
  /** Queued but not sent until staff release it. */
  held?: boolean;
  /** The case's first message: no earlier one to order after. */
  first?: boolean;
}

/**
 * The hotline outbox, as the case modules need it: messages queued inside the caller's transaction, so a case
 * change and its message to the 12345 system commit together. The hotline module implements it.
 */
export interface HotlineOutbox {
  enqueue(manager: EntityManager, ids: IdGenerator, at: Date, message: HotlineMessage): Promise<void>;
  /** Cancels a ticket creation never tried yet; true when cancelled. */
  cancelUnsentTicket(manager: EntityManager, caseId: string, at: Date): Promise<boolean>;
  /** Holds a case's unsent ticket for staff review. */
  holdUnsentTicket(manager: EntityManager, caseId: string, at: Date): Promise<void>;
}
