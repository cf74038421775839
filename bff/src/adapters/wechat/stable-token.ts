import type { IssuedToken, TokenSource } from './access-token';
import { readReply, stableTokenReply } from './schemas';
import type { WechatTransport } from './transport';

/** `cgi-bin/stable_token` (POST JSON): WeChat's recommended token endpoint, isolated from `cgi-bin/token`. */
export class StableTokenSource implements TokenSource {
  constructor(
    private readonly transport: WechatTransport,
    private readonly appId: string,
    private readonly appSecret: string,
  ) {}

  async issue(forceRefresh: boolean): Promise<IssuedToken> {
    const reply = await this.transport.post(
      'stable_token',
      'cgi-bin/stable_token',
      {},
      { grant_type: 'client_credential', appid: this.appId, secret: this.appSecret, force_refresh: forceRefresh },
    );
    const { access_token: accessToken, expires_in: expiresInSeconds } = readReply(
      'stable_token',
      stableTokenReply,
      reply,
    );
    return { accessToken, expiresInSeconds };
  }
}
