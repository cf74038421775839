import {
  messageKinds,
  ratings,
  ticketTypes,
  type CreateTicketRequest,
  type MessageRequest,
  type MessageKind,
  type TicketType,
} from './model';

/** A field the request got wrong: answered as 400 `INVALID_FIELD` with `field` naming it (`location.latitude`). */
export interface InvalidField {
  field: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | ({ ok: false } & InvalidField);

class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 time with a zone, as §0 requires; undefined when it is not one. */
export function parseIsoTime(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !ISO_WITH_ZONE.test(value)) return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time;
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function record(value: unknown, field: string): Record<string, unknown> {
  const result = asRecord(value);
  if (!result) throw new FieldError(field, `${field} must be an object`);
  return result;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new FieldError(field, `${field} must be a non-empty string`);
  return value;
}

function time(value: unknown, field: string): string {
  if (!parseIsoTime(value)) throw new FieldError(field, `${field} must be an ISO 8601 time with a zone`);
  return value as string;
}

function flag(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new FieldError(field, `${field} must be true or false`);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new FieldError(field, `${field} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function coordinate(value: unknown, limit: number, field: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit) {
    throw new FieldError(field, `${field} must be a number between -${limit} and ${limit}`);
  }
  return value;
}

function optionalText(value: unknown, field: string): string | null {
  return value === undefined || value === null ? null : text(value, field);
}

function location(value: unknown): CreateTicketRequest['location'] {
  if (value === null) return null;
  const input = record(value, 'location');
  return {
    address: text(input.address, 'location.address'),
    latitude: coordinate(input.latitude, 90, 'location.latitude'),
    longitude: coordinate(input.longitude, 180, 'location.longitude'),
    regionCode: optionalText(input.regionCode, 'location.regionCode'),
  };
}

function photos(value: unknown): CreateTicketRequest['photos'] {
  if (!Array.isArray(value)) throw new FieldError('photos', 'photos must be an array (empty when there are none)');
  return value.map((item: unknown, index) => {
    const photo = record(item, `photos[${index}]`);
    const url = text(photo.url, `photos[${index}].url`);
    if (!/^https?:\/\//.test(url)) throw new FieldError(`photos[${index}].url`, 'a photo url must be http(s)');
    return { url, expiresAt: time(photo.expiresAt, `photos[${index}].expiresAt`) };
  });
}

function contact(value: unknown, anonymous: boolean): CreateTicketRequest['contact'] {
  if (value === null) return null;
  if (anonymous) throw new FieldError('contact', 'an anonymous case has contact: null');
  const input = record(value, 'contact');
  const result = { name: optionalText(input.name, 'contact.name'), phone: optionalText(input.phone, 'contact.phone') };
  if (result.name === null && result.phone === null)
    throw new FieldError('contact', 'give a name, a phone, or contact: null');
  return result;
}

function parse<T>(read: () => T): Parsed<T> {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, field: error.field, message: error.message };
    throw error;
  }
}

/** §3's body; fields the contract does not know are ignored, as receivers must. */
export function parseCreateTicket(body: unknown): Parsed<CreateTicketRequest> {
  return parse(() => {
    const input = record(body, 'body');
    const anonymous = flag(input.anonymous, 'anonymous');
    const category = record(input.category, 'category');
    return {
      channel: text(input.channel, 'channel'),
      caseId: text(input.caseId, 'caseId'),
      type: oneOf<TicketType>(input.type, ticketTypes, 'type'),
      category: { code: text(category.code, 'category.code'), name: text(category.name, 'category.name') },
      title: text(input.title, 'title'),
      content: text(input.content, 'content'),
      location: location(input.location),
      photos: photos(input.photos),
      contact: contact(input.contact, anonymous),
      anonymous,
      confidential: flag(input.confidential, 'confidential'),
      submittedAt: time(input.submittedAt, 'submittedAt'),
    };
  });
}

const RATING_TEXT = new RegExp(`^(${ratings.join('|')})(\\n[\\s\\S]*)?$`);

function messageText(kind: MessageKind, value: unknown): string | null {
  if (kind === 'withdraw' || kind === 'close' || kind === 'transfer' || kind === 'extend') {
    return optionalText(value, 'text');
  }
  const result = text(value, 'text');
  if (kind === 'rating' && !RATING_TEXT.test(result)) {
    throw new FieldError('text', `a rating's text is one of ${ratings.join(', ')}, then a newline and the comment`);
  }
  return result;
}

/** §4's body. */
export function parseMessage(body: unknown): Parsed<MessageRequest> {
  return parse(() => {
    const input = record(body, 'body');
    const { seq } = input;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) {
      throw new FieldError('seq', 'seq must be a positive integer');
    }
    const kind = oneOf<MessageKind>(input.kind, messageKinds, 'kind');
    const message: MessageRequest = { seq, kind, text: messageText(kind, input.text), at: time(input.at, 'at') };
    if (kind === 'transfer') message.unit = text(input.unit, 'unit');
    if (kind === 'extend') message.dueAt = time(input.dueAt, 'dueAt');
    return message;
  });
}

/** `Idempotency-Key`: required, at most 64 characters. */
export function checkIdempotencyKey(value: string | string[] | undefined): Parsed<string> {
  if (typeof value !== 'string' || value === '' || value.length > 64) {
    return { ok: false, field: 'Idempotency-Key', message: 'the Idempotency-Key header is required, 1-64 characters' };
  }
  return { ok: true, value };
}
