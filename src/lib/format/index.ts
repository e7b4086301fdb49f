// THE formatter for every number a person sees: pages, chart axes and tooltips, tables, PDFs, the CLI
// and exports. 万元, percentages, 人/人次/户, 同比 and 百分点 come from here and nowhere else, so a
// figure reads the same on every surface. Rounding is half-up on exact decimals (see decimal.ts).
import {
  groupThousands,
  mul,
  ratio as makeRatio,
  roundScaled,
  roundToString,
  sub,
  toRatio,
  trimZeros,
  type Numeric,
  type Ratio,
} from './decimal.ts';

export { ratio, roundNumber, roundToString, toRatio, type Numeric, type Ratio } from './decimal.ts';

export type Unit = '元' | '%' | '人' | '人次' | '户' | '家' | '个' | '期' | '场' | '学时' | '元/人次' | '件' | '份' | '次';
export type Lang = 'zh' | 'en';
export const UNITS: readonly Unit[] = ['元', '%', '人', '人次', '户', '家', '个', '期', '场', '学时', '元/人次', '件', '份', '次'];

/** What stands for "no value": null, NaN, a zero denominator. Never 0, never NaN. */
export const DASH = '—';

/** A value as callers hold it: a number, a DECIMAL string, a bigint, or an exact ratio. */
export type ValueLike = Numeric | Ratio | null | undefined;

export interface FormatOptions {
  lang?: Lang;
  /** Money: 'wan' shows 万元 with two decimals (the default); 'yuan' shows 元 with two decimals. */
  money?: 'wan' | 'yuan';
  /** For '%': the exact parts, so 157/163 rounds on the true fraction, not a stored approximation. */
  numerator?: Numeric | null;
  denominator?: Numeric | null;
  /** Leave out the unit (a table column whose header already names it). */
  bare?: boolean;
}

const EN_UNITS: Record<Exclude<Unit, '元' | '%' | '元/人次'>, string> = {
  人: 'people',
  人次: 'person-times',
  户: 'households',
  家: 'units',
  个: 'orgs',
  期: 'sessions',
  场: 'events',
  学时: 'hours',
  件: 'items', // cases received, goods donated
  份: 'contracts',
  次: 'times', // congress sessions held
};

function asRatio(v: ValueLike): Ratio | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') return v.q === 0n ? null : v;
  return toRatio(v);
}

/** A rate's fraction → its percentage, exactly: {157,163} → {15700,163}. */
function percentOf(r: Ratio): Ratio {
  return mul(r, 100n);
}

/** The header label of a unit: '万元' / '%' / '人' …; en 'CNY 10k' / 'people' … */
export function unitLabel(unit: Unit, lang: Lang = 'zh', money: 'wan' | 'yuan' = 'wan'): string {
  if (unit === '元') return lang === 'zh' ? (money === 'wan' ? '万元' : '元') : 'CNY';
  if (unit === '%' || lang === 'zh') return unit;
  if (unit === '元/人次') return 'CNY per person-time';
  return EN_UNITS[unit];
}

/** A plain number with thousands separators and exactly `decimals` places (half-up). */
export function formatNumber(value: ValueLike, decimals = 0): string {
  const r = asRatio(value);
  return r ? groupThousands(roundToString(r, decimals)) : DASH;
}

/**
 * One value with its unit: formatValue(335000, '元') → '33.50万元'; formatValue(0.9632, '%') → '96.3%';
 * formatValue(1211, '人') → '1,211人' (en '1,211 people'); null / NaN / 0-denominator → '—'.
 */
export function formatValue(value: ValueLike, unit: Unit, opts: FormatOptions = {}): string {
  const lang = opts.lang ?? 'zh';
  let r = asRatio(value);
  if (unit === '%' && opts.denominator !== undefined) {
    r = opts.numerator === null || opts.denominator === null ? null : makeRatio(opts.numerator ?? 0, opts.denominator);
  }
  if (!r) return DASH;
  const bare = opts.bare ?? false;
  switch (unit) {
    case '%':
      return roundToString(percentOf(r), 1) + (bare ? '' : '%');
    case '元': {
      if ((opts.money ?? 'wan') === 'yuan') {
        const s = groupThousands(roundToString(r, 2));
        return bare ? s : lang === 'zh' ? `${s}元` : `¥${s}`;
      }
      if (lang === 'en') {
        const s = groupThousands(roundToString(r, 0));
        return bare ? s : `¥${s}`;
      }
      const s = groupThousands(roundToString({ p: r.p, q: r.q * 10_000n }, 2));
      return bare ? s : `${s}万元`;
    }
    case '元/人次': {
      const s = groupThousands(roundToString(r, 2));
      return bare ? s : lang === 'zh' ? `${s}元/人次` : `¥${s} per person-time`;
    }
    case '学时': {
      const s = groupThousands(trimZeros(roundToString(r, 1)));
      return bare ? s : lang === 'zh' ? `${s}学时` : `${s} hours`;
    }
    default: {
      const s = groupThousands(roundToString(r, 0));
      return bare ? s : lang === 'zh' ? `${s}${unit}` : `${s} ${EN_UNITS[unit]}`;
    }
  }
}

