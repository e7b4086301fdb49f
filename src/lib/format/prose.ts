// Numbers written into Chinese prose (the work summary, PDF and Word), the way union staff write
// them in their summaries (reports/STYLE.md has the rules with examples):
//   - no thousands separators: 1270人, 43700元;
//   - money under 10万元 in whole 元 (1600元, 43700元), from 10万元 in 万元 with at most two decimals
//     and no trailing zeros (33.5万元, 130万元);
//   - rates with one decimal, no trailing '.0' (96.3%, 90%);
//   - 同比 and 百分点 from the one rule (`change` in index.ts), worded 增长/下降, 提高/下降, and left
//     out below a minimum base (a change on 3 people says nothing).
// Tables and pages keep `formatValue` (separators, fixed decimals); prose uses this module only.
import { ratio as makeRatio, roundToString, toRatio, trimZeros, type Ratio } from './decimal.ts';
import { change, type Change, type Unit, type ValueLike } from './index.ts';

/** Money from which prose writes 万元 instead of 元. */
export const WAN_FROM_YUAN = 100_000;

/**
 * No 同比 in prose below these bases (last year's value, or for rates last year's and this year's
 * denominators): a change of 2 to 3 people is "增长50%" and says nothing.
 */
export const YOY_MIN_BASE = {
  /** counts (人, 人次, 户, 家, 个, 期, 场, 学时): last year at least this many */
  count: 30,
  /** money: last year at least 1万元 */
  money: 10_000,
  /** rates: both years' denominators at least this many */
  rateDenominator: 20,
} as const;

function asRatio(v: ValueLike): Ratio | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') return v.q === 0n ? null : v;
  return toRatio(v);
}

/** Units prose uses beyond the dictionary's: meetings and cases are 次/件, people named 名. */
export type ProseUnit = Unit | '次' | '件' | '名';

/** The number part only: '1270', '33.5万', '96.3' — used by placeholders and the unit-joining rule. */
export function proseNumber(value: ValueLike, unit: ProseUnit): string | null {
  const r = asRatio(value);
  if (!r) return null;
  switch (unit) {
    case '%':
      return trimZeros(roundToString({ p: r.p * 100n, q: r.q }, 1));
    case '元': {
      const abs = r.p < 0n ? -r.p : r.p;
      if (abs >= BigInt(WAN_FROM_YUAN) * r.q) return trimZeros(roundToString({ p: r.p, q: r.q * 10_000n }, 2)) + '万';
      return roundToString(r, 0);
    }
    case '元/人次':
      return roundToString(r, 0);
    case '学时':
      return trimZeros(roundToString(r, 1));
    default:
      return roundToString(r, 0);
  }
}

/**
 * One value with its unit, for prose: proseValue(1270, '人') → '1270人'; (335000, '元') → '33.5万元';
 * (1600, '元') → '1600元'; (0.954, '%') → '95.4%'; null → null (the caller writes another sentence).
 */
export function proseValue(value: ValueLike, unit: ProseUnit): string | null {
  const n = proseNumber(value, unit);
  if (n === null) return null;
  if (unit === '元') return `${n}元`;
  if (unit === '元/人次') return `${n}元`;
  return `${n}${unit}`;
}

/** A rate from its exact parts: proseRate(157, 163) → '96.3%'; null when the denominator is 0. */
export function proseRate(numerator: number | null | undefined, denominator: number | null | undefined): string | null {
  if (numerator === null || numerator === undefined || !denominator) return null;
  return proseValue(makeRatio(numerator, denominator), '%');
}

export interface YoyInput {
  current: ValueLike;
  previous: ValueLike;
  unit: Unit;
  /** For rates: this year's and last year's denominators (the base rule needs them). */
  denominator?: number | null;
  previousDenominator?: number | null;
  /** The change as the report computed it; computed here by the same rule when absent. */
  change?: Change | null;
}

/** True when a 同比 may be written: a previous value and a base at least YOY_MIN_BASE. */
export function yoyReportable(x: YoyInput): boolean {
  const p = asRatio(x.previous);
  if (!p || asRatio(x.current) === null) return false;
  if (x.unit === '%') {
    const d0 = x.previousDenominator ?? 0;
    const d1 = x.denominator ?? 0;
    return d0 >= YOY_MIN_BASE.rateDenominator && d1 >= YOY_MIN_BASE.rateDenominator;
  }
  const base = Number(p.p) / Number(p.q);
  return base >= (x.unit === '元' ? YOY_MIN_BASE.money : YOY_MIN_BASE.count);
}

/** The change by the one rule, or null when prose should not mention it (no base, or below it). */
export function proseChange(x: YoyInput): Change | null {
  if (!yoyReportable(x)) return null;
  return x.change !== undefined ? x.change : change(x.current, x.previous, x.unit);
}

/**
 * '同比增长8.5%' / '同比下降47.3%' / '比上年提高1.2个百分点' / '与上年持平'; '' when not reportable.
 * Amounts lose a trailing '.0' (提高1个百分点).
 */
export function proseYoy(x: YoyInput): string {
  const ch = proseChange(x);
  if (!ch) return '';
  const a = trimZeros(ch.amount);
  if (ch.direction === 'flat') return '与上年持平';
  if (ch.kind === 'points') return `比上年${ch.direction === 'up' ? '提高' : '下降'}${a}个百分点`;
  return `同比${ch.direction === 'up' ? '增长' : '下降'}${a}%`;
}

/** Figures followed by their unit must never be split across lines (PDF) — the runs to keep whole. */
export const NUMBER_WITH_UNIT = /[0-9]+(?:\.[0-9]+)?(?:万元|元|万|人次|人|户|家|个百分点|个|期|场|学时|%|名|项|件|次|年|月|日)/g;
