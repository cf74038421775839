/**
 * What the BFF needs from a city's 12345 work-order system. The contract adapter (docs/hotline-contract.md)
 * and the Open311 adapter implement it; a city with its own interface gets one more adapter.
 */
export type HotlineCaseType = 'consultation' | 'help' | 'complaint' | 'report' | 'suggestion' | 'praise';

export interface TicketRequest {
  caseId: string;
  type: HotlineCaseType;
  category: { code: string; name: string };
  title: string;
  content: string;
  location: {
    address: string | null;
    latitude: number | null;
    longitude: number | null;
    regionCode: string | null;
  } | null;
  photos: { url: string; expiresAt: string }[];
  contact: { name: string | null; phone: string | null } | null;
  anonymous: boolean;
  confidential: boolean;
  submittedAt: string;
}

export interface TicketReceipt {
  ticketNo: string;
  status: string;
  acceptedAt: string | null;
  dueAt: string | null;
}

export interface TicketMessage {
  seq: number;
  /** supplement/withdraw/rating from the citizen; reply/transfer/extend/close are staff actions (contract §4.1). */
  kind: 'supplement' | 'withdraw' | 'rating' | 'reply' | 'transfer' | 'extend' | 'close';
  text: string | null;
  at: string;
  /** transfer: the receiving unit. */
  unit?: string;
  /** extend: the new deadline. */
  dueAt?: string;
}

export type HotlineEventType =
  | 'accept'
  | 'dispatch'
  | 'sign'
  | 'transfer'
  | 'send_back'
  | 'start'
  | 'extend'
  | 'reply'
  | 'close'
  | 'reopen'
  | 'supervise'
  | 'urge';

export interface HotlineEvent {
  eventId: string;
  ticketNo: string;
  caseId: string | null;
  sequence: number;
  type: HotlineEventType;
  status: string | null;
  unit: string | null;
  text: string | null;
  dueAt: string | null;
  occurredAt: string;
  /** `channel`: the event records an action we sent (§4.1) and already applied; it only moves the sequence. */
  origin: 'hotline' | 'channel';
}

export interface HotlineApi {
  createTicket(idempotencyKey: string, request: TicketRequest): Promise<TicketReceipt>;
  sendMessage(idempotencyKey: string, ticketNo: string, message: TicketMessage): Promise<void>;
  /** Events after the position (since, after eventId); answers the position of the next page. */
  fetchUpdates(
    since: Date,
    after: string | null,
    limit: number,
  ): Promise<{ events: HotlineEvent[]; next: Date; nextAfter: string | null }>;
}

/**
 * A failed call. `permanent`: the hotline refused the request itself — retrying the same request cannot
 * succeed, staff must look. Otherwise it is worth retrying later.
 */
export class HotlineError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly detail: { status?: number; code?: string; field?: string } = {},
  ) {
    super(message);
    this.name = 'HotlineError';
  }
}
