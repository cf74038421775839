import { createHash, randomBytes } from 'node:crypto';
import type { SimulatorClock } from '../wechat/clock';
import { chinaDateStamp, dueAtFor, type DeadlineRule } from './dates';
import type { PlannedEvent } from './lifecycle';
import type { ChannelReply, CreateTicketRequest, HotlineEvent, Ticket, TicketMessage } from './model';

/** A ticket and what the simulator remembers about it beyond the contract's view. */
export interface TicketRecord {
  ticket: Ticket;
  /** Idempotency key of each message → the hash of its body and the first answer, replayed on a retry. */
  messageAnswers: Map<string, { bodyHash: string; reply: ChannelReply }>;
}

export interface StoreOptions {
  clock: SimulatorClock;
  ticketPrefix: string;
  /** null: tickets are accepted without a deadline (set at dispatch). */
  deadline: DeadlineRule | null;
}

/** JSON with object keys sorted at every level, so "the same body" ignores key order and spacing. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function bodyHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

const copy = <T>(value: T): T => structuredClone(value);

/** Everything a store holds, as JSON: what a restarted simulator loads to go on where it stopped. */
export interface StoreSnapshot {
  version: 1;
  tickets: { ticket: Ticket; messageAnswers: [string, { bodyHash: string; reply: ChannelReply }][] }[];
  log: HotlineEvent[];
  dailyCounters: [string, number][];
  eventCount: number;
}

/** Tickets, their idempotency keys, and the append-only event log polling reads. In memory (see `snapshot`). */
export class TicketStore {
  private readonly records = new Map<string, TicketRecord>();
  private readonly byIdempotencyKey = new Map<string, TicketRecord>();
  private readonly log: HotlineEvent[] = [];
  private readonly dailyCounters = new Map<string, number>();
  private readonly listeners: Array<(event: HotlineEvent) => void> = [];
  /** Keeps event ids unique across simulator restarts, since receivers deduplicate by eventId for good. */
  private readonly instance = randomBytes(4).toString('hex');
  private eventCount = 0;

  constructor(private readonly options: StoreOptions) {}

  now(): Date {
    return this.options.clock.now();
  }

  /** Called after every new event (push, auto-advance). */
  onEvent(listener: (event: HotlineEvent) => void): void {
    this.listeners.push(listener);
  }

  byKey(idempotencyKey: string): TicketRecord | undefined {
    return this.byIdempotencyKey.get(idempotencyKey);
  }

  get(ticketNo: string): TicketRecord | undefined {
    return this.records.get(ticketNo);
  }

  /** Creates an accepted ticket and records its `accept` event (sequence 1). */
  create(idempotencyKey: string, hash: string, request: CreateTicketRequest): TicketRecord {
    const now = this.options.clock.now();
    const dueAt = this.options.deadline ? dueAtFor(now, this.options.deadline).toISOString() : null;
    const ticket: Ticket = {
      ticketNo: this.nextTicketNo(now),
      caseId: request.caseId,
      idempotencyKey,
      bodyHash: hash,
      request,
      status: 'accepted',
      sequence: 0,
      unit: null,
      acceptedAt: now.toISOString(),
      dueAt,
      events: [],
      messages: [],
    };
    const record: TicketRecord = { ticket, messageAnswers: new Map() };
    this.records.set(ticket.ticketNo, record);
    this.byIdempotencyKey.set(idempotencyKey, record);
    this.append(record, { type: 'accept', status: 'accepted', unit: null, text: null, dueAt }, now);
    return record;
  }

  /** Appends an event with the ticket's next sequence and applies it to the ticket. */
  append(record: TicketRecord, planned: PlannedEvent, occurredAt = this.options.clock.now()): HotlineEvent {
    const { ticket } = record;
    this.eventCount += 1;
    const event: HotlineEvent = {
      eventId: `evt_${this.instance}${String(this.eventCount).padStart(10, '0')}`,
      ticketNo: ticket.ticketNo,
      caseId: ticket.caseId,
      sequence: ticket.sequence + 1,
      ...planned,
      origin: planned.origin ?? 'hotline',
      occurredAt: occurredAt.toISOString(),
    };
    ticket.sequence = event.sequence;
    ticket.status = event.status;
    ticket.unit = event.unit;
    if (event.dueAt !== null) ticket.dueAt = event.dueAt;
    ticket.events.push(event);
    this.log.push(event);
    for (const listener of this.listeners) listener(copy(event));
    return copy(event);
  }

  addMessage(record: TicketRecord, message: TicketMessage): void {
    record.ticket.messages.push(message);
    record.ticket.messages.sort((a, b) => a.seq - b.seq);
  }

  list(): Ticket[] {
    return [...this.records.values()].map((record) => copy(record.ticket));
  }

  events(): HotlineEvent[] {
    return copy(this.log);
  }

  /**
   * §5.2: events after the position (occurredAt, eventId) — occurredAt ≥ since, and when `after` is given,
   * events at exactly `since` only if their eventId sorts after it — oldest first, at most limit.
   */
  updates(
    since: Date,
    limit: number,
    after?: string,
  ): { events: HotlineEvent[]; next: string; nextAfter: string | null } {
    const from = since.getTime();
    const events = this.log
      .filter((event) => {
        const at = Date.parse(event.occurredAt);
        return at > from || (at === from && (after === undefined || event.eventId > after));
      })
      .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || (a.eventId < b.eventId ? -1 : 1))
      .slice(0, limit);
    const last = events.at(-1);
    return {
      events: copy(events),
      next: last ? new Date(Date.parse(last.occurredAt)).toISOString() : since.toISOString(),
      nextAfter: last ? last.eventId : (after ?? null),
    };
  }

  /** The whole store as plain data (shares its objects: serialise it before the store changes again). */
  snapshot(): StoreSnapshot {
    return {
      version: 1,
      tickets: [...this.records.values()].map((record) => ({
        ticket: record.ticket,
        messageAnswers: [...record.messageAnswers],
      })),
      log: this.log,
      dailyCounters: [...this.dailyCounters],
      eventCount: this.eventCount,
    };
  }

  /** Replaces everything with a snapshot's contents: the tickets, their keys, the event log and the numbering. */
  restore(snapshot: StoreSnapshot): void {
    this.records.clear();
    this.byIdempotencyKey.clear();
    for (const { ticket, messageAnswers } of snapshot.tickets) {
      const record: TicketRecord = { ticket, messageAnswers: new Map(messageAnswers) };
      this.records.set(ticket.ticketNo, record);
      this.byIdempotencyKey.set(ticket.idempotencyKey, record);
    }
    this.log.splice(0, this.log.length, ...snapshot.log);
    this.dailyCounters.clear();
    for (const [day, count] of snapshot.dailyCounters) this.dailyCounters.set(day, count);
    this.eventCount = snapshot.eventCount;
  }

  private nextTicketNo(now: Date): string {
    const day = chinaDateStamp(now);
    const count = (this.dailyCounters.get(day) ?? 0) + 1;
    this.dailyCounters.set(day, count);
    return `${this.options.ticketPrefix}${day}${String(count).padStart(6, '0')}`;
  }
}
