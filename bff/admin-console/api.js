/**
 * The console's only transport: HTTP to /api/v1/admin with the staff token as a Bearer header (never a cookie,
 * so another site cannot make the browser act for the staff member), answers or a typed ApiError.
 */

const TOKEN_KEY = 'hotline.staff.token';
const STAFF_KEY = 'hotline.staff.profile';
export const ADMIN_API = '/api/v1/admin';

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {{ path: string; message: string }[]} fields
   */
  constructor(status, code, message, fields) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

/** @typedef {{ id: string; username: string; displayName: string; role: string; unit: string | null;
 *   regionCode: string | null; disabled: boolean; mustChangePassword: boolean; createdAt: string }} StaffProfile */

export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  /** @returns {StaffProfile | null} */
  get staff() {
    const raw = sessionStorage.getItem(STAFF_KEY);
    return raw ? JSON.parse(raw) : null;
  },
  /** @param {{ token: string; staff: StaffProfile }} value */
  save({ token, staff }) {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(STAFF_KEY, JSON.stringify(staff));
  },
  /** @param {StaffProfile} staff */
  saveStaff(staff) {
    sessionStorage.setItem(STAFF_KEY, JSON.stringify(staff));
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(STAFF_KEY);
  },
};

/** Called on every 401 except the login's own; the app sends the person to the login page. */
let onUnauthenticated = (/** @type {ApiError} */ _error) => {};
/** @param {(error: ApiError) => void} handler */
export function whenUnauthenticated(handler) {
  onUnauthenticated = handler;
}

/**
 * @param {string} method
 * @param {string} path below /api/v1/admin, or absolute when it starts with /api/
 * @param {{ body?: unknown; query?: Record<string, string | undefined> }} [options]
 * @returns {Promise<Response>}
 */
export async function send(method, path, { body, query } = {}) {
  const url = new URL(path.startsWith('/api/') ? path : `${ADMIN_API}${path}`, location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(key, value);
  }
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试', []);
  }
  if (res.ok) return res;
  const error = await errorOf(res);
  if (res.status === 401 && path !== '/auth/login') {
    session.clear();
    onUnauthenticated(error);
  }
  throw error;
}

/** @param {Response} res */
async function errorOf(res) {
  try {
    const { error } = await res.json();
    return new ApiError(res.status, error.code, error.message, error.details?.fields ?? []);
  } catch {
    return new ApiError(res.status, 'INTERNAL', '系统繁忙，请稍后再试', []);
  }
}

/**
 * JSON in, JSON out.
 * @param {string} method
 * @param {string} path
 * @param {{ body?: unknown; query?: Record<string, string | undefined> }} [options]
 * @returns {Promise<any>}
 */
export async function api(method, path, options) {
  const res = await send(method, path, options);
  return res.json();
}

/**
 * Fetches a file with the Authorization header and hands it to the browser as a download.
 * @param {string} path
 * @param {Record<string, string | undefined>} query
 * @param {string} fallbackName
 */
export async function download(path, query, fallbackName) {
  const res = await send('GET', path, { query });
  const blob = await res.blob();
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1] ?? match[2] ?? '') : fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name || fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
