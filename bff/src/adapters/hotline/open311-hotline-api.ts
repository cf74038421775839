import { z } from 'zod';
import type { Clock } from '../../lib/clock';
import { httpRequest, type HttpAnswer } from '../http-client';
import { CHANNEL, parseJson } from './http-hotline-api';
import {
  HotlineError,
  type HotlineApi,
  type HotlineCaseType,
  type HotlineEvent,
  type TicketMessage,
  type TicketReceipt,
  type TicketRequest,
} from './hotline-api';

export interface Open311Settings {
  /** The endpoint's base, e.g. https://311.example.gov/open311/v2/ — `requests.json` is resolved against it. */
  baseUrl: string;
  apiKey: string;
  jurisdictionId?: string;
  /** The city's service_code for each of our case types. */
  serviceCodes: Record<HotlineCaseType, string>;
  timeoutMs: number;
  /**
   * GeoReport v2 filters GET requests.json by requested_datetime only, so a poll asks for every request of
   * the last `lookbackDays` (default 90, the spec's default span) and keeps those updated since the position.
   */
  lookbackDays?: number;
  /** Also send the non-standard `updated_after` filter, for endpoints known to support it. */
  sendUpdatedAfter?: boolean;
}

/** GeoReport v2 suggests descriptions of at most 4,000 characters. */
const DESCRIPTION_MAX = 4000;
/** The case marker kept in every description: how a retry, and a poll, recognise our requests. */
const MARKER = /\[case:([0-9A-Za-z_-]{1,64})\]/;
export const caseMarker = (caseId: string): string => `[case:${caseId}]`;

/** Sequences are seconds since this instant, times two, plus one for `closed`: fits a signed 32-bit int until 2054. */
const SEQUENCE_EPOCH_MS = Date.UTC(2020, 0, 1);

const receiptItemSchema = z.object({
  service_request_id: z.union([z.string(), z.number()]).nullish(),
  token: z.union([z.string(), z.number()]).nullish(),
  service_notice: z.string().nullish(),
});
const createAnswerSchema = z.union([z.array(receiptItemSchema).min(1), receiptItemSchema]);

const requestSchema = z.object({
  service_request_id: z.union([z.string(), z.number()]).transform(String),
  status: z.string(),
  status_notes: z.string().nullish(),
  service_code: z.union([z.string(), z.number()]).transform(String).nullish(),
  description: z.string().nullish(),
  agency_responsible: z.string().nullish(),
  requested_datetime: z.string().nullish(),
  updated_datetime: z.string().nullish(),
  expected_datetime: z.string().nullish(),
});
type Open311Request = z.infer<typeof requestSchema>;

const tokenAnswerSchema = z.array(
  z.object({
    service_request_id: z.union([z.string(), z.number()]).nullish(),
    token: z.union([z.string(), z.number()]).nullish(),
  }),
);
const errorSchema = z.array(
  z.object({ code: z.union([z.string(), z.number()]).optional(), description: z.string().optional() }),
);

