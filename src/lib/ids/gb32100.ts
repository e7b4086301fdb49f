// GB 32100-2015 unified social credit code (统一社会信用代码): registration department (1 char),
// organisation kind (1), registration authority region (6 digits), organisation code (9, GB 11714
// with its own check char), and a MOD 31 check character over the first 17.

export const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // no I, O, S, V, Z
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export type CreditProblem = 'length' | 'characters' | 'check_char';

export const CREDIT_PROBLEMS: Record<CreditProblem, { zh: string; en: string }> = {
  length: { zh: '位数不是18位', en: 'not 18 characters' },
  characters: {
    zh: '含有不允许的字符（只能用数字和除 I、O、S、V、Z 外的大写字母）',
    en: 'contains characters outside 0-9 and A-Z without I, O, S, V, Z',
  },
  check_char: { zh: '末位校验码错误', en: 'wrong check character' },
};

/** The check character for the first 17 characters. */
export function creditCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error(`creditCheckChar needs 17 characters, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARSET.indexOf(first17[i]!);
    if (v < 0) throw new Error(`creditCheckChar: "${first17[i]}" is not allowed`);
    sum += v * WEIGHTS[i]!;
  }
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Null when valid, else what is wrong. Upper case only: the code is printed that way on licences. */
export function isValidCreditCode(code: string): CreditProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!CREDIT_CHARSET.includes(ch)) return 'characters';
  if (creditCheckChar(code.slice(0, 17)) !== code[17]) return 'check_char';
  return null;
}

/** GB 11714 organisation-code check character for an 8-character body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_CHARSET.indexOf(body8[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * A valid code from its parts: `body8` is the 8-digit organisation-code body (digits keep it inside
 * both charsets). Department '9' (市场监管) and kind '1' (企业) are the common case.
 */
export function makeCreditCode(region: string, body8: string, dept = '9', kind = '1'): string {
  if (!/^\d{6}$/.test(region) || !/^\d{8}$/.test(body8)) throw new Error(`makeCreditCode: bad region/body ${region} ${body8}`);
  const first17 = dept + kind + region + body8 + orgCodeCheckChar(body8);
  return first17 + creditCheckChar(first17);
}

/** A valid code with random parts, from any uniform [0,1) source. */
export function randomCreditCode(random: () => number, region = '530423'): string {
  const body = String(Math.floor(random() * 1e8)).padStart(8, '0');
  return makeCreditCode(region, body, '9', random() < 0.85 ? '1' : '2');
}
