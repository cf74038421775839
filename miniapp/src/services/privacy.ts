import Taro from '@tarojs/taro';

type Resolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void;
/** A page's privacy dialog, taking over one held call. */
export type PrivacyAsker = (resolve: Resolve) => void;

/** The dialogs of the open pages, the one on screen last. */
const dialogs: PrivacyAsker[] = [];

/**
 * WeChat keeps one onNeedPrivacyAuthorization listener for the whole mini-program (a later registration replaces
 * the earlier), so the app registers it once and hands each held call to the page on screen. A page without a
 * dialog cannot ask: the call is refused at once instead of hanging.
 */
export function listenForPrivacyRequests(): void {
  // Base libraries before 2.32.3 have no privacy authorization: their privacy-gated calls just go on.
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    const onScreen = dialogs[dialogs.length - 1];
    if (onScreen) onScreen(resolve);
    else resolve({ event: 'disagree' });
  });
}

/** A page's dialog while the page is open; returns its removal. */
export function addPrivacyDialog(asker: PrivacyAsker): () => void {
  dialogs.push(asker);
  return () => {
    const index = dialogs.indexOf(asker);
    if (index >= 0) dialogs.splice(index, 1);
  };
}

/** The page came back on screen (the one above it was closed, or the app returned from the background). */
export function bringPrivacyDialogToFront(asker: PrivacyAsker): void {
  const index = dialogs.indexOf(asker);
  if (index < 0 || index === dialogs.length - 1) return;
  dialogs.splice(index, 1);
  dialogs.push(asker);
}
