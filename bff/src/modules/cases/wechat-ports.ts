import { WechatError, type WechatApi } from '../../adapters/wechat/wechat-api';
import type { Logger } from '../../logger';
import { PhoneCodeInvalidError, type ContentChecker, type PhoneNumberResolver } from './ports';

/** msg_sec_check scene 3 (forum post): the closest of WeChat's scenes to a public-service request. */
const SCENE_POST = 3;

/** WeChat's text check; when WeChat cannot answer, the case is accepted and checked again later. */
export function wechatContentChecker(wechat: WechatApi, logger: Logger): ContentChecker {
  return {
    async check(openid, text) {
      try {
        const result = await wechat.msgSecCheck({ openid, content: text, scene: SCENE_POST });
        return { verdict: result.suggest, traceId: result.traceId };
      } catch (error) {
        logger.warn({ err: error }, 'content check unavailable; case marked for re-check');
        return { verdict: 'unavailable' };
      }
    },
  };
}

export function wechatPhoneNumbers(wechat: WechatApi): PhoneNumberResolver {
  return {
    async resolve(code) {
      try {
        return (await wechat.getPhoneNumber(code)).purePhoneNumber;
      } catch (error) {
        if (error instanceof WechatError && error.isInvalidCode) throw new PhoneCodeInvalidError(error.message);
        throw error;
      }
    },
  };
}
