import Taro from '@tarojs/taro';

/** 'on' / 'off' once the citizen used the switch; absent while WeChat's font setting decides. */
export const CARE_MODE_STORAGE_KEY = 'care-mode';

/** WeChat's standard font size is 16 (px); from 18 up the citizen has asked for large text. */
export const CARE_MODE_FONT_SIZE = 18;

type Listener = (on: boolean) => void;
const listeners = new Set<Listener>();
let current: boolean | undefined;

/** Whether WeChat's font setting (设置 → 通用 → 字体大小) asks for large text; false where there is none (H5). */
export function followsLargeFont(): boolean {
  try {
    // WeChat answers fontSizeSetting (px); Taro's typings leave it out.
    const { fontSizeSetting } = Taro.getAppBaseInfo() as { fontSizeSetting?: unknown };
    return typeof fontSizeSetting === 'number' && fontSizeSetting >= CARE_MODE_FONT_SIZE;
  } catch {
    return false;
  }
}

function stored(): boolean | undefined {
  const value: unknown = Taro.getStorageSync(CARE_MODE_STORAGE_KEY);
  if (value === 'on') return true;
  if (value === 'off') return false;
  return undefined;
}

/** The citizen's own choice wins; without one, WeChat's font setting decides. */
export function isCareMode(): boolean {
  current ??= stored() ?? followsLargeFont();
  return current;
}

/** The manual switch: remembered across restarts, and every open page follows at once. */
export function setCareMode(on: boolean): void {
  Taro.setStorageSync(CARE_MODE_STORAGE_KEY, on ? 'on' : 'off');
  current = on;
  for (const listener of listeners) listener(on);
}

export function onCareModeChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
