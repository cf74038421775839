/**
 * The part of @tarojs/taro the pages use, for page tests on Taro's H5 components: storage in memory, navigation
 * and toasts recorded, the route's query from `params`. Use as `jest.mock('@tarojs/taro', () => taroMock({…}))`.
 */
export function taroMock(params: Record<string, string> = {}) {
  const storage = new Map<string, unknown>();
  return {
    __esModule: true,
    default: {
      storage,
      getStorageSync: (key: string) => storage.get(key) ?? '',
      setStorageSync: (key: string, value: unknown) => storage.set(key, value),
      removeStorageSync: (key: string) => storage.delete(key),
      getAppBaseInfo: () => ({}),
      navigateTo: jest.fn(async () => ({ errMsg: 'navigateTo:ok' })),
      redirectTo: jest.fn(async () => ({ errMsg: 'redirectTo:ok' })),
      showToast: jest.fn(async () => ({ errMsg: 'showToast:ok' })),
      showModal: jest.fn(async () => ({ confirm: true, cancel: false })),
      previewImage: jest.fn(async () => ({})),
      stopPullDownRefresh: jest.fn(),
    },
    useRouter: () => ({ params }),
    usePullDownRefresh: jest.fn(),
    useReachBottom: jest.fn(),
    useDidShow: jest.fn(),
    useShareAppMessage: jest.fn(),
  };
}
