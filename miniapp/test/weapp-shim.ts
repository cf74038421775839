import fs from 'node:fs';
import path from 'node:path';

/** The weapp build the tests render, against a BFF on this machine; `npm run build:weapp:dev` writes it. */
export const WEAPP_DIST = path.resolve(__dirname, '../dist-development');

export interface RecordedRequest {
  url: string;
  method: string;
  data: unknown;
  header: Record<string, string>;
}

export interface FakeResponse {
  statusCode: number;
  data: unknown;
}

/** The request never got an answer (timeout, no network): wx.request calls `fail`. */
export interface FakeNetworkFailure {
  networkError: string;
}

/** Answers a wx.request the way the BFF would, or fails it. */
export type FakeBff = (request: RecordedRequest) => FakeResponse | FakeNetworkFailure;

/** The minimal surface of a miniprogram-simulate component this harness relies on. */
export interface SimulatedNode {
  dom: HTMLElement;
  querySelector(selector: string): SimulatedNode | undefined;
  querySelectorAll(selector: string): SimulatedNode[];
  dispatchEvent(eventName: string, options?: { detail?: unknown }): void;
  attach(parent: HTMLElement): void;
  detach(): void;
}

/** What the device answers for the pickers and dialogs the pages open. */
export interface DeviceAnswers {
  /** WeChat's font size setting (px); 16 is standard. */
  fontSizeSetting: number;
  /** Paths wx.chooseMedia answers with; empty = the citizen cancelled. */
  chosenImages: string[];
  /** What wx.chooseLocation answers with; undefined = cancelled. */
  location?: { name: string; address: string; latitude: number; longitude: number };
  /** The answer per template id of wx.requestSubscribeMessage. */
  subscribeAnswer: Record<string, string>;
}

export interface WeappPage {
  page: SimulatedNode;
  requests: RecordedRequest[];
  /** URLs of the requests whose answer has been delivered to the page (its callbacks have returned). */
  answered: string[];
  /** Template ids of every wx.requestSubscribeMessage call. */
  subscribeRequests: string[][];
  /** `current` of every wx.previewImage call. */
  previews: string[];
  /** `data` of every wx.setClipboardData call. */
  clipboard: string[];
  /** `phoneNumber` of every wx.makePhoneCall call. */
  phoneCalls: string[];
  /** How often WeChat's own privacy guide (wx.openPrivacyContract) was opened. */
  privacyContractOpened: number;
  /** The update manager's onUpdateReady listener, and whether applyUpdate was called. */
  update: { onReady?: () => void; applied: boolean };
  /** The listener the page gave wx.onNeedPrivacyAuthorization, if any. */
  privacyListener?: (resolve: (option: { event: string; buttonId?: string }) => void) => void;
  device: DeviceAnswers;
  toasts: unknown[];
  redirects: string[];
  navigations: string[];
  /** Titles of the modals shown; each is answered with `modalAnswer`. */
  modals: unknown[];
  modalAnswer: { confirm: boolean };
  /** How many modals the citizen has answered (the page's callback has returned). */
  modalsAnswered: number;
  storage: Map<string, unknown>;
}

export interface RenderOptions {
  /** What storage holds before the page opens, e.g. a draft left from an earlier visit. */
  storage?: Record<string, unknown>;
  device?: Partial<DeviceAnswers>;
}

type WxCallbacks<T> = { success?: (result: T) => void; fail?: (error: unknown) => void; complete?: () => void };
type Loose = Record<string, unknown>;

/**
 * Renders a page of the real weapp build in miniprogram-simulate, with the globals the WeChat runtime would
 * provide and a wx whose network, login, storage, toast and navigation are recorded instead of performed.
 * Each call starts from a fresh module registry, so pages do not share Taro state.
 */
export function renderWeappPage(
  route: string,
  query: Record<string, string>,
  bff: FakeBff,
  options: RenderOptions = {},
): WeappPage {
  if (!fs.existsSync(path.join(WEAPP_DIST, 'app.js')) || !fs.existsSync(path.join(WEAPP_DIST, `${route}.js`))) {
    throw new Error(`The weapp build is missing (${WEAPP_DIST}/${route}.js): run \`npm run build:weapp:dev\` first.`);
  }
  jest.resetModules();
  const world = globalThis as unknown as Loose;
  delete world.wx;
  // Loaded after jest.resetModules() so every page gets a fresh simulator; the package ships no types.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate') as {
    load(componentPath: string, options: { rootPath: string }): string;
    render(id: string): SimulatedNode;
  };

  const harness: WeappPage = {
    page: undefined as never,
    requests: [],
    answered: [],
    subscribeRequests: [],
    previews: [],
    clipboard: [],
    phoneCalls: [],
    privacyContractOpened: 0,
    update: { applied: false },
    device: {
      fontSizeSetting: 16,
      chosenImages: [],
      subscribeAnswer: {},
      ...options.device,
    },
    toasts: [],
    redirects: [],
    navigations: [],
    modals: [],
    modalAnswer: { confirm: true },
    modalsAnswered: 0,
    storage: new Map(Object.entries(options.storage ?? {})),
  };
  stubWx(world.wx as Loose, harness, bff);
  defineRuntimeGlobals(world, route, query);

  // The real weapp build, loaded at run time from dist/: a path computed per test, so not an import.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(WEAPP_DIST, 'app.js'));
  const page = simulate.render(simulate.load(path.join(WEAPP_DIST, route), { rootPath: WEAPP_DIST }));
  page.attach(document.createElement('div'));
  harness.page = page;
  return harness;
}

