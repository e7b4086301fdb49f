// Small readers over SummaryInput.figures for the sentence writers. Every number shown goes through
// the one formatter (src/lib/format); these helpers only decide *whether* there is something to say.
import { formatChange, formatValue, ratio, type Ratio, type Unit } from '../../src/lib/format/index.ts';
import type { Figure, Lang, SummaryInput } from './types.ts';

export type Get = (code: string) => Figure | undefined;

export function getter(input: Pick<SummaryInput, 'figures'>): Get {
  return (code) => input.figures[code];
}

/** The number behind a figure (0 for missing), for decisions like "is there any aid at all". */
export function amount(f: Figure | undefined): number {
  const v = f?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** True when the figure can be shown as a number (a rate needs a non-zero denominator). */
export function known(f: Figure | undefined): f is Figure {
  if (!f || f.value === null || !Number.isFinite(f.value)) return false;
  if (f.unit === '%' && f.denominator !== undefined && f.denominator !== null) return f.denominator !== 0;
  return true;
}

/** Rates round on their exact parts when the reader supplied them (157/163, not 0.9632…). */
function exact(value: number | null | undefined, num?: number | null, den?: number | null): Ratio | number | null {
  if (num !== undefined && num !== null && den) return ratio(num, den);
  return value ?? null;
}

/** '163家', '96.3%', '33.50万元'; '—' when unknown. `bare` leaves the unit out (table cells). */
export function show(f: Figure | undefined, lang: Lang, unit?: Unit, bare = false): string {
  if (!f) return formatValue(null, unit ?? '人', { lang, bare });
  return formatValue(exact(f.value, f.numerator, f.denominator), unit ?? f.unit, { lang, bare });
}

/** A bare value with a given unit (breakdown slices, table cells). */
export function showValue(value: number | null | undefined, unit: Unit, lang: Lang, bare = false): string {
  return formatValue(value ?? null, unit, { lang, bare });
}

/** '同比增长8.5%' / '较上年提高1.2个百分点' / 'up 8.5% year on year'; '' when there is no comparison. */
export function yoy(f: Figure | undefined, lang: Lang): string {
  if (!f || f.previous === undefined || f.previous === null || !known(f)) return '';
  const cur = exact(f.value, f.numerator, f.denominator);
  const prev = exact(f.previous, f.previousNumerator, f.previousDenominator);
  const s = formatChange(cur, prev, f.unit, lang);
  return s === '—' ? '' : s;
}
