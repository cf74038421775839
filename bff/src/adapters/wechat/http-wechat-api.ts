import { WechatError, type WechatApi, type WechatIdentity } from './wechat-api';

export interface WechatHttpSettings {
  baseUrl: string;
  appId: string;
  appSecret: string;
  timeoutMs: number;
}

interface WechatReply {
  errcode?: number;
  errmsg?: string;
  openid?: string;
  unionid?: string;
  session_key?: string;
}

/** WeChat's HTTPS API over fetch. The session_key is not kept: this product does not decrypt user data. */
export class HttpWechatApi implements WechatApi {
  constructor(private readonly settings: WechatHttpSettings) {}

  async code2Session(code: string): Promise<WechatIdentity> {
    const url = new URL('sns/jscode2session', this.settings.baseUrl.replace(/\/?$/, '/'));
    url.search = new URLSearchParams({
      appid: this.settings.appId,
      secret: this.settings.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();
    const reply = await this.get(url);
    if (reply.errcode || !reply.openid) {
      throw new WechatError(`jscode2session failed: ${reply.errmsg ?? 'no openid'}`, reply.errcode ?? -1);
    }
    return { openid: reply.openid, ...(reply.unionid ? { unionid: reply.unionid } : {}) };
  }

  private async get(url: URL): Promise<WechatReply> {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(this.settings.timeoutMs) });
    } catch (error) {
      throw new WechatError(`WeChat unreachable: ${(error as Error).message}`);
    }
    if (!response.ok) throw new WechatError(`WeChat answered HTTP ${response.status}`);
    return (await response.json()) as WechatReply;
  }
}