function stubWx(wx: Loose, harness: WeappPage, bff: FakeBff): void {
  const later = (callback: () => void) => setTimeout(callback, 0);
  Object.assign(wx, {
    request(options: RecordedRequest & WxCallbacks<FakeResponse & { header: Loose; errMsg: string }>) {
      const recorded = { url: options.url, method: options.method, data: options.data, header: options.header };
      harness.requests.push(recorded);
      const response = bff(recorded);
      later(() => {
        if ('networkError' in response) options.fail?.({ errMsg: `request:fail ${response.networkError}` });
        else options.success?.({ ...response, header: {}, errMsg: 'request:ok' });
        options.complete?.();
        harness.answered.push(recorded.url);
      });
      return { abort() {} };
    },
    login(options: WxCallbacks<{ code: string; errMsg: string }>) {
      later(() => {
        options.success?.({ code: 'weapp-test-code', errMsg: 'login:ok' });
        options.complete?.();
      });
    },
    getStorageSync: (key: string) => harness.storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => harness.storage.set(key, value),
    removeStorageSync: (key: string) => harness.storage.delete(key),
    showToast(options: Loose & WxCallbacks<{ errMsg: string }>) {
      harness.toasts.push(options.title);
      later(() => options.success?.({ errMsg: 'showToast:ok' }));
    },
    redirectTo(options: { url: string } & WxCallbacks<{ errMsg: string }>) {
      harness.redirects.push(options.url);
      later(() => options.success?.({ errMsg: 'redirectTo:ok' }));
    },
    navigateTo(options: { url: string } & WxCallbacks<{ errMsg: string }>) {
      harness.navigations.push(options.url);
      later(() => options.success?.({ errMsg: 'navigateTo:ok' }));
    },
    showModal(options: Loose & WxCallbacks<{ confirm: boolean; cancel: boolean; errMsg: string }>) {
      harness.modals.push(options.title);
      const { confirm } = harness.modalAnswer;
      later(() => {
        options.success?.({ confirm, cancel: !confirm, errMsg: 'showModal:ok' });
        harness.modalsAnswered += 1;
      });
    },
    stopPullDownRefresh() {},
    getAppBaseInfo: () => ({ SDKVersion: '3.6.0', language: 'zh_CN', fontSizeSetting: harness.device.fontSizeSetting }),
    getNetworkType(options: WxCallbacks<{ networkType: string; errMsg: string }>) {
      later(() => options.success?.({ networkType: 'wifi', errMsg: 'getNetworkType:ok' }));
    },
    onNeedPrivacyAuthorization(listener: WeappPage['privacyListener']) {
      harness.privacyListener = listener;
    },
    chooseMedia(options: WxCallbacks<{ tempFiles: { tempFilePath: string; size: number }[]; errMsg: string }>) {
      const paths = harness.device.chosenImages;
      later(() => {
        if (paths.length === 0) options.fail?.({ errMsg: 'chooseMedia:fail cancel' });
        else options.success?.({ tempFiles: paths.map((path) => ({ tempFilePath: path, size: 1000 })), errMsg: 'ok' });
      });
    },
    compressImage(options: { src: string } & WxCallbacks<{ tempFilePath: string; errMsg: string }>) {
      later(() => options.success?.({ tempFilePath: `${options.src}.compressed.jpg`, errMsg: 'compressImage:ok' }));
    },
    uploadFile(
      options: { url: string; filePath: string; name: string; header: Record<string, string> } & WxCallbacks<
        FakeResponse & { errMsg: string }
      >,
    ) {
      const recorded = {
        url: options.url,
        method: 'POST',
        data: { [options.name]: options.filePath },
        header: options.header,
      };
      harness.requests.push(recorded);
      const progress: ((update: { progress: number }) => void)[] = [];
      // Halfway after a moment, done a while later: long enough for a test to see the progress.
      setTimeout(() => {
        for (const listener of progress) listener({ progress: 50 });
      }, 20);
      setTimeout(() => {
        const response = bff(recorded);
        later(() => {
          if ('networkError' in response) options.fail?.({ errMsg: `uploadFile:fail ${response.networkError}` });
          else
            options.success?.({ statusCode: response.statusCode, data: JSON.stringify(response.data), errMsg: 'ok' });
          options.complete?.();
        });
      }, 20);
      return {
        onProgressUpdate: (listener: (update: { progress: number }) => void) => progress.push(listener),
        abort() {},
      };
    },
    downloadFile(options: { url: string; header: Record<string, string> } & WxCallbacks<Loose>) {
      const recorded = { url: options.url, method: 'GET', data: undefined, header: options.header };
      harness.requests.push(recorded);
      const response = bff(recorded);
      later(() => {
        if ('networkError' in response) options.fail?.({ errMsg: `downloadFile:fail ${response.networkError}` });
        else
          options.success?.({
            statusCode: response.statusCode,
            tempFilePath: `wxfile://tmp/${encodeURIComponent(options.url)}`,
            errMsg: 'ok',
          });
        options.complete?.();
      });
      return { onProgressUpdate() {}, abort() {} };
    },
    chooseLocation(options: WxCallbacks<Loose>) {
      const place = harness.device.location;
      later(() =>
        place
          ? options.success?.({ ...place, errMsg: 'chooseLocation:ok' })
          : options.fail?.({ errMsg: 'chooseLocation:fail cancel' }),
      );
    },
    requestSubscribeMessage(options: { tmplIds: string[] } & WxCallbacks<Loose>) {
      harness.subscribeRequests.push(options.tmplIds);
      later(() => options.success?.({ ...harness.device.subscribeAnswer, errMsg: 'requestSubscribeMessage:ok' }));
    },
    setClipboardData(options: { data: string } & WxCallbacks<Loose>) {
      harness.clipboard.push(options.data);
      later(() => options.success?.({ errMsg: 'setClipboardData:ok' }));
    },
    makePhoneCall(options: { phoneNumber: string } & WxCallbacks<Loose>) {
      harness.phoneCalls.push(options.phoneNumber);
      later(() => options.success?.({ errMsg: 'makePhoneCall:ok' }));
    },
    getSetting(options: WxCallbacks<Loose>) {
      later(() => options.success?.({ authSetting: {}, subscriptionsSetting: { mainSwitch: true }, errMsg: 'ok' }));
    },
    openPrivacyContract(options: WxCallbacks<Loose>) {
      harness.privacyContractOpened += 1;
      later(() => options.success?.({ errMsg: 'openPrivacyContract:ok' }));
    },
    getUpdateManager: () => ({
      onCheckForUpdate() {},
      onUpdateFailed() {},
      onUpdateReady(listener: () => void) {
        harness.update.onReady = listener;
      },
      applyUpdate() {
        harness.update.applied = true;
      },
    }),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'wx-test', envVersion: 'develop', version: '' } }),
    previewImage(options: { current: string; urls: string[] } & WxCallbacks<Loose>) {
      harness.previews.push(options.current);
      later(() => options.success?.({ errMsg: 'previewImage:ok' }));
    },
  });
}

