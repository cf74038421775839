import type { EventType, TicketStatus } from './model';

/** A move a person or a test asks the hotline to make on a ticket (派单, 签收, 答复, 办结 …). */
export interface AdvanceInput {
  type: EventType;
  /** The handling unit: required for dispatch and transfer. */
  unit?: string;
  /** Reply text (required for reply), reason (transfer, send_back, extend) or result (close). */
  text?: string;
  /** The new deadline: required for extend, optional for dispatch. */
  dueAt?: string | Date;
  /** Back-dates the event, as a hotline that records an event late does. Default: the simulator's clock. */
  occurredAt?: Date;
}

/** A move that makes no sense for the ticket as it stands; the message says why. */
export class LifecycleError extends Error {
  constructor(
    readonly code: 'UNKNOWN_TICKET' | 'INVALID_TRANSITION' | 'INVALID_FIELD',
    message: string,
  ) {
    super(message);
    this.name = 'LifecycleError';
  }
}

type From = readonly TicketStatus[] | 'open' | 'closed';

interface Rule {
  from: From;
  /** The status after the event; `same` for flags and deadline changes. */
  to: TicketStatus | 'same';
  needs?: 'unit' | 'text' | 'dueAt';
}

/** The contract's §5 table, plus which statuses each event can follow. */
const rules: Readonly<Record<Exclude<EventType, 'accept'>, Rule>> = {
  dispatch: { from: ['accepted'], to: 'dispatched', needs: 'unit' },
  sign: { from: ['dispatched'], to: 'signed' },
  transfer: { from: ['dispatched', 'signed', 'in_progress'], to: 'dispatched', needs: 'unit' },
  send_back: { from: ['dispatched', 'signed'], to: 'accepted' },
  start: { from: ['dispatched', 'signed'], to: 'in_progress' },
  extend: { from: 'open', to: 'same', needs: 'dueAt' },
  // From accepted: the operator answers a consultation directly (直接答复) and closes it (直接办结).
  reply: { from: ['accepted', 'signed', 'in_progress'], to: 'replied', needs: 'text' },
  close: { from: ['accepted', 'replied', 'in_progress'], to: 'closed' },
  reopen: { from: 'closed', to: 'in_progress' },
  supervise: { from: 'open', to: 'same' },
  urge: { from: 'open', to: 'same' },
};

/** The fields of the event a move appends. */
export interface PlannedEvent {
  type: EventType;
  /** Defaults to `hotline`. */
  origin?: 'hotline' | 'channel';
  status: TicketStatus;
  /** The handling unit after the event: a snapshot, like `status`. */
  unit: string | null;
  text: string | null;
  dueAt: string | null;
}

const allows = (from: From, status: TicketStatus): boolean =>
  from === 'open' ? status !== 'closed' : from === 'closed' ? status === 'closed' : from.includes(status);

const describe = (from: From): string => (from === 'open' || from === 'closed' ? from : from.join(' or '));

function deadline(value: string | Date | undefined): string | null {
  if (value === undefined) return null;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new LifecycleError('INVALID_FIELD', 'dueAt must be a time');
  return time.toISOString();
}

/** The event a move appends, or a LifecycleError when the move makes no sense now. */
export function planEvent(current: { status: TicketStatus; unit: string | null }, input: AdvanceInput): PlannedEvent {
  if (input.type === 'accept')
    throw new LifecycleError('INVALID_TRANSITION', 'accept is recorded when a ticket is created');
  const rule = rules[input.type];
  if (!rule) throw new LifecycleError('INVALID_FIELD', `unknown event type ${String(input.type)}`);
  if (!allows(rule.from, current.status)) {
    throw new LifecycleError(
      'INVALID_TRANSITION',
      `${input.type} needs a ticket that is ${describe(rule.from)}; this one is ${current.status}`,
    );
  }
  const given = { unit: input.unit?.trim() || undefined, text: input.text?.trim() || undefined, dueAt: input.dueAt };
  if (rule.needs && given[rule.needs] === undefined) {
    throw new LifecycleError('INVALID_FIELD', `${input.type} needs ${rule.needs}`);
  }
  const unit = rule.needs === 'unit' ? (given.unit ?? null) : input.type === 'send_back' ? null : current.unit;
  return {
    type: input.type,
    status: rule.to === 'same' ? current.status : rule.to,
    unit,
    text: given.text ?? null,
    dueAt: deadline(given.dueAt),
  };
}

/** What the auto-advance demo mode does next from each status; nothing once closed. */
export const nextStep: Readonly<Partial<Record<TicketStatus, EventType>>> = {
  accepted: 'dispatch',
  dispatched: 'sign',
  signed: 'start',
  in_progress: 'reply',
  replied: 'close',
};
