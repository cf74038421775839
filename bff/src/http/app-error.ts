import { ERROR_CODES, type ErrorCode, type FieldIssue } from '@hotline/shared-types';

export interface ErrorDetails {
  fields?: FieldIssue[];
  [key: string]: unknown;
}

/**
 * A deliberate, client-facing failure: HTTP status, stable code, a message a citizen can read.
 * Anything thrown that is not an AppError is a bug and answers 500 with no internals.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code],
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (fields: FieldIssue[], message?: string): AppError =>
  new AppError(400, 'VALIDATION_FAILED', message ?? fields[0]?.message ?? ERROR_CODES.VALIDATION_FAILED, { fields });
export const notFound = (): AppError => new AppError(404, 'NOT_FOUND');
