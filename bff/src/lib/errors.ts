import { ERROR_CODES, type ErrorCode, type FieldIssue } from '@hotline/shared-types';

export interface ErrorDetails {
  fields?: FieldIssue[];
  [key: string]: unknown;
}

/**
 * A deliberate failure of a use case: a stable code the client branches on and a message a citizen can read.
 * Services, repositories and adapters throw these; only the error middleware knows which HTTP status each kind
 * becomes. Anything thrown that is not a DomainError is a bug.
 */
export abstract class DomainError extends Error {
  protected constructor(
    readonly code: ErrorCode,
    message: string | undefined,
    readonly details?: ErrorDetails,
  ) {
    super(message ?? ERROR_CODES[code]);
    this.name = new.target.name;
  }
}

/** What was asked for does not exist, or is not this caller's to see. */
export class NotFound extends DomainError {
  constructor(message?: string) {
    super('NOT_FOUND', message);
  }
}

type InvalidCode =
  'VALIDATION_FAILED' | 'INVALID_JSON' | 'CONTENT_RISKY' | 'PHONE_CODE_INVALID' | 'WECHAT_CODE_INVALID';

/** The request itself is wrong: each field's problem is listed so the form can show it beside the field. */
export class Invalid extends DomainError {
  constructor(
    fields: FieldIssue[],
    message?: string,
    { code = 'VALIDATION_FAILED', details }: { code?: InvalidCode; details?: ErrorDetails } = {},
  ) {
    super(
      code,
      message ?? (code === 'VALIDATION_FAILED' ? fields[0]?.message : undefined),
      fields.length || details ? { ...details, ...(fields.length ? { fields } : {}) } : undefined,
    );
  }
}

type ConflictCode =
  | 'CONFLICT'
  | 'STALE_VERSION'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'INVALID_TRANSITION'
  | 'USERNAME_TAKEN'
  | 'SURVEY_USED'
  | 'RATING_CLOSED';

/** The request is well-formed but the state it meets does not allow it (changed meanwhile, already done). */
export class Conflict extends DomainError {
  constructor(code: ConflictCode = 'CONFLICT', message?: string, details?: ErrorDetails) {
    super(code, message, details);
  }
}

/** Who is asking is not known: no credentials, spoiled or expired ones, or a failed sign-in. */
export class Unauthenticated extends DomainError {
  constructor(
    code: 'UNAUTHENTICATED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'LOGIN_FAILED' = 'UNAUTHENTICATED',
    message?: string,
    details?: ErrorDetails,
  ) {
    super(code, message, details);
  }
}

/** Who is asking is known and may not do this. */
export class Forbidden extends DomainError {
  constructor(code: 'FORBIDDEN' | 'PASSWORD_CHANGE_REQUIRED' = 'FORBIDDEN', message?: string) {
    super(code, message);
  }
}

/** Something of ours this needs is down for a moment; `retryAfterSeconds` tells the client when to retry. */
export class Unavailable extends DomainError {
  constructor(retryAfterSeconds?: number, message?: string) {
    super('SERVICE_UNAVAILABLE', message, retryAfterSeconds === undefined ? undefined : { retryAfterSeconds });
  }
}

/** An outside system this needs (WeChat) failed to answer. */
export class UpstreamFailed extends DomainError {
  constructor() {
    super('WECHAT_UNAVAILABLE', undefined);
  }
}

/** Too many attempts: a rate limit or a locked account, with when to try again. */
export class TooManyAttempts extends DomainError {
  constructor(code: 'RATE_LIMITED' | 'ACCOUNT_LOCKED', details: ErrorDetails) {
    super(code, undefined, details);
  }
}

/** What was sent is bigger than allowed. */
export class TooLarge extends DomainError {
  constructor(message?: string) {
    super('PAYLOAD_TOO_LARGE', message);
  }
}

/** What was sent is of a kind we do not take. */
export class UnsupportedType extends DomainError {
  constructor(message?: string, fields?: FieldIssue[]) {
    super('UNSUPPORTED_MEDIA_TYPE', message, fields ? { fields } : undefined);
  }
}

/** It existed, and is no longer usable (an expired link). */
export class Expired extends DomainError {
  constructor(code: 'SURVEY_EXPIRED') {
    super(code, undefined);
  }
}
