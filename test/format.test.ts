import { describe, expect, it } from 'vitest';
import { formatAxis, formatChange, formatNumber, formatValue, ratio, unitLabel, type Unit } from '../src/lib/format/index.ts';
import { roundNumber, toRatio } from '../src/lib/format/decimal.ts';

describe('formatValue: the dictionary examples', () => {
  it('157 of 163 units → 96.3% (on the exact fraction)', () => {
    expect(formatValue(null, '%', { numerator: 157, denominator: 163 })).toBe('96.3%');
    expect(formatValue(157 / 163, '%')).toBe('96.3%');
  });
  it('1211 of 1270 employees → 95.4%', () => {
    expect(formatValue(null, '%', { numerator: 1211, denominator: 1270 })).toBe('95.4%');
  });
  it('335,000 元 → 33.50万元', () => {
    expect(formatValue(335000, '元')).toBe('33.50万元');
  });
  it('a zero denominator is —, never 0 or NaN', () => {
    expect(formatValue(null, '%', { numerator: 0, denominator: 0 })).toBe('—');
    expect(formatValue(5, '%', { numerator: 5, denominator: 0 })).toBe('—');
  });
});

describe.each<[unknown, Unit, object, string]>([
  // rates: fraction in, one-decimal percent out, half-up on the exact decimal
  [0.9625, '%', {}, '96.3%'],
  [0.9624999, '%', {}, '96.2%'],
  [0.95, '%', {}, '95.0%'],
  [1, '%', {}, '100.0%'],
  [0, '%', {}, '0.0%'],
  [0.0005, '%', {}, '0.1%'],
  ['0.963190', '%', {}, '96.3%'],
  [0.9632, '%', { bare: true }, '96.3'],
  // money: 万元 with two decimals by default, 元 on request
  [335000, '元', {}, '33.50万元'],
  [1234567890.12, '元', {}, '123,456.79万元'],
  [49.99, '元', {}, '0.00万元'],
  [50, '元', {}, '0.01万元'],
  [2.675, '元', { money: 'yuan' }, '2.68元'],
  [1.005, '元', { money: 'yuan' }, '1.01元'],
  [1200.5, '元', { money: 'yuan' }, '1,200.50元'],
  ['1200.50', '元', { money: 'yuan', lang: 'en' }, '¥1,200.50'],
  [335000, '元', { lang: 'en' }, '¥335,000'],
  [335000.5, '元', { lang: 'en' }, '¥335,001'],
  [335000, '元', { bare: true }, '33.50'],
  // counts with thousands separators
  [1211, '人', {}, '1,211人'],
  [1211, '人', { lang: 'en' }, '1,211 people'],
  [12345, '人次', {}, '12,345人次'],
  [12345, '人次', { lang: 'en' }, '12,345 person-times'],
  [37, '户', {}, '37户'],
  [163, '家', {}, '163家'],
  [163, '家', { lang: 'en' }, '163 units'],
  [5, '个', {}, '5个'],
  [12, '期', {}, '12期'],
  [1234, '场', {}, '1,234场'],
  [3, '场', { lang: 'en' }, '3 events'],
  [1234.5, '学时', {}, '1,234.5学时'],
  [1200, '学时', { lang: 'en' }, '1,200 hours'],
  [1234.565, '元/人次', {}, '1,234.57元/人次'],
  [350, '元/人次', { lang: 'en' }, '¥350.00 per person-time'],
  [1000000, '人', { bare: true }, '1,000,000'],
  [-1500, '人', {}, '-1,500人'],
  // nothing to show
  [null, '人', {}, '—'],
  [undefined, '元', {}, '—'],
  [Number.NaN, '%', {}, '—'],
  [Number.POSITIVE_INFINITY, '人次', {}, '—'],
])('formatValue(%s, %s, %o)', (value, unit, opts, expected) => {
  it(`→ ${expected}`, () => {
    expect(formatValue(value as number, unit, opts)).toBe(expected);
  });
});

