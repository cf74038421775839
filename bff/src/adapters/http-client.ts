import { Agent, type Dispatcher } from 'undici';

/**
 * The one HTTP client for every outside system the BFF calls (the 12345 system, Open311, WeChat, object
 * storage): undici's dispatcher with keep-alive connections, answering the whole body. Measured on loopback against node:http with a
 * keep-alive agent (which this replaced) and the global fetch (whose web streams showed in the profile): node:http
 * cost about three times the client CPU per request at high rates.
 */
export interface HttpAnswer {
  status: number;
  text: string;
}

export interface HttpBytesAnswer {
  status: number;
  bytes: Buffer;
}

export interface HttpRequestOptions {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  timeoutMs: number;
}

export class HttpTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

/** One pool of keep-alive connections per origin, at most 64 each (the forwarding concurrency is 40 by default). */
const agent = new Agent({ connections: 64, keepAliveTimeout: 4_000 });

/** One request answered as text (UTF-8); see httpBytes. */
export async function httpRequest(url: URL, options: HttpRequestOptions): Promise<HttpAnswer> {
  const { status, bytes } = await httpBytes(url, options);
  return { status, text: bytes.toString('utf8') };
}

/**
 * One request; `timeoutMs` bounds all of it (waiting for a connection, sending, the answer). Rejects on a timeout
 * (`HttpTimeoutError`) or a network error; any HTTP status resolves.
 */
export function httpBytes(url: URL, options: HttpRequestOptions): Promise<HttpBytesAnswer> {
  return new Promise((resolve, reject) => {
    let controller: Dispatcher.DispatchController | null = null;
    let settled = false;
    let status = 0;
    const chunks: Buffer[] = [];
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(() => {
      const error = new HttpTimeoutError(options.timeoutMs);
      fail(error);
      // Still waiting for a connection: aborted as soon as it starts (below).
      controller?.abort(error);
    }, options.timeoutMs);
    agent.dispatch(
      {
        origin: url.origin,
        path: url.pathname + url.search,
        method: options.method as Dispatcher.HttpMethod,
        headers: options.headers,
        body: options.body ?? null,
      },
      {
        onRequestStart(started) {
          controller = started;
          if (settled) started.abort(new HttpTimeoutError(options.timeoutMs));
        },
        onResponseStart(_controller, statusCode) {
          status = statusCode;
        },
        onResponseData(_controller, chunk) {
          chunks.push(chunk);
        },
        onResponseEnd() {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status, bytes: Buffer.concat(chunks) });
        },
        onResponseError(_controller, error) {
          fail(error);
        },
      },
    );
  });
}