/** What the WeChat runtime defines before app.js runs; Page becomes a Component the simulator can render. */
function defineRuntimeGlobals(world: Loose, route: string, query: Record<string, string>): void {
  let appInstance: unknown;
  world.__wxConfig = { envVersion: 'develop', platform: 'devtools' };
  world.App = (config: unknown) => {
    appInstance = config;
  };
  world.getApp = () => appInstance;
  world.getCurrentPages = () => [];
  world.requirePlugin = () => ({});
  world.Page = (config: Loose) => {
    const methods: Loose = {};
    for (const [key, value] of Object.entries(config)) {
      if (typeof value === 'function') methods[key] = value;
    }
    const registerComponent = world.Component as (definition: unknown) => void;
    registerComponent({
      data: config.data,
      methods,
      lifetimes: {
        attached(this: Loose & { setData: SetData; onLoad: (options: unknown) => void }) {
          const setData = this.setData;
          this.setData = (data, callback) => setData.call(this, withSimulatorPaths(data), callback);
          this.route = route;
          // One argument only: a second one switches Taro into prerender mode.
          this.onLoad({ ...query });
        },
      },
    });
  };
}

type SetData = (data: Loose, callback?: () => void) => void;

/** Taro writes array paths as `root.cn.[0]`; the simulator (like WeChat) reads `root.cn[0]`. */
function withSimulatorPaths(data: Loose): Loose {
  const rewritten: Loose = {};
  for (const [key, value] of Object.entries(data)) rewritten[key.replace(/\.\[/g, '[')] = value;
  return rewritten;
}

/** Polls until `read` returns something truthy; rendering takes tens to hundreds of milliseconds. */
export async function waitFor<T>(read: () => T | undefined | null | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The text of the first node matching `selector`, or undefined while there is none. */
export function textOf(harness: WeappPage, selector: string): string | undefined {
  return harness.page.querySelector(selector)?.dom.textContent ?? undefined;
}

/** Waits for the node, then dispatches the event as the WeChat component would (`input`, `change`, `tap`). */
export async function fire(harness: WeappPage, selector: string, eventName: string, detail?: unknown): Promise<void> {
  const node = await waitFor(() => harness.page.querySelector(selector), selector);
  node.dispatchEvent(eventName, detail === undefined ? undefined : { detail });
}

/** Calls a page lifecycle hook the WeChat runtime would call (`onReachBottom`, `onPullDownRefresh`, …). */
export function callPageHook(harness: WeappPage, name: string): void {
  const instance = (harness.page as unknown as { instance: Record<string, (() => void) | undefined> }).instance;
  const hook = instance[name];
  if (typeof hook !== 'function') throw new Error(`the page has no ${name}`);
  hook.call(instance);
}
