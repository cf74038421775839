import { LifecycleError, planEvent, type AdvanceInput, type PlannedEvent } from './lifecycle';
import {
  channelActions,
  errorReply,
  type ChannelAction,
  type ChannelReply,
  type HotlineEvent,
  type Ticket,
} from './model';
import { bodyHash, type TicketStore } from './store';
import { parseCreateTicket, parseMessage } from './validation';

/** The text of the `close` event a citizen's withdrawal produces. */
export const WITHDRAWN_TEXT = '市民撤回';

const ticketAnswer = (ticket: Ticket): Record<string, unknown> => ({
  ticketNo: ticket.ticketNo,
  status: ticket.status,
  acceptedAt: ticket.acceptedAt,
  dueAt: ticket.dueAt,
});

/** §3: a key seen before answers its ticket (same body) or a conflict (other body); never a second ticket. */
export function createTicket(store: TicketStore, idempotencyKey: string, body: unknown): ChannelReply {
  const hash = bodyHash(body);
  const existing = store.byKey(idempotencyKey);
  if (existing) {
    return existing.ticket.bodyHash === hash
      ? { status: 200, body: ticketAnswer(existing.ticket) }
      : errorReply(409, 'IDEMPOTENCY_CONFLICT', 'this Idempotency-Key was used with another body');
  }
  const request = parseCreateTicket(body);
  if (!request.ok) return errorReply(400, 'INVALID_FIELD', request.message, request.field);
  return { status: 201, body: ticketAnswer(store.create(idempotencyKey, hash, request.value).ticket) };
}

/**
 * §4: a replayed key answers its first answer; a withdrawal closes the ticket (or is refused once it is closed).
 * A seq not above the highest one received is refused: the channel must send a ticket's messages in order.
 */
export function sendMessage(store: TicketStore, ticketNo: string, idempotencyKey: string, body: unknown): ChannelReply {
  const record = store.get(ticketNo);
  if (!record) return errorReply(404, 'UNKNOWN_TICKET', `no ticket ${ticketNo}`);
  const hash = bodyHash(body);
  const first = record.messageAnswers.get(idempotencyKey);
  if (first) {
    return first.bodyHash === hash
      ? first.reply
      : errorReply(409, 'IDEMPOTENCY_CONFLICT', 'this Idempotency-Key was used with another body');
  }
  const parsed = parseMessage(body);
  if (!parsed.ok) return errorReply(400, 'INVALID_FIELD', parsed.message, parsed.field);
  const message = parsed.value;
  const { ticket } = record;
  const highest = ticket.messages.at(-1)?.seq ?? 0;
  if (message.seq <= highest) {
    return errorReply(422, 'INVALID_FIELD', `seq ${message.seq} is not after seq ${highest} already received`, 'seq');
  }
  let reply: ChannelReply = { status: 200, body: { accepted: true } };
  const action = (channelActions as readonly string[]).includes(message.kind) ? (message.kind as ChannelAction) : null;
  let planned: PlannedEvent | null = null;
  if (action) {
    try {
      planned = {
        ...planEvent(ticket, {
          type: action,
          ...(message.unit === undefined ? {} : { unit: message.unit }),
          ...(message.text === null ? {} : { text: message.text }),
          ...(message.dueAt === undefined ? {} : { dueAt: message.dueAt }),
        }),
        origin: 'channel',
      };
    } catch (error) {
      if (!(error instanceof LifecycleError)) throw error;
      reply =
        error.code === 'INVALID_FIELD'
          ? errorReply(400, 'INVALID_FIELD', error.message)
          : errorReply(409, 'TICKET_STATE_CONFLICT', error.message);
    }
  }
  if (message.kind === 'withdraw' && ticket.status === 'closed') {
    reply = errorReply(409, 'TICKET_CLOSED', `ticket ${ticketNo} is already closed`);
  } else if (action && !planned) {
    // refused above: the ticket's state does not allow the action
  } else {
    store.addMessage(record, { ...message, idempotencyKey, receivedAt: store.now().toISOString() });
    if (message.kind === 'withdraw') {
      store.append(record, { type: 'close', status: 'closed', unit: ticket.unit, text: WITHDRAWN_TEXT, dueAt: null });
    }
    if (planned) store.append(record, planned);
  }
  record.messageAnswers.set(idempotencyKey, { bodyHash: hash, reply });
  return reply;
}

/** A hotline-side move (派单, 签收, 答复 …): appends the event, or throws LifecycleError when it makes no sense. */
export function advanceTicket(store: TicketStore, ticketNo: string, input: AdvanceInput): HotlineEvent {
  const record = store.get(ticketNo);
  if (!record) throw new LifecycleError('UNKNOWN_TICKET', `no ticket ${ticketNo}`);
  return store.append(record, planEvent(record.ticket, input), input.occurredAt);
}
