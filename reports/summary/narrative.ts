// The parts of a summary staff write themselves (per org and year): the opening, a 典型事例 per
// section, 存在的问题, 下一步工作打算, 落款 and 成文日期. Stored as text with placeholders (see
// placeholders.ts); a part never edited is generated at render time, so it follows the data.
import type { SummaryInput } from './types.ts';

export interface Narrative {
  opening?: string | null;
  /** Section key → 典型事例 (one or more paragraphs). */
  examples?: Partial<Record<string, string>>;
  /** 存在的问题: one paragraph per line. */
  problems?: string | null;
  /** 下一步工作打算: one item per line. */
  plans?: string | null;
  /** 落款: the issuing body. */
  signature?: string | null;
  /** 成文日期, as written: '2026年1月15日'. */
  date?: string | null;
}

/** The parts the editor offers, in document order, with their labels. `example:<key>` per section. */
export const FIELDS = ['opening', 'problems', 'plans', 'signature', 'date'] as const;
export type Field = (typeof FIELDS)[number] | `example:${string}`;

export const FIELD_LABELS: Record<(typeof FIELDS)[number], string> = {
  opening: '开头（领导与依据）',
  problems: '存在的问题',
  plans: '下一步工作打算',
  signature: '落款',
  date: '成文日期',
};

/** Who leads and who guides, by org type: the leadership line of the opening. */
function leadership(input: SummaryInput): string {
  const parent = input.parents.at(-1)?.name;
  const guide = parent ? `在{上级工会}的指导下，` : '';
  switch (input.org.type) {
    case 'federation':
      return `在同级党委的坚强领导和${parent ? '{上级工会}' : '上级工会'}的指导下`;
    case 'street_federation':
      return `在街道党工委、办事处的领导下，${guide.replace(/，$/, '')}`;
    case 'community_union':
      return `在社区党组织的领导下，${guide.replace(/，$/, '')}`;
    default:
      return `在本单位党组织的领导下，${guide.replace(/，$/, '')}`;
  }
}

/** The generated opening: leadership and basis, the year's aim, ending "如下：". */
export function draftOpening(input: SummaryInput): string {
  return (
    `{年度}，{组织名称}${leadership(input)}，以习近平新时代中国特色社会主义思想为指导，认真贯彻落实党的二十大精神和中国工会十八大精神，` +
    `依照《中华人民共和国工会法》和《中国工会章程》，紧紧围绕{范围}中心工作，履行维权服务基本职责，团结动员广大职工建功立业，各项工作取得新进展。现将一年来的主要工作总结如下：`
  );
}

/** 成文日期 from an ISO date, Arabic numerals without leading zeros (GB/T 9704-2012 7.3.5.1). */
export function writtenDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export const DATE_PATTERN = /^\d{4}年(1[0-2]|[1-9])月(3[01]|[12]\d|[1-9])日$/;

/** The text a part reads when nobody edited it (the editor is prefilled with these). */
export function draftField(input: SummaryInput, field: (typeof FIELDS)[number], generated: { problems: string[]; plans: string[] }): string {
  switch (field) {
    case 'opening':
      return draftOpening(input);
    case 'problems':
      return generated.problems.join('\n');
    case 'plans':
      return generated.plans.join('\n');
    case 'signature':
      return input.org.name;
    case 'date':
      return writtenDate(input.generatedAt);
  }
}

/** Splits an edited text into paragraphs: one per non-empty line, trimmed. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Stored parts ({field: body}, see src/lib/narrative/store.ts) → Narrative. Empty = generated. */
export function toNarrative(fields: Record<string, string>): Narrative {
  const n: Narrative = { examples: {} };
  for (const [field, body] of Object.entries(fields)) {
    if (!body) continue;
    if (field.startsWith('example:')) n.examples![field.slice(8)] = body;
    else if ((FIELDS as readonly string[]).includes(field)) n[field as (typeof FIELDS)[number]] = body;
  }
  return n;
}
