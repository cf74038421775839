import Taro from '@tarojs/taro';
import type { Session } from '@hotline/shared-types';
import { endpoints } from './endpoints';
import { ApiError, send } from './http';

const SESSION_KEY = 'session';
const H5_DEVICE_KEY = 'h5-demo-device-id';

let signingIn: Promise<Session> | undefined;

/** Exchanges a login code for a session token and stores it. Concurrent callers share one sign-in. */
export function signIn(): Promise<Session> {
  signingIn ??= loginCode()
    .then((code) => send<Session>({ method: 'POST', path: endpoints.wechatLogin.path, body: { code } }))
    .then((session) => {
      Taro.setStorageSync(SESSION_KEY, session);
      return session;
    })
    .finally(() => {
      signingIn = undefined;
    });
  return signingIn;
}

/** The stored token while it is valid, otherwise a fresh one. */
export async function currentToken(): Promise<string> {
  const stored = storedSession();
  if (stored && Date.parse(stored.expiresAt) > Date.now()) return stored.token;
  return (await signIn()).token;
}

export function clearSession(): void {
  Taro.removeStorageSync(SESSION_KEY);
}

/**
 * Runs an authorized call with the current token. A 401 means the BFF no longer knows the token
 * (expired, revoked, server restarted): sign in again once and retry.
 */
export async function withSession<T>(call: (token: string) => Promise<T>): Promise<T> {
  try {
    return await call(await currentToken());
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    clearSession();
    return call((await signIn()).token);
  }
}

function storedSession(): Session | undefined {
  const value: unknown = Taro.getStorageSync(SESSION_KEY);
  if (typeof value !== 'object' || value === null) return undefined;
  const session = value as Partial<Session>;
  return typeof session.token === 'string' && typeof session.expiresAt === 'string' ? (session as Session) : undefined;
}

/**
 * In the mini-program the code comes from wx.login. H5 has no wx.login: the demo WeChat simulator accepts
 * any code and maps it to a stable openid, so a random id kept in storage stands for this browser.
 */
async function loginCode(): Promise<string> {
  if (process.env.TARO_ENV === 'h5') return `h5-demo-${h5DeviceId()}`;
  return (await Taro.login()).code;
}

function h5DeviceId(): string {
  const stored: unknown = Taro.getStorageSync(H5_DEVICE_KEY);
  if (typeof stored === 'string' && stored !== '') return stored;
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  Taro.setStorageSync(H5_DEVICE_KEY, id);
  return id;
}
