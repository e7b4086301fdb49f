import { describe, expect, it } from 'vitest';
import {
  birthFromId,
  genderFromId,
  idCheckChar,
  isValidIdNumber,
  makeIdNumber,
} from '../src/lib/ids/gb11643.ts';
import {
  creditCheckChar,
  isValidCreditCode,
  makeCreditCode,
  orgCodeCheckChar,
  randomCreditCode,
} from '../src/lib/ids/gb32100.ts';

// By hand, 11010519491231002X: digits 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 × weights
// 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167;
// 167 mod 11 = 2 → '10X98765432'[2] = 'X'. 17th digit 2 is even → 女.
describe.each([
  ['11010519491231002X', 'X', '女', '1949-12-31'],
  ['530423198503070251', '1', '男', '1985-03-07'],
  ['440524198001010013', '3', '男', '1980-01-01'],
])('valid resident ID %s', (id, check, gender, birth) => {
  it('has the computed check char', () => expect(idCheckChar(id.slice(0, 17))).toBe(check));
  it('validates', () => expect(isValidIdNumber(id)).toBeNull());
  it('gives gender and birth date', () => {
    expect(genderFromId(id)).toBe(gender);
    expect(birthFromId(id)).toBe(birth);
  });
});

describe.each([
  ['wrong check char', '110105194912310021', 'check_char'],
  ['wrong check char (digit for X)', '530423198503070250', 'check_char'],
  ['no such date 1999-02-30', '530423199902300013', 'birth_date'],
  ['month 13', '530423199913010013', 'birth_date'],
  ['born before 1900', '440524188001010014', 'birth_date'],
  ['too short', '53042319850307025', 'length'],
  ['too long', '5304231985030702511', 'length'],
  ['15-digit old format', '530423850307025', 'length'],
  ['letter inside', '53042319850307A251', 'characters'],
  ['X not last', 'X30423198503070251', 'characters'],
  ['no province 99', '990423198503070251', 'region'],
  ['blank', '', 'length'],
])('invalid resident ID: %s', (_label, id, problem) => {
  it(`is rejected as ${problem}`, () => expect(isValidIdNumber(id)).toBe(problem));
});

describe('resident ID edge cases', () => {
  it('accepts a lowercase final x as X', () => expect(isValidIdNumber('11010519491231002x')).toBeNull());
  it('makeIdNumber puts gender into the 17th digit and round-trips', () => {
    for (const gender of ['男', '女'] as const) {
      for (const seq of [0, 1, 250, 499]) {
        const id = makeIdNumber('530423', '2000-02-29', seq, gender);
        expect(isValidIdNumber(id)).toBeNull();
        expect(genderFromId(id)).toBe(gender);
        expect(birthFromId(id)).toBe('2000-02-29');
      }
    }
  });
  it('makeIdNumber refuses a seq out of range', () => expect(() => makeIdNumber('530423', '20000101', 500, '男')).toThrow());
});

// By hand, 91350100M000100Y43: values 9 1 3 5 0 1 0 0 21(M) 0 0 0 1 0 0 30(Y) 4 × weights
// 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28 = 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640;
// 1640 mod 31 = 28 → 31 − 28 = 3 → check char '3'.
describe.each([
  ['91350100M000100Y43', '3'],
  [makeCreditCode('530423', '12345678'), undefined],
  [makeCreditCode('530423', '00000000', '5', '1'), undefined],
])('valid credit code %s', (code, check) => {
  it('validates', () => expect(isValidCreditCode(code)).toBeNull());
  if (check) it('has the hand-computed check char', () => expect(creditCheckChar(code.slice(0, 17))).toBe(check));
});

describe.each([
  ['wrong check char', '91350100M000100Y44', 'check_char'],
  ['lowercase letters', '91350100m000100y43', 'characters'],
  ['letter I', '91350100I000100Y43', 'characters'],
  ['letter O', '91350100O000100Y43', 'characters'],
  ['letter S', '91350100S000100Y43', 'characters'],
  ['letter V', '91350100V000100Y43', 'characters'],
  ['letter Z', '91350100Z000100Y43', 'characters'],
  ['too short', '91350100M000100Y4', 'length'],
  ['too long', '91350100M000100Y433', 'length'],
])('invalid credit code: %s', (_label, code, problem) => {
  it(`is rejected as ${problem}`, () => expect(isValidCreditCode(code)).toBe(problem));
});

describe('credit code construction', () => {
  it('embeds a GB 11714 organisation-code check char', () => {
    // 12345678: 1*3+2*7+3*9+4*10+5*5+6*8+7*4+8*2 = 201; 201 mod 11 = 3; 11 − 3 = 8.
    expect(orgCodeCheckChar('12345678')).toBe('8');
    expect(makeCreditCode('530423', '12345678').slice(8, 17)).toBe('123456788');
  });
  it('check char 31 maps to 0', () => {
    // find a body whose MOD 31 remainder is 0, so the check char must be '0'
    let found = '';
    for (let b = 0; b < 1000 && !found; b++) {
      const code = makeCreditCode('530423', String(b).padStart(8, '0'));
      if (code.endsWith('0')) found = code;
    }
    expect(found).not.toBe('');
    expect(isValidCreditCode(found)).toBeNull();
  });
  it('random codes are valid', () => {
    let s = 1;
    const random = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 200; i++) expect(isValidCreditCode(randomCreditCode(random))).toBeNull();
  });
});
