/**
 * Check characters of the two identity numbers a disclosure application carries. No maintained npm package
 * covers both (the registry's ones are Python or unmaintained), and each is a published standard of a few lines.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 居民身份证号码 (GB 11643-1999): 18 characters, the last an ISO 7064 MOD 11-2 check character; date checked too. */
export function isValidResidentIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const date = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birth) return false;
  const sum = ID_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(value[i]), 0);
  return ID_CHECK[sum % 11] === value[17];
}

/** The 31 characters of 统一社会信用代码 (no I, O, S, V, Z). */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 (GB 32100-2015): 18 characters, the last a MOD 31 check character. */
export function isValidCreditCode(value: string): boolean {
  if (value.length !== 18) return false;
  const codes = [...value].map((c) => USCC_CHARS.indexOf(c));
  if (codes.some((c) => c < 0)) return false;
  const sum = USCC_WEIGHTS.reduce((acc, weight, i) => acc + weight * (codes[i] as number), 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31] === value[17];
}

/** 410102199003071234 → 4101**********1234; other documents keep their first two and last four characters. */
export function maskIdNumber(value: string): string {
  if (value.length <= 6) return '*'.repeat(value.length);
  const head = value.length >= 15 ? 4 : 2;
  return `${value.slice(0, head)}${'*'.repeat(value.length - head - 4)}${value.slice(-4)}`;
}