describe.each<[unknown, unknown, Unit, 'zh' | 'en', string]>([
  // counts and money: 同比 in percent
  [1085, 1000, '人', 'zh', '同比增长8.5%'],
  [915, 1000, '人次', 'zh', '同比下降8.5%'],
  [1085, 1000, '人', 'en', 'up 8.5% year on year'],
  [915, 1000, '元', 'en', 'down 8.5% year on year'],
  [1000, 1000, '户', 'zh', '同比持平'],
  [1000, 1000, '户', 'en', 'unchanged year on year'],
  [2, 3, '家', 'zh', '同比下降33.3%'],
  [1, 8, '家', 'zh', '同比下降87.5%'],
  [10, 0, '人', 'zh', '—'],
  [0, 0, '人', 'zh', '—'],
  [10, null, '人', 'zh', '—'],
  [null, 10, '人', 'en', '—'],
  [362250.5, 335000, '元', 'zh', '同比增长8.1%'],
  // rates: 百分点, from the two displayed one-decimal percentages
  [0.963, 0.951, '%', 'zh', '较上年提高1.2个百分点'],
  [0.951, 0.963, '%', 'zh', '较上年下降1.2个百分点'],
  [0.963, 0.951, '%', 'en', 'up 1.2 percentage points'],
  [0.951, 0.963, '%', 'en', 'down 1.2 percentage points'],
  [0.9631, 0.9629, '%', 'zh', '与上年持平'],
  [0.9631, 0.9629, '%', 'en', 'unchanged'],
  [0.5, 0, '%', 'zh', '较上年提高50.0个百分点'],
  [null, 0.5, '%', 'zh', '—'],
])('formatChange(%s, %s, %s, %s)', (cur, prev, unit, lang, expected) => {
  it(`→ ${expected}`, () => {
    expect(formatChange(cur as number, prev as number, unit, lang)).toBe(expected);
  });
});

describe('formatChange with exact ratios', () => {
  it('uses the exact fractions of both years', () => {
    // 96.3% (157/163) against 93.8% (150/160, 93.75 half-up): 2.5 points
    expect(formatChange(ratio(157, 163), ratio(150, 160), '%')).toBe('较上年提高2.5个百分点');
  });
});

describe.each<[unknown, Unit, 'zh' | 'en', string]>([
  [3350000, '元', 'zh', '335万'],
  [3350000, '元', 'en', '¥3.35M'],
  [150000000, '元', 'zh', '1.5亿'],
  [9500, '元', 'zh', '9,500'],
  [25000, '元', 'en', '¥25k'],
  [0.95, '%', 'zh', '95%'],
  [0.9632, '%', 'en', '96.3%'],
  [12000, '人', 'zh', '1.2万'],
  [12000, '人', 'en', '12k'],
  [800, '人次', 'en', '800'],
  [null, '人', 'zh', '—'],
])('formatAxis(%s, %s, %s)', (value, unit, lang, expected) => {
  it(`→ ${expected}`, () => {
    expect(formatAxis(value as number, unit, lang)).toBe(expected);
  });
});

describe('helpers', () => {
  it('formatNumber groups and rounds half-up', () => {
    expect(formatNumber(1234567.125, 2)).toBe('1,234,567.13');
    expect(formatNumber(null)).toBe('—');
  });
  it('roundNumber gives JSON numbers', () => {
    expect(roundNumber(ratio(157, 163)!, 4)).toBe(0.9632);
    expect(roundNumber(toRatio(2.675)!, 2)).toBe(2.68);
  });
  it('toRatio reads exponents and separators', () => {
    expect(toRatio('1e-7')).toEqual({ p: 1n, q: 10_000_000n });
    expect(toRatio('1,200.50')).toEqual({ p: 120050n, q: 100n });
    expect(toRatio('abc')).toBeNull();
  });
  it('unit labels', () => {
    expect(unitLabel('元')).toBe('万元');
    expect(unitLabel('元', 'zh', 'yuan')).toBe('元');
    expect(unitLabel('人次', 'en')).toBe('person-times');
  });
});
