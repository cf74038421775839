/**
 * The part of the WeChat server API the BFF uses. The HTTP adapter speaks to WeChat (or to the loopback
 * simulator, which speaks the same protocol); tests and demo use the simulator through the same adapter.
 */
export interface WechatIdentity {
  openid: string;
  unionid?: string;
}

export interface WechatApi {
  /** `sns/jscode2session`: a single-use wx.login code for the user's identity. */
  code2Session(code: string): Promise<WechatIdentity>;
}

/** A failure WeChat reported (errcode) or a transport failure (errcode undefined). */
export class WechatError extends Error {
  constructor(
    message: string,
    readonly errcode?: number,
  ) {
    super(message);
    this.name = 'WechatError';
  }

  /** The code was bad, used, or expired: the client must log in again, retrying will not help. */
  get isInvalidCode(): boolean {
    return this.errcode === 40029 || this.errcode === 40163;
  }
}
