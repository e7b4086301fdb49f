// GB 11643-1999 citizen identification number (居民身份证号码): 6-digit region, 8-digit birth date,
// 3-digit sequence (odd 17th digit = 男, even = 女), ISO 7064 MOD 11-2 check character.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Province-level codes (first two digits) that exist: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81–83. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
  61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

export type IdProblem = 'length' | 'characters' | 'region' | 'birth_date' | 'check_char';

/** Wording for the quarantine message's {detail}. */
export const ID_PROBLEMS: Record<IdProblem, { zh: string; en: string }> = {
  length: { zh: '位数不是18位', en: 'not 18 characters' },
  characters: { zh: '前17位须为数字，末位为数字或X', en: 'first 17 must be digits, the last a digit or X' },
  region: { zh: '前两位不是有效的省级行政区划代码', en: 'the first two digits are not a province code' },
  birth_date: { zh: '第7–14位不是有效的出生日期', en: 'digits 7–14 are not a real birth date' },
  check_char: { zh: '末位校验码错误', en: 'wrong check character' },
};

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`idCheckChar needs 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** True when y-m-d is a real calendar date (1900–2099). */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1]!;
}

/**
 * Null when valid, else what is wrong. A lowercase final x is accepted (clerks type it; it is the same
 * character on the card); callers should store the upper-cased form.
 */
export function isValidIdNumber(id: string): IdProblem | null {
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dXx]$/.test(id)) return 'characters';
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return 'region';
  if (!isRealDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return 'birth_date';
  if (idCheckChar(id.slice(0, 17)) !== id[17]!.toUpperCase()) return 'check_char';
  return null;
}

/** 男 when the 17th digit is odd, 女 when even. Assumes a structurally valid ID. */
export function genderFromId(id: string): '男' | '女' {
  return (id.charCodeAt(16) - 48) % 2 === 1 ? '男' : '女';
}

/** 'YYYY-MM-DD' from digits 7–14. */
export function birthFromId(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/**
 * Builds a valid ID. `seq` (0–499) numbers people of one gender born on one day in one region;
 * the 3-digit sequence is seq*2+1 for 男 and seq*2 for 女, so (seq, gender) ↔ sequence is one-to-one.
 */
export function makeIdNumber(region: string, birth: string, seq: number, gender: '男' | '女'): string {
  const ymd = birth.replace(/-/g, '');
  if (!/^\d{6}$/.test(region) || !/^\d{8}$/.test(ymd)) throw new Error(`makeIdNumber: bad region/birth ${region} ${birth}`);
  if (!Number.isInteger(seq) || seq < 0 || seq > 499) throw new Error(`makeIdNumber: seq ${seq} not in 0–499`);
  const first17 = region + ymd + String(seq * 2 + (gender === '男' ? 1 : 0)).padStart(3, '0');
  return first17 + idCheckChar(first17);
}
