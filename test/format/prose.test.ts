// The seeds' number-writing rules (reports/STYLE.md) as a table of cases, and the one change rule.
import { describe, expect, it } from 'vitest';
import { change, describeChange, ratio, type Unit } from '../../src/lib/format/index.ts';
import { proseRate, proseValue, proseYoy, YOY_MIN_BASE } from '../../src/lib/format/prose.ts';

describe.each<[number | null, Unit, string | null, string]>([
  [1270, '人', '1270人', 'no thousands separator in prose (seed: 职工数为1270人)'],
  [50566, '人', '50566人', 'five digits, still no separator'],
  [43700, '元', '43700元', 'under 10万元 in whole 元 (seed: 补助金达43700元)'],
  [1600, '元', '1600元', 'small sums in 元, never 0.16万元'],
  [1600.4, '元', '1600元', 'yuan rounded to whole 元 (half-up)'],
  [1600.5, '元', '1601元', 'half-up at .5'],
  [99999.99, '元', '100000元', 'just under the threshold stays in 元 (rounded)'],
  [100000, '元', '10万元', 'at 10万元 switch to 万元, no trailing zeros'],
  [335000, '元', '33.5万元', 'seed: 生活困难救助290人次33.5万元 (not 33.50万元)'],
  [1300000, '元', '130万元', 'seed: 累计筹集帮扶资金130万元'],
  [296123, '元', '29.61万元', 'two decimals at most'],
  [0, '元', '0元', 'zero is written, not dropped'],
  [0.954, '%', '95.4%', 'one decimal'],
  [0.9, '%', '90%', 'no trailing .0 (seed: 培训率达90%)'],
  [1, '%', '100%', 'seed: 建成率达100%'],
  [12.5, '学时', '12.5学时', 'hours keep one decimal'],
  [40, '学时', '40学时', 'whole hours without .0'],
  [290, '人次', '290人次', 'person-times'],
  [null, '人', null, 'no value: the caller writes another sentence'],
])('proseValue(%s, %s)', (value, unit, expected, why) => {
  it(`→ ${expected} — ${why}`, () => expect(proseValue(value, unit)).toBe(expected));
});

describe('proseRate rounds the exact fraction', () => {
  // 157/163 = 0.963190… → 96.3%; 1211/1270 = 0.953543… → 95.4% (the seed's 组建率 and 入会率)
  it('157/163 → 96.3%', () => expect(proseRate(157, 163)).toBe('96.3%'));
  it('1211/1270 → 95.4%', () => expect(proseRate(1211, 1270)).toBe('95.4%'));
  it('x/0 → null', () => expect(proseRate(3, 0)).toBeNull());
});

describe('the one change rule: points from the rates as displayed', () => {
  // 1/5 = 20.0% and 7449/100000 = 7.449% → displayed 7.4%; 20.0 − 7.4 = 12.6 (exact difference 12.551
  // would round to 12.6 as well, but 0.0745 rounded for JSON would have displayed 7.5% and read 12.5).
  it('20.0% → 7.4% reads 12.6', () => {
    const ch = change(ratio(1, 5), ratio(7449, 100000), '%');
    expect(ch).toMatchObject({ direction: 'up', amount: '12.6', tenths: 126, kind: 'points' });
    const down = change(ratio(7449, 100000), ratio(1, 5), '%');
    expect(describeChange(down)).toBe('较上年下降12.6个百分点');
  });
  it('displayed values decide, not the exact difference: 20.04% → 7.45% is 20.0 − 7.5 = 12.5', () => {
    // exact difference 12.59 would round to 12.6; displayed 20.0% and 7.5% differ by 12.5.
    expect(change(ratio(2004, 10000), ratio(745, 10000), '%')?.amount).toBe('12.5');
  });
  it('counts: relative change, one decimal', () => expect(describeChange(change(1085, 1000, '人'))).toBe('同比增长8.5%'));
});

describe.each<[string, Parameters<typeof proseYoy>[0], string]>([
  ['money decline over the base', { current: 28900, previous: 54800, unit: '元' }, '同比下降47.3%'],
  ['money base under 1万元: no 同比', { current: 2890, previous: 5480, unit: '元' }, ''],
  ['count base 29 < 30: no 同比', { current: 45, previous: 29, unit: '人' }, ''],
  ['count base 30: written', { current: 45, previous: 30, unit: '人' }, '同比增长50%'],
  ['rate with both denominators ≥ 20', { current: ratio(157, 163), previous: ratio(150, 160), unit: '%', denominator: 163, previousDenominator: 160 }, '比上年提高2.5个百分点'],
  ['rate over 5 units: no change written', { current: ratio(4, 5), previous: ratio(3, 5), unit: '%', denominator: 5, previousDenominator: 5 }, ''],
  ['whole points lose .0', { current: ratio(90, 100), previous: ratio(89, 100), unit: '%', denominator: 100, previousDenominator: 100 }, '比上年提高1个百分点'],
  ['flat', { current: 100, previous: 100, unit: '人' }, '与上年持平'],
  ['no previous', { current: 100, previous: null, unit: '人' }, ''],
])('proseYoy: %s', (_name, input, expected) => {
  it(`→ '${expected}'`, () => expect(proseYoy(input)).toBe(expected));
});

it('the base thresholds are the documented ones', () => {
  expect(YOY_MIN_BASE).toEqual({ count: 30, money: 10000, rateDenominator: 20 });
});
