// Pure: mart rows → the report's values. Rates and ratios are recomputed from their exact numerator
// and denominator (not from the stored 6-place value), so the display, the JSON value and the 百分点
// change all round the true fraction once, half-up.
import { change, DASH, describeChange, formatValue, ratio, roundNumber, type Ratio, type Unit } from '../format/index.ts';
import { resolve, type Kind } from './dictionary.ts';
import type { IndicatorValue } from './types.ts';

export type Parts = {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
};

/**
 * The mart is sparse: a key absent for a reporting year is zero, and a rate or ratio over nothing is
 * 0/0 (value null). `row` undefined = absent.
 */
export function filled(kind: Kind, row: Parts | undefined): Parts {
  if (row) return row;
  return kind === 'rate' || kind === 'ratio' ? { value: null, numerator: 0, denominator: 0 } : { value: 0, numerator: 0, denominator: null };
}

/** Decimal places of a JSON value: rates as fractions to 4 places (0.9632), money and 元/人次 to 2. */
const PLACES: Record<Kind, number> = { rate: 4, ratio: 2, money: 2, count: 1 };

function exact(kind: Kind, p: Parts | undefined): Ratio | null {
  if (!p) return null;
  if (kind === 'rate' || kind === 'ratio') {
    return p.numerator === null || p.denominator === null ? null : ratio(p.numerator, p.denominator);
  }
  return p.value === null ? null : ratio(p.value, 1);
}

/** The JSON number of a key's value, or null. */
export function jsonValue(kind: Kind, p: Parts | undefined): number | null {
  const r = exact(kind, p);
  return r ? roundNumber(r, PLACES[kind]) : null;
}

/** Builds one report entry from this year's and last year's mart rows of a key. */
export function indicatorValue(key: string, current: Parts | undefined, previous: Parts | undefined): IndicatorValue {
  const resolved = resolve(key);
  if (!resolved) throw new Error(`Unknown indicator key ${key}`);
  const { kind, unit } = resolved.indicator;
  const cur = exact(kind, current);
  const prev = exact(kind, previous);
  const partsShown = kind === 'rate' || kind === 'ratio';
  // The one change rule, on exact values: every surface shows this, none recomputes it.
  const ch = change(cur, prev, unit);
  return {
    value: cur ? roundNumber(cur, PLACES[kind]) : null,
    numerator: partsShown ? (current?.numerator ?? null) : null,
    denominator: partsShown ? (current?.denominator ?? null) : null,
    unit,
    display: formatValue(cur, unit),
    previous: prev ? roundNumber(prev, PLACES[kind]) : null,
    previous_numerator: partsShown && prev ? (previous?.numerator ?? null) : null,
    previous_denominator: partsShown && prev ? (previous?.denominator ?? null) : null,
    previous_display: previous ? formatValue(prev, unit) : DASH,
    change: ch,
    change_display: describeChange(ch),
  };
}

export function unitOf(key: string): Unit {
  const r = resolve(key);
  if (!r) throw new Error(`Unknown indicator key ${key}`);
  return r.indicator.unit;
}
