import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';

/** The id of the page's 同意 button: WeChat checks that the button with this id was tapped. */
export const AGREE_BUTTON_ID = 'agree-privacy-authorization';

type Resolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void;

/**
 * WeChat's privacy authorization: the first privacy-gated call (choosing photos, the map, the phone number)
 * waits while the page shows its own explanation; 同意 lets the call go on, 拒绝 makes it fail. Nothing is
 * collected before the citizen agrees. Only the mini-program has this flow.
 */
export function usePrivacyAuthorization() {
  const [asking, setAsking] = useState(false);
  const pending = useRef<Resolve | undefined>(undefined);

  useEffect(() => {
    // Base libraries before 2.32.3 have no privacy authorization: their privacy-gated calls just go on.
    if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
    Taro.onNeedPrivacyAuthorization((resolve) => {
      pending.current = resolve;
      resolve({ event: 'exposureAuthorization' });
      setAsking(true);
    });
  }, []);

  const answer = useCallback((agreed: boolean) => {
    pending.current?.(agreed ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' });
    pending.current = undefined;
    setAsking(false);
  }, []);

  return { asking, agree: () => answer(true), disagree: () => answer(false) };
}
