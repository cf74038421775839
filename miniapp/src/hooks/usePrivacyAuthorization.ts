import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { addPrivacyDialog, bringPrivacyDialogToFront, type PrivacyAsker } from '../services/privacy';

/** The id of the page's 同意 button: WeChat checks that the button with this id was tapped. */
export const AGREE_BUTTON_ID = 'agree-privacy-authorization';

type Resolve = Parameters<PrivacyAsker>[0];

/**
 * WeChat's privacy authorization as one page sees it: a privacy-gated call made on this page (choosing photos,
 * the map, the phone number, the clipboard) waits while the page shows its explanation; 同意 lets the call go on,
 * 拒绝 makes it fail. Nothing is collected before the citizen agrees. Only the mini-program has this flow.
 */
export function usePrivacyAuthorization() {
  const [asking, setAsking] = useState(false);
  const pending = useRef<Resolve | undefined>(undefined);
  const asker = useRef<PrivacyAsker>((resolve) => {
    pending.current = resolve;
    resolve({ event: 'exposureAuthorization' });
    setAsking(true);
  });

  useEffect(() => addPrivacyDialog(asker.current), []);
  useDidShow(() => bringPrivacyDialogToFront(asker.current));

  const answer = useCallback((agreed: boolean) => {
    pending.current?.(agreed ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' });
    pending.current = undefined;
    setAsking(false);
  }, []);

  return { asking, agree: () => answer(true), disagree: () => answer(false) };
}

/** The full privacy guide: WeChat's own page for the guide declared in the admin, or ours where there is none. */
export function openPrivacyGuide(): void {
  if (process.env.TARO_ENV === 'weapp' && typeof Taro.openPrivacyContract === 'function') {
    Taro.openPrivacyContract({ fail: () => void Taro.navigateTo({ url: '/pages/privacy/index' }) });
    return;
  }
  void Taro.navigateTo({ url: '/pages/privacy/index' });
}