const isoOrNull = (value: string | null | undefined): string | null => {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

/** 400 and 404 (and other 4xx): the request itself is wrong. 401/403 (key), 408, 429: worth retrying. */
const isPermanent = (status: number): boolean =>
  status >= 400 && status < 500 && ![401, 403, 408, 425, 429].includes(status);

/**
 * A city's Open311 GeoReport v2 endpoint (docs/hotline-contract.md §7). GeoReport v2 has no idempotency, no
 * messages and no event feed: the description carries a `[case:<id>]` marker that is looked up before each
 * create, messages are refused, and polling turns each request's current state into at most one event.
 */
export class Open311HotlineApi implements HotlineApi {
  private readonly base: URL;
  /** Requests the endpoint queued (answered a token, not an id), by case id; lost on restart. */
  private readonly pendingTokens = new Map<string, string>();

  constructor(
    private readonly settings: Open311Settings,
    private readonly clock: Clock,
  ) {
    this.base = new URL(settings.baseUrl.replace(/\/?$/, '/'));
  }

  async createTicket(_idempotencyKey: string, request: TicketRequest): Promise<TicketReceipt> {
    const serviceCode = this.settings.serviceCodes[request.type];
    if (!serviceCode) {
      throw new HotlineError(`Open311: no service_code configured for case type ${request.type}`, true, {
        field: 'type',
      });
    }
    const pending = this.pendingTokens.get(request.caseId);
    if (pending !== undefined) return this.resolveToken(request.caseId, pending);

    const existing = await this.findByCase(request, serviceCode);
    if (existing) return receiptOf(existing);

    const answer = createAnswerSchema.safeParse(
      await this.call('POST', 'requests.json', this.createForm(request, serviceCode)),
    );
    if (!answer.success) throw new HotlineError('POST requests.json: unexpected answer', false);
    const item = Array.isArray(answer.data) ? answer.data[0] : answer.data;
    if (item?.service_request_id !== undefined && item.service_request_id !== null) {
      return { ticketNo: String(item.service_request_id), status: 'accepted', acceptedAt: null, dueAt: null };
    }
    if (item?.token !== undefined && item.token !== null) {
      this.pendingTokens.set(request.caseId, String(item.token));
      return this.resolveToken(request.caseId, String(item.token));
    }
    throw new HotlineError('POST requests.json: answer has neither service_request_id nor token', false);
  }

  async sendMessage(_idempotencyKey: string, ticketNo: string, message: TicketMessage): Promise<void> {
    throw new HotlineError(
      `Open311 GeoReport v2 cannot carry messages: the ${message.kind} for request ${ticketNo} must be ` +
        'passed to the city by hand',
      true,
      { code: 'UNSUPPORTED' },
    );
  }

  async fetchUpdates(
    since: Date,
    after: string | null,
    limit: number,
  ): Promise<{ events: HotlineEvent[]; next: Date; nextAfter: string | null }> {
    const now = this.clock.now();
    const lookbackMs = (this.settings.lookbackDays ?? 90) * 24 * 3600_000;
    const start = new Date(Math.min(since.getTime(), now.getTime() - lookbackMs));
    const query = new URLSearchParams({ start_date: start.toISOString(), end_date: now.toISOString() });
    if (this.settings.sendUpdatedAfter) query.set('updated_after', since.toISOString());
    const requests = await this.listRequests(query);
    const codes = new Set(Object.values(this.settings.serviceCodes));
    const from = since.getTime();
    const events = requests
      .filter((request) => !request.service_code || codes.has(request.service_code))
      .flatMap((request) => {
        const event = toEvent(request);
        return event ? [event] : [];
      })
      .filter((event) => {
        const at = Date.parse(event.occurredAt);
        return at > from || (at === from && (after === null || event.eventId > after));
      })
      .sort(
        (a, b) =>
          Date.parse(a.occurredAt) - Date.parse(b.occurredAt) ||
          (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
      )
      .slice(0, Math.max(0, limit));
    const last = events.at(-1);
    return {
      events,
      next: last ? new Date(last.occurredAt) : since,
      nextAfter: last ? last.eventId : after,
    };
  }

  /** A request of this case created by an earlier attempt whose answer was lost. */
  private async findByCase(request: TicketRequest, serviceCode: string): Promise<Open311Request | null> {
    const submitted = Date.parse(request.submittedAt);
    const now = this.clock.now().getTime();
    const slack = 10 * 60_000;
    const query = new URLSearchParams({
      start_date: new Date((Number.isNaN(submitted) ? now : submitted) - slack).toISOString(),
      end_date: new Date(now + slack).toISOString(),
      service_code: serviceCode,
    });
    const marker = caseMarker(request.caseId);
    return (await this.listRequests(query)).find((r) => r.description?.includes(marker)) ?? null;
  }

  /** One look at GET tokens/{token}.json; while the id is unknown the attempt fails, worth retrying. */
  private async resolveToken(caseId: string, token: string): Promise<TicketReceipt> {
    const parsed = tokenAnswerSchema.safeParse(
      await this.call('GET', `tokens/${encodeURIComponent(token)}.json${this.jurisdictionQuery('?')}`),
    );
    const id = parsed.success ? parsed.data.find((t) => t.service_request_id != null)?.service_request_id : null;
    if (id === undefined || id === null) {
      throw new HotlineError(`Open311: request queued as token ${token}, its id is not known yet`, false, {
        code: 'QUEUED',
      });
    }
    this.pendingTokens.delete(caseId);
    return { ticketNo: String(id), status: 'accepted', acceptedAt: null, dueAt: null };
  }

  private async listRequests(query: URLSearchParams): Promise<Open311Request[]> {
    if (this.settings.jurisdictionId) query.set('jurisdiction_id', this.settings.jurisdictionId);
    const body = await this.call('GET', `requests.json?${query.toString()}`);
    if (!Array.isArray(body)) throw new HotlineError('GET requests.json: unexpected answer', false);
    // One malformed request is skipped, never the whole answer.
    return body.flatMap((raw) => {
      const parsed = requestSchema.safeParse(raw);
      return parsed.success ? [parsed.data] : [];
    });
  }

  private jurisdictionQuery(prefix: string): string {
    const id = this.settings.jurisdictionId;
    return id ? `${prefix}jurisdiction_id=${encodeURIComponent(id)}` : '';
  }

  private createForm(request: TicketRequest, serviceCode: string): URLSearchParams {
    const form = new URLSearchParams();
    form.set('api_key', this.settings.apiKey);
    if (this.settings.jurisdictionId) form.set('jurisdiction_id', this.settings.jurisdictionId);
    form.set('service_code', serviceCode);
    form.set('description', description(request));
    const location = request.location;
    if (location?.latitude != null && location.longitude != null) {
      form.set('lat', String(location.latitude));
      form.set('long', String(location.longitude));
    }
    if (location?.address) form.set('address_string', location.address);
    if (!request.anonymous && request.contact) {
      if (request.contact.name) form.set('first_name', request.contact.name);
      if (request.contact.phone) form.set('phone', request.contact.phone);
    }
    const photo = request.photos[0];
    if (photo) form.set('media_url', photo.url);
    form.set('attribute[channel]', CHANNEL);
    form.set('attribute[case_id]', request.caseId);
    return form;
  }

  private async call(method: 'GET' | 'POST', relative: string, form?: URLSearchParams): Promise<unknown> {
    const url = new URL(relative, this.base);
    const what = `${method} ${relative.split('?')[0]}`;
    let response: HttpAnswer;
    try {
      response = await httpRequest(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(form ? { body: form.toString() } : {}),
        timeoutMs: this.settings.timeoutMs,
      });
    } catch (error) {
      const reason =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${this.settings.timeoutMs} ms`
          : (error as Error).message;
      throw new HotlineError(this.redact(`${what}: ${reason}`), false);
    }
    const text = response.text;
    const json = parseJson(text);
    if (response.status >= 200 && response.status < 300) return json;
    const errors = errorSchema.safeParse(json);
    const first = errors.success ? errors.data[0] : undefined;
    const code = first?.code !== undefined ? String(first.code) : undefined;
    const reason =
      response.status === 403
        ? 'the endpoint refused the api_key (check hotline.open311ApiKey)'
        : (first?.description ?? (errors.success ? '' : text.slice(0, 200)));
    throw new HotlineError(
      this.redact(`${what}: HTTP ${response.status} ${code ?? ''} ${reason}`.replace(/\s+/g, ' ').trim()),
      isPermanent(response.status),
      { status: response.status, ...(code ? { code } : {}) },
    );
  }

  /** The key never appears in a message, whatever the endpoint echoes back. */
  private redact(message: string): string {
    const key = this.settings.apiKey;
    return key ? message.split(key).join('[api_key]') : message;
  }
}

function description(request: TicketRequest): string {
  const marker = caseMarker(request.caseId);
  const text = `${request.title}\n${request.content}`;
  const room = DESCRIPTION_MAX - marker.length - 1;
  return `${text.length > room ? text.slice(0, room) : text}\n${marker}`;
}

function receiptOf(request: Open311Request): TicketReceipt {
  return {
    ticketNo: request.service_request_id,
    status: 'accepted',
    acceptedAt: isoOrNull(request.requested_datetime),
    dueAt: isoOrNull(request.expected_datetime),
  };
}

/** The request's current state as one event: open with an agency → dispatch, closed → close, else none. */
export function toEvent(request: Open311Request): HotlineEvent | null {
  const occurredAt = isoOrNull(request.updated_datetime) ?? isoOrNull(request.requested_datetime);
  if (!occurredAt) return null;
  const status = request.status.toLowerCase();
  const closed = status === 'closed';
  const unit = request.agency_responsible?.trim() ? request.agency_responsible.trim().slice(0, 100) : null;
  if (!closed && !(status === 'open' && unit)) return null;
  const type = closed ? 'close' : 'dispatch';
  const seconds = Math.max(0, Math.floor((Date.parse(occurredAt) - SEQUENCE_EPOCH_MS) / 1000));
  return {
    eventId: `${request.service_request_id}:${type}:${occurredAt}`.slice(0, 128),
    ticketNo: request.service_request_id,
    caseId: MARKER.exec(request.description ?? '')?.[1] ?? null,
    sequence: seconds * 2 + (closed ? 1 : 0),
    type,
    status: closed ? 'closed' : 'dispatched',
    unit,
    text: closed ? (request.status_notes?.slice(0, 5000) ?? null) : null,
    dueAt: isoOrNull(request.expected_datetime),
    occurredAt,
    origin: 'hotline',
  };
}
