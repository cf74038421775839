import { WechatError, type WechatApi } from '../../adapters/wechat/wechat-api';
import type { Logger } from '../../logger';
import type { MediaChecker } from '../uploads/uploads.service';
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

/** WeChat's asynchronous image check; its verdict arrives later through the push endpoint. */
export function wechatMediaChecker(wechat: WechatApi, logger: Logger): MediaChecker {
  return {
    async submit(photo) {
      if (!photo.openid) return null;
      try {
        return await wechat.mediaCheckAsync({
          openid: photo.openid,
          mediaUrl: photo.signedUrl,
          mediaType: 2,
          scene: SCENE_POST,
        });
      } catch (error) {
        logger.warn({ err: error, photoId: photo.id }, 'image check could not be started');
        return null;
      }
    },
  };
}
