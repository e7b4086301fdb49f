// The work-summary text editor's server side (src/pages/org/[code]/[year]/narrative.astro, and its
// read-only view narrative/read.astro for those who read but do not edit): which
// parts an org's summary has this year, their current text (what staff saved, else the generated
// draft), and saving a form: unknown placeholders and a malformed 成文日期 are refused with a message;
// a part left as its draft is not saved (it keeps following the data).
import type { Db } from '../db/duckdb.ts';
import { retry, type Store } from '../auth/store.ts';
import { currentNarrative, narrativeHistory, saveNarrative, type Edit } from '../narrative/store.ts';
import { loadSummaryInput } from '../../../reports/summary/load.ts';
import { generatedLists, sectionContext } from '../../../reports/summary/compose.ts';
import { DATE_PATTERN, draftField, FIELD_LABELS, FIELDS } from '../../../reports/summary/narrative.ts';
import { placeholderNames, resolvePlaceholders, unknownPlaceholders } from '../../../reports/summary/placeholders.ts';
import { SECTION_BUILDERS } from '../../../reports/summary/sections/index.ts';

export interface Part {
  field: string;
  label: string;
  text: string;
  /** True when the text is staff's (saved), false when it is the generated draft. */
  edited: boolean;
  rows: number;
  /** The text as the documents print it: placeholders filled with this year's figures. */
  resolved: string;
}

export interface NarrativeView {
  parts: Part[];
  history: Edit[];
  placeholders: string[];
  revision: number;
}

export async function narrativeView(db: Db, store: Store, org: string, year: number, now = new Date()): Promise<NarrativeView> {
  const input = await loadSummaryInput(db, org, year, { generatedAt: now.toISOString() });
  const drafts = generatedLists(input);
  // (retry: a lock held by another process on the sidecar is waited for without blocking, then 503)
  const cur = await retry(() => currentNarrative(store, org, year));
  const ctx = sectionContext(input);
  const part = (field: string, label: string, draft: string, rows: number): Part => {
    const saved = cur.fields[field];
    const text = saved ? saved : draft;
    return { field, label, text, edited: !!saved, rows, resolved: resolvePlaceholders(text, ctx) };
  };
  const parts: Part[] = [part('opening', FIELD_LABELS.opening, draftField(input, 'opening', drafts), 5)];
  for (const b of SECTION_BUILDERS) {
    if (!b.build(ctx)) continue;
    parts.push(part(`example:${b.key}`, `典型事例：${b.title}`, '', 3));
  }
  for (const f of FIELDS.filter((x) => x !== 'opening')) {
    parts.push(part(f, FIELD_LABELS[f], draftField(input, f, drafts), f === 'signature' || f === 'date' ? 1 : 5));
  }
  return { parts, history: await retry(() => narrativeHistory(store, org, year)), placeholders: placeholderNames(), revision: cur.revision };
}

/** Saves a submitted form; returns the number of parts saved, or the problems (zh / en). */
export function saveForm(store: Store, view: NarrativeView, org: string, year: number, author: string, form: FormData): { saved: number } | { errors: string[] } {
  const errors: string[] = [];
  const parts: Record<string, string> = {};
  for (const p of view.parts) {
    const v = form.get(p.field);
    if (typeof v !== 'string') continue;
    const text = v.replace(/\r\n/g, '\n').trim();
    // A draft submitted as it was is not an edit: it stays generated (and follows the data).
    if (!p.edited && text === p.text.trim()) continue;
    const unknown = unknownPlaceholders(text);
    if (unknown.length) errors.push(`${p.label}：没有这些数字占位符 ${unknown.map((u) => `{${u}}`).join('、')}，请从下方列表中选用。 / unknown placeholders ${unknown.join(', ')}`);
    if (p.field === 'date' && text && !DATE_PATTERN.test(text)) errors.push(`成文日期请写成“2026年1月15日”的格式（阿拉伯数字）。 / write the date as 2026年1月15日`);
    parts[p.field] = text;
  }
  if (errors.length) return { errors };
  return { saved: saveNarrative(store, org, year, author, parts) };
}
