import { httpRequest, type HttpAnswer } from '../http-client';
import { WechatError } from './wechat-api';

export type WechatReply = Record<string, unknown>;

/** Why a request failed before WeChat answered, without the URL (its query may hold the secret or token). */
function describeFailure(error: unknown, timeoutMs: number): string {
  const { name, code } = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    code?: unknown;
  };
  if (name === 'TimeoutError') return `did not answer within ${timeoutMs} ms`;
  return `unreachable (${typeof code === 'string' ? code : typeof name === 'string' ? name : 'unknown error'})`;
}

/**
 * HTTPS to WeChat through the BFF's one HTTP client: JSON in, JSON out, one timeout for the whole exchange. Throws WechatError with the errcode
 * and errmsg when WeChat reports one, and without an errcode when it cannot be reached or answers garbage.
 */
export class WechatTransport {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  get(operation: string, path: string, query: Record<string, string>): Promise<WechatReply> {
    return this.exchange(operation, this.url(path, query), { method: 'GET', headers: {} });
  }

  post(operation: string, path: string, query: Record<string, string>, body: unknown): Promise<WechatReply> {
    return this.exchange(operation, this.url(path, query), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private url(path: string, query: Record<string, string>): URL {
    const url = new URL(path, this.baseUrl.replace(/\/?$/, '/'));
    url.search = new URLSearchParams(query).toString();
    return url;
  }

  private async exchange(
    operation: string,
    url: URL,
    init: { method: string; headers: Record<string, string>; body?: string },
  ): Promise<WechatReply> {
    let response: HttpAnswer;
    try {
      response = await httpRequest(url, { ...init, timeoutMs: this.timeoutMs });
    } catch (error) {
      throw new WechatError(`${operation}: WeChat ${describeFailure(error, this.timeoutMs)}`);
    }
    if (response.status < 200 || response.status >= 300) {
      throw new WechatError(`${operation}: WeChat answered HTTP ${response.status}`);
    }
    const reply = parseObject(response.text);
    if (!reply) throw new WechatError(`${operation}: WeChat answered something other than a JSON object`);
    const { errcode, errmsg } = reply;
    if (typeof errcode === 'number' && errcode !== 0) {
      const message = typeof errmsg === 'string' ? errmsg : '';
      throw new WechatError(`${operation} failed: errcode ${errcode} ${message}`.trimEnd(), errcode, message);
    }
    return reply;
  }
}

function parseObject(text: string): WechatReply | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as WechatReply) : undefined;
  } catch {
    return undefined;
  }
}
