import { z } from 'zod';
import type { Clock } from '../../lib/clock';
import {
  HotlineError,
  type HotlineApi,
  type HotlineEvent,
  type TicketMessage,
  type TicketReceipt,
  type TicketRequest,
} from './hotline-api';
import { httpRequest } from '../http-client';
import { signRequest } from './signing';

export interface HotlineHttpSettings {
  baseUrl: string;
  keyId: string;
  secret: string;
  timeoutMs: number;
}

const receiptSchema = z.object({
  ticketNo: z.string().min(1).max(64),
  status: z.string(),
  acceptedAt: z.string().nullable().optional(),
  dueAt: z.string().nullable().optional(),
});

/** The largest sequence a case can record (a signed 32-bit column): a larger one would stop every later event. */
const MAX_SEQUENCE = 2_147_483_647;
/** An instant with its offset, within what the database's DATETIME and a case's timeline hold: 2000 to 2099. */
const instant = z.iso.datetime({ offset: true }).refine((value) => {
  const ms = Date.parse(value);
  return ms >= Date.UTC(2000, 0, 1) && ms < Date.UTC(2100, 0, 1);
}, 'must be between 2000 and 2099');

export const hotlineEventSchema = z.object({
  eventId: z.string().min(1).max(128),
  ticketNo: z.string().min(1).max(64),
  caseId: z.string().max(64).nullable().optional(),
  sequence: z.number().int().min(0).max(MAX_SEQUENCE),
  type: z.enum([
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
  ]),
  status: z.string().nullable().optional(),
  unit: z.string().max(100).nullable().optional(),
  text: z.string().max(5000).nullable().optional(),
  dueAt: instant.nullable().optional(),
  occurredAt: instant,
  origin: z.enum(['hotline', 'channel']).optional(),
});

export function toHotlineEvent(raw: z.infer<typeof hotlineEventSchema>): HotlineEvent {
  return {
    eventId: raw.eventId,
    ticketNo: raw.ticketNo,
    caseId: raw.caseId ?? null,
    sequence: raw.sequence,
    type: raw.type,
    status: raw.status ?? null,
    unit: raw.unit ?? null,
    text: raw.text ?? null,
    dueAt: raw.dueAt ?? null,
    occurredAt: raw.occurredAt,
    origin: raw.origin ?? 'hotline',
  };
}

const updatesSchema = z.object({
  events: z.array(z.unknown()),
  next: z.iso.datetime({ offset: true }),
  nextAfter: z.string().nullable().optional(),
});
const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string().optional(), field: z.string().optional() }),
});

/** A body as JSON, or undefined when it is empty or not JSON (an error page from a proxy, say). */
export function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** How this product is named to the hotline (contract §3). */
export const CHANNEL = 'wechat-miniprogram';

/** 4xx other than signing and throttling: the request itself is wrong, retrying cannot help. */
const isPermanent = (status: number): boolean =>
  status >= 400 && status < 500 && ![401, 408, 425, 429].includes(status);

/** The contract of docs/hotline-contract.md over HTTPS, every request signed. */
export class HttpHotlineApi implements HotlineApi {
  private readonly base: URL;
  /** Every case's create goes to the same address: parsed once. */
  private readonly ticketsUrl: URL;

  constructor(
    private readonly settings: HotlineHttpSettings,
    private readonly clock: Clock,
  ) {
    this.base = new URL(settings.baseUrl.replace(/\/?$/, '/'));
    this.ticketsUrl = new URL('tickets', this.base);
  }

  async createTicket(idempotencyKey: string, request: TicketRequest): Promise<TicketReceipt> {
    const body = await this.call('POST', 'tickets', { channel: CHANNEL, ...request }, idempotencyKey);
    const parsed = receiptSchema.safeParse(body);
    if (!parsed.success) throw new HotlineError('create ticket: unexpected answer', false);
    return { ...parsed.data, acceptedAt: parsed.data.acceptedAt ?? null, dueAt: parsed.data.dueAt ?? null };
  }

  async sendMessage(idempotencyKey: string, ticketNo: string, message: TicketMessage): Promise<void> {
    await this.call('POST', `tickets/${encodeURIComponent(ticketNo)}/messages`, message, idempotencyKey);
  }

  async fetchUpdates(
    since: Date,
    after: string | null,
    limit: number,
  ): Promise<{ events: HotlineEvent[]; next: Date; nextAfter: string | null }> {
    const query = new URLSearchParams({
      since: since.toISOString(),
      ...(after ? { after } : {}),
      limit: String(limit),
    });
    const parsed = updatesSchema.safeParse(await this.call('GET', `updates?${query.toString()}`));
    if (!parsed.success) throw new HotlineError('updates: unexpected answer', false);
    // One malformed event is skipped, never the whole page.
    const events = parsed.data.events.flatMap((raw) => {
      const event = hotlineEventSchema.safeParse(raw);
      return event.success ? [toHotlineEvent(event.data)] : [];
    });
    return { events, next: new Date(parsed.data.next), nextAfter: parsed.data.nextAfter ?? null };
  }

  private async call(
    method: 'GET' | 'POST',
    relative: string,
    payload?: unknown,
    idempotencyKey?: string,
  ): Promise<unknown> {
    const url = relative === 'tickets' ? this.ticketsUrl : new URL(relative, this.base);
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const headers: Record<string, string> = {
      ...signRequest({
        method,
        path: url.pathname + url.search,
        body,
        keyId: this.settings.keyId,
        secret: this.settings.secret,
        now: this.clock.now(),
      }),
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    };
    let response: { status: number; text: string };
    try {
      response = await httpRequest(url, {
        method,
        headers,
        ...(method === 'GET' ? {} : { body }),
        timeoutMs: this.settings.timeoutMs,
      });
    } catch (error) {
      throw new HotlineError(`${method} ${relative.split('?')[0]}: ${(error as Error).message}`, false);
    }
    const text = response.text;
    const json = parseJson(text);
    if (response.status >= 200 && response.status < 300) return json;
    const error = errorSchema.safeParse(json);
    const code = error.success ? error.data.error.code : undefined;
    const message = error.success ? (error.data.error.message ?? code) : text.slice(0, 200);
    throw new HotlineError(
      `${method} ${relative.split('?')[0]}: HTTP ${response.status} ${code ?? ''} ${message ?? ''}`.trim(),
      isPermanent(response.status),
      {
        status: response.status,
        ...(code ? { code } : {}),
        ...(error.success && error.data.error.field ? { field: error.data.error.field } : {}),
      },
    );
  }
}
