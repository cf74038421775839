import type { Clock } from '../../lib/clock';
import { AccessTokenProvider, type TokenStore } from './access-token';
import { mediaCheckReply, msgSecCheckReply, phoneReply, readReply, sessionReply } from './schemas';
import { StableTokenSource } from './stable-token';
import { isWorse, splitForCheck } from './text-chunks';
import { WechatTransport, type WechatReply } from './transport';
import {
  WechatError,
  type ContentVerdict,
  type MediaCheckRequest,
  type PhoneNumber,
  type SubscribeMessageRequest,
  type TextCheckRequest,
  type WechatApi,
  type WechatIdentity,
} from './wechat-api';

export interface WechatHttpSettings {
  baseUrl: string;
  appId: string;
  appSecret: string;
  timeoutMs: number;
}

export interface WechatHttpOptions {
  clock?: Clock;
  /** Where the access token is cached; in memory unless given. */
  tokenStore?: TokenStore;
  /** Renew the access token this long before it expires. Default 300. */
  tokenRefreshMarginSeconds?: number;
}

/** WeChat's HTTPS API over fetch. The session_key is not kept: this product does not decrypt user data. */
export class HttpWechatApi implements WechatApi {
  private readonly transport: WechatTransport;
  private readonly tokens: AccessTokenProvider;

  constructor(
    private readonly settings: WechatHttpSettings,
    options: WechatHttpOptions = {},
  ) {
    this.transport = new WechatTransport(settings.baseUrl, settings.timeoutMs);
    this.tokens = new AccessTokenProvider(new StableTokenSource(this.transport, settings.appId, settings.appSecret), {
      key: settings.appId,
      store: options.tokenStore,
      clock: options.clock,
      refreshMarginSeconds: options.tokenRefreshMarginSeconds,
    });
  }

  async code2Session(code: string): Promise<WechatIdentity> {
    const reply = await this.transport.get('jscode2session', 'sns/jscode2session', {
      appid: this.settings.appId,
      secret: this.settings.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    const { openid, unionid } = readReply('jscode2session', sessionReply, reply);
    return { openid, ...(unionid ? { unionid } : {}) };
  }

  async msgSecCheck(request: TextCheckRequest): Promise<ContentVerdict> {
    const [first, ...rest] = splitForCheck(request.content);
    let worst = await this.checkText({ ...request, content: first });
    for (const content of rest) {
      if (worst.suggest === 'risky') break;
      const verdict = await this.checkText({ openid: request.openid, scene: request.scene, content });
      if (isWorse(verdict.suggest, worst.suggest)) worst = verdict;
    }
    return worst;
  }

  async mediaCheckAsync(request: MediaCheckRequest): Promise<{ traceId: string }> {
    const reply = await this.withToken('media_check_async', 'wxa/media_check_async', {
      media_url: request.mediaUrl,
      media_type: request.mediaType,
      version: 2,
      openid: request.openid,
      scene: request.scene,
    });
    return { traceId: readReply('media_check_async', mediaCheckReply, reply).trace_id };
  }

  async getPhoneNumber(code: string): Promise<PhoneNumber> {
    const reply = await this.withToken('getuserphonenumber', 'wxa/business/getuserphonenumber', { code });
    const { phoneNumber, purePhoneNumber, countryCode } = readReply('getuserphonenumber', phoneReply, reply).phone_info;
    return { phoneNumber, purePhoneNumber, countryCode };
  }

  async sendSubscribeMessage(request: SubscribeMessageRequest): Promise<{ msgid: string | null }> {
    const reply = await this.withToken('subscribe_send', 'cgi-bin/message/subscribe/send', {
      touser: request.openid,
      template_id: request.templateId,
      page: request.page,
      miniprogram_state: request.miniprogramState,
      lang: 'zh_CN',
      data: Object.fromEntries(Object.entries(request.data).map(([key, value]) => [key, { value }])),
    });
    const msgid = reply.msgid;
    return { msgid: typeof msgid === 'number' || typeof msgid === 'string' ? String(msgid) : null };
  }

  /** One msg_sec_check call, for at most MSG_SEC_CHECK_MAX_CHARS of content. */
  private async checkText(request: TextCheckRequest): Promise<ContentVerdict> {
    const reply = await this.withToken('msg_sec_check', 'wxa/msg_sec_check', {
      version: 2,
      openid: request.openid,
      scene: request.scene,
      content: request.content,
      ...(request.title === undefined ? {} : { title: request.title }),
    });
    const { trace_id: traceId, result } = readReply('msg_sec_check', msgSecCheckReply, reply);
    return { suggest: result.suggest, label: result.label, traceId };
  }

  /** POSTs with the access token; when WeChat refuses the token, gets another once and retries once. */
  private async withToken(operation: string, path: string, body: unknown): Promise<WechatReply> {
    const token = await this.tokens.token();
    try {
      return await this.transport.post(operation, path, { access_token: token }, body);
    } catch (error) {
      if (!(error instanceof WechatError) || !error.isTokenRejected) throw error;
      const replacement = await this.tokens.replace(token);
      return this.transport.post(operation, path, { access_token: replacement }, body);
    }
  }
}
