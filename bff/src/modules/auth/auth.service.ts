import type { Session } from '@hotline/shared-types';
import { WechatError, type WechatApi } from '../../adapters/wechat/wechat-api';
import { Invalid, UpstreamFailed } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { IdGenerator } from '../../lib/ids';
import { CitizenEntity } from './citizen.entity';
import type { CitizenRepository } from './citizen.repository';
import { issueToken, type TokenSettings } from './session-token';

export interface AuthServiceDeps {
  wechat: WechatApi;
  citizens: CitizenRepository;
  tokens: TokenSettings;
  clock: Clock;
  ids: IdGenerator;
}

/** Sign-in: a wx.login code → WeChat identity → our citizen → a session token. */
export async function signInWithWechat(deps: AuthServiceDeps, code: string): Promise<Session> {
  const identity = await deps.wechat.code2Session(code).catch((error: unknown) => {
    if (error instanceof WechatError && error.isInvalidCode)
      throw new Invalid([], undefined, { code: 'WECHAT_CODE_INVALID' });
    if (error instanceof WechatError) throw new UpstreamFailed();
    throw error;
  });
  const now = deps.clock.now();
  const citizen = await deps.citizens.findOrCreate(identity.openid, identity.unionid, () =>
    Object.assign(new CitizenEntity(), { id: deps.ids.next(now), createdAt: now }),
  );
  const { token, expiresAt } = issueToken(deps.tokens, citizen.id, now);
  return { token, expiresAt: expiresAt.toISOString(), citizen: { id: citizen.id } };
}
