jest.mock('@tarojs/taro', () => {
  const storage = new Map<string, unknown>();
  return {
    __esModule: true,
    default: {
      storage,
      baseInfo: { fontSizeSetting: 16 } as Record<string, unknown>,
      getAppBaseInfo() {
        return this.baseInfo;
      },
      getStorageSync: (key: string) => storage.get(key) ?? '',
      setStorageSync: (key: string, value: unknown) => storage.set(key, value),
    },
  };
});

type CareModeModule = typeof import('../src/utils/care-mode');
const taro = jest.requireMock<{ default: { storage: Map<string, unknown>; baseInfo: Record<string, unknown> } }>(
  '@tarojs/taro',
).default;

/** A fresh module each time: the mode is read once per app launch. */
function launch(): CareModeModule {
  let loaded: CareModeModule | undefined;
  jest.isolateModules(() => {
    loaded = jest.requireActual<CareModeModule>('../src/utils/care-mode');
  });
  return loaded as CareModeModule;
}

beforeEach(() => {
  taro.storage.clear();
  taro.baseInfo = { fontSizeSetting: 16 };
});

describe('care mode', () => {
  it('when WeChat uses the standard font size, then care mode is off', () => {
    expect(launch().isCareMode()).toBe(false);
  });

  it('when WeChat’s font size is 18 or more, then care mode is on', () => {
    taro.baseInfo = { fontSizeSetting: 18 };
    expect(launch().isCareMode()).toBe(true);
  });

  it('when the platform gives no font size (H5), then care mode is off', () => {
    taro.baseInfo = {};
    expect(launch().isCareMode()).toBe(false);
  });

  it('when the switch is used, then the choice wins over the font size after a restart', () => {
    taro.baseInfo = { fontSizeSetting: 20 };
    const first = launch();
    first.setCareMode(false);
    expect(taro.storage.get('care-mode')).toBe('off');
    expect(launch().isCareMode()).toBe(false);
  });

  it('when the switch is used, then every listening page hears it, and stops once unsubscribed', () => {
    const careMode = launch();
    const heard: boolean[] = [];
    const stop = careMode.onCareModeChange((on) => heard.push(on));
    careMode.setCareMode(true);
    stop();
    careMode.setCareMode(false);
    expect(heard).toEqual([true]);
    expect(careMode.isCareMode()).toBe(false);
  });
});
