/**
 * The city this package was built for: the number the call buttons dial and the facts the privacy guide and
 * 关于 state, from config/cities/<TARO_APP_CITY>.json at build time (no request, so the guide reads offline).
 */
export const city = HOTLINE_CITY;
