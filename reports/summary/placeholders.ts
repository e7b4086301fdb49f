// Figures inside staff-written text stay live: '{帮扶金额}' is replaced at render time by the figure
// of the org and year the document is for, '{帮扶金额·同比}' by its change ('' below the 同比 base),
// '{帮扶金额·生活救助}' by a breakdown slice. Names are the dictionary's Chinese names; a few words are
// not figures ({组织名称}, {年度}, {上级工会}, {范围}). The editor refuses unknown names, so a typo never
// prints as '{帮扶金頟}' in a signed document.
import { INDICATORS } from '../../src/lib/indicators/dictionary.ts';
import { proseYoy } from '../../src/lib/format/prose.ts';
import { ratio } from '../../src/lib/format/index.ts';
import { val } from './sections/words.ts';
import type { SectionContext } from './sections/types.ts';

/** zh name → key (`code` or `code:dim`). */
const BY_NAME = new Map<string, string>();
for (const i of INDICATORS) {
  if (!BY_NAME.has(i.zh)) BY_NAME.set(i.zh, i.code);
  for (const b of i.breakdowns ?? []) for (const d of b.dims) BY_NAME.set(`${i.zh}·${d.zh}`, `${i.code}:${d.key}`);
}

export const WORDS = ['组织名称', '年度', '上级工会', '范围'] as const;

/** Every name an editor may use (for the help list and validation). */
export function placeholderNames(): string[] {
  return [...WORDS, ...[...BY_NAME.keys()].filter((n) => !n.includes('·'))];
}

const PATTERN = /\{([^{}\n]{1,40})\}/g;

function word(ctx: SectionContext, name: string): string | null {
  switch (name) {
    case '组织名称':
      return ctx.input.org.name;
    case '年度':
      return `${ctx.input.year}年`;
    case '上级工会':
      return ctx.input.parents.at(-1)?.name ?? '上级工会';
    case '范围':
      return ctx.scope;
    default:
      return null;
  }
}

function one(ctx: SectionContext, name: string): string | null {
  const w = word(ctx, name);
  if (w !== null) return w;
  const yoy = name.endsWith('·同比');
  const key = BY_NAME.get(yoy ? name.slice(0, -3) : name);
  if (!key) return null;
  if (!yoy) return val(ctx, key) ?? '—';
  const f = ctx.f(key);
  if (!f) return '';
  const prev =
    f.unit === '%'
      ? f.previousNumerator != null && f.previousDenominator
        ? ratio(f.previousNumerator, f.previousDenominator)
        : null
      : (f.previous ?? null);
  const cur = f.unit === '%' ? (f.numerator != null && f.denominator ? ratio(f.numerator, f.denominator) : null) : f.value;
  return proseYoy({
    current: cur,
    previous: prev,
    unit: f.unit,
    denominator: f.denominator ?? null,
    previousDenominator: f.previousDenominator ?? null,
    ...(f.change !== undefined ? { change: f.change } : {}),
  });
}

/** The names in a text that are not placeholders we know. */
export function unknownPlaceholders(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(PATTERN)) {
    const n = m[1]!;
    const base = n.endsWith('·同比') ? n.slice(0, -3) : n;
    if (!(WORDS as readonly string[]).includes(n) && !BY_NAME.has(base)) out.add(n);
  }
  return [...out];
}

const CJK = '[\u3400-\u9fff\uff08-\uff1f\u3001-\u3011]';
const HALF_TO_FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };

/**
 * Full-width punctuation in Chinese text (GB/T 15834): half-width , ; : ? ! next to a Chinese character
 * become full-width, and so do the brackets of a paragraph written in Chinese ('社区(联合)工会' →
 * '社区（联合）工会'). Digits keep their points ('33.5万元').
 */
export function fullWidth(text: string): string {
  if (!new RegExp(CJK).test(text)) return text;
  return text
    .replace(/[()]/g, (c) => HALF_TO_FULL[c]!)
    .replace(new RegExp(`(?<=${CJK})\\s*[,;:?!]|[,;:?!]\\s*(?=${CJK})`, 'g'), (m) => HALF_TO_FULL[m.trim()]!);
}

/** Replaces every known placeholder; an empty 同比 takes its comma with it ('33.5万元，。' never). */
export function resolvePlaceholders(text: string, ctx: SectionContext): string {
  return fullWidth(text.replace(PATTERN, (all, name: string) => one(ctx, name) ?? all))
    .replace(/[，、；]([。；！？])/g, '$1')
    .replace(/[，、]{2,}/g, '，');
}
