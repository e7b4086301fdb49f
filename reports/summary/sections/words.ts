// Sentence helpers for section builders: every number through src/lib/format/prose.ts (no
// separators, 元/万元 by size, 同比 only above the base), so a builder only decides what to say.
import { proseChange, proseValue, proseYoy } from '../../../src/lib/format/prose.ts';
import { ratio, type Unit } from '../../../src/lib/format/index.ts';
import type { Figure } from '../types.ts';
import type { SectionContext } from './types.ts';

/** The number behind a figure (0 when missing). */
export function num(ctx: SectionContext, code: string): number {
  const v = ctx.f(code)?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function exact(f: Figure) {
  if (f.unit === '%' || f.unit === '元/人次') {
    if (f.numerator === null || f.numerator === undefined || !f.denominator) return null;
    return ratio(f.numerator, f.denominator);
  }
  return f.value;
}

/** '1270人', '33.5万元', '96.3%'; null when there is no value (or a rate over nothing). */
export function val(ctx: SectionContext, code: string, unit?: Unit): string | null {
  const f = ctx.f(code);
  if (!f) return null;
  return proseValue(exact(f), unit ?? f.unit);
}

/** A value that must exist (a count or money: missing reads 0). */
export function must(ctx: SectionContext, code: string, unit?: Unit): string {
  return val(ctx, code, unit) ?? proseValue(0, unit ?? ctx.f(code)?.unit ?? '人')!;
}

function yoyInput(f: Figure) {
  const prev =
    f.unit === '%'
      ? f.previousNumerator !== null && f.previousNumerator !== undefined && f.previousDenominator
        ? ratio(f.previousNumerator, f.previousDenominator)
        : null
      : (f.previous ?? null);
  return {
    current: exact(f),
    previous: prev,
    unit: f.unit,
    denominator: f.denominator ?? null,
    previousDenominator: f.previousDenominator ?? null,
    ...(f.change !== undefined ? { change: f.change } : {}),
  };
}

/** '，同比增长8.5%' or '' (no previous year, base too small, or a decline: declines go to problems). */
export function rise(ctx: SectionContext, code: string): string {
  const f = ctx.f(code);
  if (!f) return '';
  const ch = proseChange(yoyInput(f));
  if (!ch || ch.direction === 'down') return '';
  return `，${proseYoy(yoyInput(f))}`;
}

/** The decline as a phrase ('同比下降47.3%' / '比上年下降2.1个百分点') or null when it did not decline. */
export function decline(ctx: SectionContext, code: string): string | null {
  const f = ctx.f(code);
  if (!f) return null;
  const ch = proseChange(yoyInput(f));
  return ch && ch.direction === 'down' ? proseYoy(yoyInput(f)) : null;
}

/** '一是…；二是…；三是…。' from clauses (the seeds' enumeration). */
const ORD = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export function enumerate(clauses: string[]): string {
  return clauses.map((c, i) => `${ORD[i] ?? i + 1}是${c}`).join('；') + '。';
}

/** '生活困难救助290人次33.5万元、医疗救助138人次29.6万元': category in one breath, largest first. */
export function inOneBreath(parts: { label: string; figures: (string | null)[]; weight: number }[], sep = '；'): string {
  return parts
    .filter((p) => p.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.label.localeCompare(b.label))
    .map((p) => p.label + p.figures.filter(Boolean).join(''))
    .join(sep);
}
