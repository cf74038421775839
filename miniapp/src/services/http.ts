import Taro from '@tarojs/taro';
import { ERROR_CODES, type ErrorCode, type FieldIssue } from '@hotline/shared-types';

/** Codes the client raises itself, when there is no answer from the BFF to read one from. */
export const CLIENT_ERROR_MESSAGES = {
  NETWORK_FAILED: '网络连接失败，请检查网络后重试',
} as const;

export type ApiErrorCode = ErrorCode | keyof typeof CLIENT_ERROR_MESSAGES;

/** A failed call: the BFF's error envelope, or a client-side stand-in for one (status 0 = no answer). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fields: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryValue = string | number | undefined;

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
  /** Sent as `Authorization: Bearer <token>` when given. */
  token?: string;
}

const API_BASE = process.env.TARO_APP_API_BASE ?? '';

/** Sends one request to the BFF and returns its body; anything but a 2xx becomes an ApiError. */
export async function send<T>(request: HttpRequest): Promise<T> {
  let response: Taro.request.SuccessCallbackResult;
  try {
    response = await Taro.request({
      url: API_BASE + request.path + queryString(request.query),
      method: request.method,
      data: request.body,
      header: headersFor(request),
      dataType: 'json',
    });
  } catch {
    throw new ApiError(0, 'NETWORK_FAILED', CLIENT_ERROR_MESSAGES.NETWORK_FAILED);
  }
  if (response.statusCode >= 200 && response.statusCode < 300) return response.data as T;
  throw errorFromResponse(response.statusCode, response.data);
}

function headersFor(request: HttpRequest): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  if (request.token) headers.Authorization = `Bearer ${request.token}`;
  return headers;
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/** Reads the error envelope; a body that is not one (a proxy's HTML page, say) gets the generic message. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError(status, error.code as ErrorCode, error.message, fieldsOf(error.details));
  }
  const code: ErrorCode = status === 401 ? 'UNAUTHENTICATED' : status >= 502 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL';
  return new ApiError(status, code, ERROR_CODES[code]);
}

function fieldsOf(details: unknown): FieldIssue[] {
  if (!isRecord(details) || !Array.isArray(details.fields)) return [];
  return details.fields.filter(
    (field): field is FieldIssue =>
      isRecord(field) && typeof field.path === 'string' && typeof field.message === 'string',
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
