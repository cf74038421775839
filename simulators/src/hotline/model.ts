/** The shapes of the 12345 channel contract (docs/hotline-contract.md), as the simulator holds them. */

export const ticketTypes = ['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const;
export type TicketType = (typeof ticketTypes)[number];

export const ticketStatuses = ['accepted', 'dispatched', 'signed', 'in_progress', 'replied', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const eventTypes = [
  'accept',
  'dispatch',
  'sign',
  'transfer',
  'send_back',
  'start',
  'extend',
  'reply',
  'close',
  'reopen',
  'supervise',
  'urge',
] as const;
export type EventType = (typeof eventTypes)[number];

export const messageKinds = ['supplement', 'withdraw', 'rating', 'reply', 'transfer', 'extend', 'close'] as const;
/** §4.1: kinds that are actions of staff working through the channel; the ticket moves as if an operator did it. */
export const channelActions = ['reply', 'transfer', 'extend', 'close'] as const;
export type ChannelAction = (typeof channelActions)[number];
export type MessageKind = (typeof messageKinds)[number];

export const ratings = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;

/** §5: one shape, pushed or polled. */
export interface HotlineEvent {
  eventId: string;
  ticketNo: string;
  caseId: string;
  sequence: number;
  type: EventType;
  status: TicketStatus;
  unit: string | null;
  text: string | null;
  dueAt: string | null;
  occurredAt: string;
  /** §5: `channel` when the event records an action the channel itself sent (§4.1), `hotline` otherwise. */
  origin: 'hotline' | 'channel';
}

/** §3's request body. */
export interface CreateTicketRequest {
  channel: string;
  caseId: string;
  type: TicketType;
  category: { code: string; name: string };
  title: string;
  content: string;
  location: {
    address: string;
    latitude: number | null;
    longitude: number | null;
    regionCode: string | null;
  } | null;
  photos: Array<{ url: string; expiresAt: string }>;
  contact: { name: string | null; phone: string | null } | null;
  anonymous: boolean;
  confidential: boolean;
  submittedAt: string;
}

/** §4's request body. */
export interface MessageRequest {
  seq: number;
  kind: MessageKind;
  text: string | null;
  at: string;
  /** transfer: the unit the ticket goes to. */
  unit?: string;
  /** extend: the new deadline. */
  dueAt?: string;
}

export interface TicketMessage extends MessageRequest {
  idempotencyKey: string;
  receivedAt: string;
}

/** A ticket as tests and the control API see it (a copy: changing it changes nothing). */
export interface Ticket {
  ticketNo: string;
  caseId: string;
  idempotencyKey: string;
  /** SHA-256 of the request body with its keys sorted: what "the same body" is compared by. */
  bodyHash: string;
  request: CreateTicketRequest;
  status: TicketStatus;
  /** The sequence of the latest event. */
  sequence: number;
  unit: string | null;
  acceptedAt: string;
  dueAt: string | null;
  events: HotlineEvent[];
  /** Ordered by seq. */
  messages: TicketMessage[];
}

/** The contract's error codes, plus the ones the simulator's faults and fallbacks answer. */
export type ChannelErrorCode =
  | 'INVALID_FIELD'
  | 'UNKNOWN_TICKET'
  | 'IDEMPOTENCY_CONFLICT'
  | 'TICKET_CLOSED'
  | 'TICKET_STATE_CONFLICT'
  | 'UNKNOWN_KEY'
  | 'BAD_SIGNATURE'
  | 'STALE_REQUEST'
  | 'REPLAYED'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'SIMULATED_FAULT';

/** What a channel endpoint answers: a status and a JSON body. */
export interface ChannelReply {
  status: number;
  body: unknown;
}

export function errorReply(status: number, code: ChannelErrorCode, message: string, field?: string): ChannelReply {
  return { status, body: { error: { code, message, ...(field === undefined ? {} : { field }) } } };
}