export type Direction = 'up' | 'down' | 'flat';

/**
 * A year-on-year change as shown. `tenths` is the signed change in tenths of a percent (counts,
 * money) or of a percentage point (rates); `amount` is its absolute value as text ('12.6').
 */
export interface Change {
  direction: Direction;
  amount: string;
  tenths: number;
  /** 'points' for rates (百分点), 'percent' for counts and money (同比). */
  kind: 'points' | 'percent';
}

/**
 * THE rule for every change a person reads (pages, API, CLI, PDF and Word): for rates the difference
 * of the two percentages *as displayed* (each rounded to one decimal first, so 20.0% → 7.4% reads
 * 12.6 points, and the sentence agrees with the two numbers beside it); for counts and money the
 * relative change in percent, one decimal. Pass exact values (ratios, or numerator/denominator
 * through `ratio()`), never a value already rounded for JSON: rounding twice (0.07449 → 0.0745 →
 * 7.5%) is how the dashboard and the PDF once disagreed. null when it cannot be computed.
 */
export function change(current: ValueLike, previous: ValueLike, unit: Unit): Change | null {
  const c = asRatio(current);
  const p = asRatio(previous);
  if (!c || !p) return null;
  let tenths: bigint;
  if (unit === '%') {
    tenths = roundScaled(percentOf(c), 1) - roundScaled(percentOf(p), 1);
  } else {
    if (p.p === 0n) return null;
    const rel = sub(c, p);
    // (c − p) / |p| × 100, exact, then half-up to one decimal.
    const abs = p.p < 0n ? { p: -p.p, q: p.q } : p;
    tenths = roundScaled({ p: rel.p * abs.q * 100n, q: rel.q * abs.p }, 1);
  }
  const direction: Direction = tenths > 0n ? 'up' : tenths < 0n ? 'down' : 'flat';
  const amount = roundToString({ p: tenths < 0n ? -tenths : tenths, q: 10n }, 1);
  return { direction, amount, tenths: Number(tenths), kind: unit === '%' ? 'points' : 'percent' };
}

/**
 * The words of a computed change: '同比增长8.5%' / '较上年提高1.2个百分点' / en 'up 8.5% year on year',
 * 'up 1.2 percentage points'; '—' for null. Pages and the API word `IndicatorValue.change` with this.
 */
export function describeChange(ch: Change | null | undefined, lang: Lang = 'zh'): string {
  if (!ch) return DASH;
  const { direction: d, amount: a } = ch;
  if (ch.kind === 'points') {
    if (lang === 'en') return d === 'flat' ? 'unchanged' : `${d} ${a} percentage points`;
    return d === 'flat' ? '与上年持平' : `较上年${d === 'up' ? '提高' : '下降'}${a}个百分点`;
  }
  if (lang === 'en') return d === 'flat' ? 'unchanged year on year' : `${d} ${a}% year on year`;
  return d === 'flat' ? '同比持平' : `同比${d === 'up' ? '增长' : '下降'}${a}%`;
}

/**
 * 同比 sentence: formatChange(1085, 1000, '人') → '同比增长8.5%'; for rates
 * formatChange(0.963, 0.951, '%') → '较上年提高1.2个百分点'. '—' when there is no previous value or
 * it is zero. Same rule as `change()`; pass exact values.
 */
export function formatChange(current: ValueLike, previous: ValueLike, unit: Unit, lang: Lang = 'zh'): string {
  return describeChange(change(current, previous, unit), lang);
}

function shortScaled(r: Ratio, divisor: bigint, suffix: string, prefix = ''): string {
  return prefix + trimZeros(roundToString({ p: r.p, q: r.q * divisor }, 2)) + suffix;
}

/**
 * Short form for chart axes and dense labels: 3350000 元 → '335万' (en '¥3.35M'); 0.95 → '95%';
 * 12000 人 → '1.2万' (en '12k'). No unit words: the axis name carries the unit.
 */
export function formatAxis(value: ValueLike, unit: Unit, lang: Lang = 'zh'): string {
  const r = asRatio(value);
  if (!r) return DASH;
  if (unit === '%') return trimZeros(roundToString(percentOf(r), 1)) + '%';
  const abs = r.p < 0n ? -r.p : r.p;
  const atLeast = (n: bigint) => abs >= n * r.q;
  const money = unit === '元' || unit === '元/人次';
  const cur = money && lang === 'en' ? '¥' : '';
  if (lang === 'zh') {
    if (atLeast(100_000_000n)) return shortScaled(r, 100_000_000n, '亿');
    if (atLeast(10_000n)) return shortScaled(r, 10_000n, '万');
  } else {
    if (atLeast(1_000_000_000n)) return shortScaled(r, 1_000_000_000n, 'B', cur);
    if (atLeast(1_000_000n)) return shortScaled(r, 1_000_000n, 'M', cur);
    if (atLeast(10_000n)) return shortScaled(r, 1_000n, 'k', cur);
  }
  return cur + groupThousands(trimZeros(roundToString(r, 2)));
}
