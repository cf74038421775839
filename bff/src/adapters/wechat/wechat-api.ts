/**
 * The part of the WeChat server API the BFF uses. The HTTP adapter speaks to WeChat (or to the loopback
 * simulator, which speaks the same protocol); tests and demo use the simulator through the same adapter.
 */
export interface WechatIdentity {
  openid: string;
  unionid?: string;
}

/** Content check scenes: 1 profile, 2 comment, 3 forum, 4 social log. */
export type ContentScene = 1 | 2 | 3 | 4;

/** WeChat's verdict on user content. `review` means a human should look before it is shown. */
export type ContentSuggest = 'pass' | 'review' | 'risky';

export interface TextCheckRequest {
  /** The author; WeChat wants a user who opened the mini-program in the last two hours. */
  openid: string;
  content: string;
  scene: ContentScene;
  title?: string;
}

export interface ContentVerdict {
  suggest: ContentSuggest;
  /** WeChat's label: 100 normal, 10001 ads, 20001 politics, 20002 porn, 20003 abuse, …, 21000 other. */
  label: number;
  traceId: string;
}

export interface MediaCheckRequest {
  openid: string;
  /** A URL WeChat can download from the internet. */
  mediaUrl: string;
  /** 1 audio, 2 image. */
  mediaType: 1 | 2;
  scene: ContentScene;
}

export interface PhoneNumber {
  /** With the country code for numbers outside mainland China. */
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

/** `cgi-bin/message/subscribe/send`: one message paid for by one of the user's one-time subscriptions. */
export interface SubscribeMessageRequest {
  openid: string;
  templateId: string;
  /** A mini-program page with its query, opened when the citizen taps the message. */
  page: string;
  /** key → value; each value already within its type's limits (template-data.ts). */
  data: Record<string, string>;
  miniprogramState: 'developer' | 'trial' | 'formal';
}

export interface WechatApi {
  /** `sns/jscode2session`: a single-use wx.login code for the user's identity. */
  code2Session(code: string): Promise<WechatIdentity>;
  /**
   * `wxa/msg_sec_check` (version 2). Text longer than WeChat's limit is checked in chunks and the worst verdict
   * wins. WeChat answers errcode 0 for risky text too: callers branch on `suggest`.
   */
  msgSecCheck(request: TextCheckRequest): Promise<ContentVerdict>;
  /** `wxa/media_check_async` (version 2): the verdict arrives later as a `wxa_media_check` push event. */
  mediaCheckAsync(request: MediaCheckRequest): Promise<{ traceId: string }>;
  /** `wxa/business/getuserphonenumber`: a single-use code from the getPhoneNumber button (valid 5 minutes). */
  getPhoneNumber(code: string): Promise<PhoneNumber>;
  /** `cgi-bin/message/subscribe/send`; WeChat's msgid. 43101: no grant left; 47003: a value WeChat refused. */
  sendSubscribeMessage(request: SubscribeMessageRequest): Promise<{ msgid: string | null }>;
}

/**
 * A failure WeChat reported (errcode and errmsg) or a transport failure (errcode undefined: unreachable, timed
 * out, or an answer that is not what WeChat sends). Messages never carry the secret, the access token or a URL.
 */
export class WechatError extends Error {
  constructor(
    message: string,
    readonly errcode?: number,
    readonly errmsg?: string,
  ) {
    super(message);
    this.name = 'WechatError';
  }

  /**
   * The client's fault: the wx.login or phone code was bad, used, or expired. The client must get a new code;
   * retrying will not help.
   */
  get isInvalidCode(): boolean {
    return this.errcode === 40029 || this.errcode === 40163;
  }

  /** The user has no subscription left for the template, or refused it: nothing will be delivered. */
  get isNoSubscription(): boolean {
    return this.errcode === 43101;
  }

  /**
   * WeChat refused the message itself and will refuse it again: bad data (47003), page (41030), template
   * (40037), recipient (40003) or format (47001). Anything else (timeouts, -1, 45009 quotas) may pass later.
   */
  get isPermanentRefusal(): boolean {
    return [40003, 40037, 41030, 47001, 47003].includes(this.errcode ?? 0);
  }

  /** WeChat refused the access token (invalid, not the latest, or expired): get another and retry once. */
  get isTokenRejected(): boolean {
    return this.errcode === 40001 || this.errcode === 40014 || this.errcode === 42001;
  }
}
