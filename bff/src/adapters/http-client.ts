import { Agent, type Dispatcher } from 'undici';

/**
 * A small HTTP client for the outside systems the BFF calls on every case (the 12345 system): undici's dispatcher
 * with keep-alive connections, answering the whole body as text. Measured on loopback against node:http with a
 * keep-alive agent (which this replaced) and the global fetch (whose web streams showed in the profile): node:http
 * cost about three times the client CPU per request at high rates.
 */
export interface HttpAnswer {
  status: number;
  text: string;
}

export class HttpTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

/** One pool of keep-alive connections per origin, at most 64 each (the forwarding concurrency is 40 by default). */
const agent = new Agent({ connections: 64, keepAliveTimeout: 4_000 });

/**
 * One request; `timeoutMs` bounds all of it (waiting for a connection, sending, the answer). Rejects on a timeout
 * (`HttpTimeoutError`) or a network error; any HTTP status resolves.
 */
export function httpRequest(
  url: URL,
  options: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number },
): Promise<HttpAnswer> {
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
          resolve({ status, text: Buffer.concat(chunks).toString('utf8') });
        },
        onResponseError(_controller, error) {
          fail(error);
        },
      },
    );
  });
}
