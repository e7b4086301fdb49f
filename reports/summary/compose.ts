// SummaryInput (figures) + Narrative (what staff wrote) → SummaryDoc: the text of the work summary,
// in order, with every placeholder resolved. Pure. The PDF (gongwen.ts) and the Word file (docx.ts)
// both lay out this one model, so the two documents carry the same words.
import { getter } from './figures.ts';
import { draftField, paragraphsOf, type Narrative } from './narrative.ts';
import { resolvePlaceholders } from './placeholders.ts';
import { SECTION_BUILDERS } from './sections/index.ts';
import type { SectionContext } from './sections/types.ts';
import { attachmentTables, type AttachmentTable } from './attachments.ts';
import type { SummaryInput } from './types.ts';

export interface DocSection {
  key: string;
  /** '一' … (the renderers write '一、'). */
  number: string;
  heading: string;
  paragraphs: string[];
  /** The staff's 典型事例 for the section, as paragraphs (none when not written). */
  example: string[];
}

export interface SummaryDoc {
  title: string;
  opening: string;
  sections: DocSection[];
  /** Plans are numbered items （一）（二）… */
  plans: string[];
  signature: string;
  date: string;
  attachments: AttachmentTable[];
  /** Metadata only (PDF info / docx core properties), never printed. */
  meta: { org: string; year: number; createdAt: string };
}

const NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四'];

/** 全县 / 全区 / 全市 / 全街道 / 全镇 / 全社区 / 本会 (a joint union) / 本单位: what "all of us" is, by type and name. */
export function scopeWord(org: SummaryInput['org']): string {
  const name = org.name;
  if (org.type === 'federation') {
    for (const w of ['县', '区', '市', '旗', '州']) if (name.includes(w)) return `全${w}`;
    return '全辖区';
  }
  if (org.type === 'street_federation') {
    if (name.includes('乡')) return '全乡';
    if (name.includes('镇')) return '全镇';
    return '全街道';
  }
  if (org.type === 'community_union') return '全社区';
  if (org.type === 'joint_union') return '本会';
  return '本单位';
}

export function sectionContext(input: SummaryInput): SectionContext {
  return { input, f: getter(input), scope: scopeWord(input.org) };
}

/** The generated problems and plans (the editor's drafts), placeholders unresolved. */
export function generatedLists(input: SummaryInput): { problems: string[]; plans: string[] } {
  const ctx = sectionContext(input);
  const problems: string[] = [];
  const plans: string[] = [];
  for (const b of SECTION_BUILDERS) {
    const d = b.build(ctx);
    if (!d) continue;
    problems.push(...d.problems);
    plans.push(...d.plans);
  }
  if (problems.length === 0) {
    problems.push('对照上级工会的要求和职工群众的期盼，工作中还存在一些不足：基层工会规范化建设水平有待提高，服务职工的方式方法还需创新。');
  }
  plans.push('加强工会干部队伍建设，提升服务职工的能力和水平。');
  return { problems, plans };
}

export function composeSummary(input: SummaryInput, narrative: Narrative = {}): SummaryDoc {
  const ctx = sectionContext(input);
  const r = (t: string) => resolvePlaceholders(t, ctx);
  const drafts = generatedLists(input);
  const text = (field: 'opening' | 'problems' | 'plans' | 'signature' | 'date'): string => {
    const edited = narrative[field];
    return edited !== undefined && edited !== null && edited.trim() !== '' ? edited : draftField(input, field, drafts);
  };

  const sections: DocSection[] = [];
  for (const b of SECTION_BUILDERS) {
    const d = b.build(ctx);
    if (!d) continue;
    sections.push({
      key: b.key,
      number: NUMBERS[sections.length] ?? String(sections.length + 1),
      heading: d.heading,
      paragraphs: d.paragraphs.map(r),
      example: paragraphsOf(narrative.examples?.[b.key] ?? '').map(r),
    });
  }
  const problems = paragraphsOf(text('problems')).map(r);
  sections.push({ key: 'problems', number: NUMBERS[sections.length]!, heading: '存在的问题', paragraphs: problems, example: [] });
  const plans = paragraphsOf(text('plans')).map(r);
  // 下一步工作打算 is the last numbered part; its items are （一）（二）… (rendered by the layouts).
  sections.push({ key: 'plans', number: NUMBERS[sections.length]!, heading: '下一步工作打算', paragraphs: [], example: [] });

  return {
    title: `${input.org.name}${input.year}年工作总结`,
    opening: r(text('opening')),
    sections,
    plans,
    signature: r(text('signature')),
    date: text('date').trim(),
    attachments: attachmentTables(input),
    meta: { org: input.org.code, year: input.year, createdAt: input.generatedAt },
  };
}

export const ITEM_NUMBERS = NUMBERS;

/** The document as plain text, one paragraph a line, in reading order: what both layouts print. */
export function summaryText(doc: SummaryDoc): string {
  const out = [doc.title, doc.opening];
  for (const s of doc.sections) {
    out.push(`${s.number}、${s.heading}`, ...s.paragraphs, ...s.example.map((p, i) => (i === 0 && !/^如[:：]?/.test(p) ? `如：${p}` : p)));
    if (s.key === 'plans') doc.plans.forEach((p, i) => out.push(`（${NUMBERS[i] ?? i + 1}）${p}`));
  }
  doc.attachments.forEach((a, i) => out.push(i === 0 ? `附件：${i + 1}．${a.title}` : `${i + 1}．${a.title}`));
  out.push(doc.signature, doc.date);
  doc.attachments.forEach((a, i) => {
    out.push(`附件${i + 1}`, a.title, a.header.join('\t'), ...a.rows.map((r) => r.join('\t')));
    if (a.note) out.push(a.note);
  });
  return out.join('\n') + '\n';
}

/**
 * 落款 and 成文日期 (GB/T 9704-2012 7.3.5.2), right indents in characters, for the PDF and the Word file
 * alike: the signature 2 characters from the right, the date shifted 2 characters right of the
 * signature's start; when the date is longer, the date keeps 2 and the signature moves.
 */
export function signatureIndents(sig: string, date: string): { sigRight: number; dateRight: number } {
  // width in em: CJK and full-width 1, ASCII digits and letters about half
  const ems = (s: string) => [...s].reduce((n, ch) => n + (/[\u0000-\u00ff]/.test(ch) ? 0.5 : 1), 0);
  const ls = ems(sig);
  const ld = ems(date);
  return ld + 2 > ls ? { sigRight: ld + 4 - ls, dateRight: 2 } : { sigRight: 2, dateRight: ls - ld };
}
