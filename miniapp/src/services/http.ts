import Taro from '@tarojs/taro';
import { ERROR_CODES, type ErrorCode, type FieldIssue } from '@hotline/shared-types';

/** Codes the client raises itself, when there is no answer from the BFF to read one from. */
export const CLIENT_ERROR_MESSAGES = {
  NETWORK_FAILED: '网络连接失败，请检查网络后重试',
  TIMEOUT: '网络较慢，请求超时，请稍后重试',
  OFFLINE: '当前没有网络连接，请连接网络后重试',
} as const;

export type ClientErrorCode = keyof typeof CLIENT_ERROR_MESSAGES;
export type ApiErrorCode = ErrorCode | ClientErrorCode;

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

export interface UploadRequest {
  path: string;
  /** A local file path (wx temp file, or a blob URL on H5). */
  filePath: string;
  /** The multipart field the file goes in. */
  field: string;
  token?: string;
  /** Called with 0–100 as the upload goes. */
  onProgress?: (percent: number) => void;
}

const API_BASE = process.env.TARO_APP_API_BASE ?? '';
export const REQUEST_TIMEOUT_MS = 15000;
export const UPLOAD_TIMEOUT_MS = 60000;

/** Statuses that mean "a proxy or the BFF could not answer right now": worth one more try when safe. */
const TRANSIENT_STATUSES = new Set([502, 503, 504]);

/**
 * Sends one request to the BFF and returns its body; anything but a 2xx becomes an ApiError. A call that is safe
 * to repeat (a GET, or a POST carrying an Idempotency-Key) is tried once more after a lost or transient answer.
 */
export async function send<T>(request: HttpRequest): Promise<T> {
  try {
    return await sendOnce<T>(request);
  } catch (error) {
    if (!isRepeatable(request) || !isTransient(error)) throw error;
    return sendOnce<T>(request);
  }
}

function isRepeatable(request: HttpRequest): boolean {
  return request.method === 'GET' || request.headers?.['Idempotency-Key'] !== undefined;
}

function isTransient(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || TRANSIENT_STATUSES.has(error.status));
}

async function sendOnce<T>(request: HttpRequest): Promise<T> {
  let response: Taro.request.SuccessCallbackResult;
  try {
    response = await Taro.request({
      url: API_BASE + request.path + queryString(request.query),
      method: request.method,
      data: request.body,
      header: headersFor(request),
      dataType: 'json',
      timeout: REQUEST_TIMEOUT_MS,
    });
  } catch (failure) {
    throw await noAnswerError(failure);
  }
  if (response.statusCode >= 200 && response.statusCode < 300) return response.data as T;
  throw errorFromResponse(response.statusCode, response.data);
}

/**
 * Uploads one file as multipart/form-data and returns the parsed JSON answer. Uploads are not repeated: the
 * citizen sees the failure on the photo and taps it to try again.
 */
export async function upload<T>(request: UploadRequest): Promise<T> {
  const task = Taro.uploadFile({
    url: API_BASE + request.path,
    filePath: request.filePath,
    name: request.field,
    header: request.token ? { Authorization: `Bearer ${request.token}` } : {},
    timeout: UPLOAD_TIMEOUT_MS,
  });
  task.progress((progress) => request.onProgress?.(progress.progress));
  let response: Taro.uploadFile.SuccessCallbackResult;
  try {
    response = await task;
  } catch (failure) {
    throw await noAnswerError(failure);
  }
  const body = parseJson(response.data);
  if (response.statusCode >= 200 && response.statusCode < 300) return body as T;
  throw errorFromResponse(response.statusCode, body);
}

/**
 * Fetches a file the BFF serves only with the session (a case's photo) into a local path an Image can show.
 * `path` is what the BFF gave, relative to its origin.
 */
export async function download(path: string, token: string): Promise<string> {
  let response: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    response = await Taro.downloadFile({ url: API_BASE + path, header: { Authorization: `Bearer ${token}` } });
  } catch (failure) {
    throw await noAnswerError(failure);
  }
  if (response.statusCode >= 200 && response.statusCode < 300) return response.tempFilePath;
  throw errorFromResponse(response.statusCode, undefined);
}

function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}

/** Why no answer came: a timeout, no network at all, or anything else on the way. */
async function noAnswerError(failure: unknown): Promise<ApiError> {
  const errMsg = isRecord(failure) && typeof failure.errMsg === 'string' ? failure.errMsg : '';
  const code: ClientErrorCode = /timeout|超时/i.test(errMsg)
    ? 'TIMEOUT'
    : (await isOffline())
      ? 'OFFLINE'
      : 'NETWORK_FAILED';
  return new ApiError(0, code, CLIENT_ERROR_MESSAGES[code]);
}

async function isOffline(): Promise<boolean> {
  try {
    return (await Taro.getNetworkType()).networkType === 'none';
  } catch {
    return false;
  }
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
