// The attachments (附件) after the 落款, each on a new page: the indicator definitions and, for an org
// with child orgs, their main figures. Plain rows of text, laid out by both the PDF and the Word file.
// Cells carry no thousands separators, like the prose; the unit is in the column header.
import { formatValue, ratio, type Unit } from '../../src/lib/format/index.ts';
import { proseNumber } from '../../src/lib/format/prose.ts';
import type { Figure, SummaryInput } from './types.ts';

export interface AttachmentTable {
  title: string;
  header: string[];
  rows: string[][];
  /** Per column: 'left' text or 'right' numbers. */
  align: ('left' | 'right')[];
  /** Relative column widths. */
  widths: number[];
  /** Rows drawn bold (本级 / 合计). */
  strong: number[];
  note?: string;
}

const CHILD_COLUMNS: { code: string; unit: Unit; header: string }[] = [
  { code: 'coverage.members', unit: '人', header: '会员（人）' },
  { code: 'coverage.membership_rate', unit: '%', header: '入会率（%）' },
  { code: 'coverage.unionisation_rate', unit: '%', header: '组建率（%）' },
  { code: 'relief.amount', unit: '元', header: '帮扶资金（万元）' },
  { code: 'relief.person_times', unit: '人次', header: '帮扶（人次）' },
  { code: 'training.person_times', unit: '人次', header: '培训（人次）' },
];

/** The codes the child table reads (the loader asks the indicator reader for exactly these). */
export const CHILD_CODES = CHILD_COLUMNS.map((c) => c.code);

function cell(f: Figure | undefined, unit: Unit): string {
  if (!f) return '—';
  // Rates keep their one decimal in a column (96.0 lines up under 95.4).
  if (unit === '%') return f.numerator != null && f.denominator ? formatValue(ratio(f.numerator, f.denominator), '%', { bare: true }) : '—';
  if (f.value === null) return '—';
  // Money in the table is always 万元 (a column has one unit), two decimals kept for alignment.
  if (unit === '元') return formatValue(f.value, '元', { bare: true });
  return proseNumber(f.value, unit) ?? '—';
}

export function attachmentTables(input: SummaryInput): AttachmentTable[] {
  const out: AttachmentTable[] = [
    {
      title: '主要指标口径',
      header: ['指标', '单位', '口径'],
      rows: input.definitions.map((d) => [d.zh, d.unit === '元' ? '元' : d.unit, d.definitionZh]),
      align: ['left', 'left', 'left'],
      widths: [3, 1.3, 8],
      strong: [],
    },
  ];
  if (input.children.length > 0) {
    const rows = input.children.map((c) => [c.org.name, ...CHILD_COLUMNS.map((col) => cell(c.figures[col.code], col.unit))]);
    if (input.own) rows.push(['本级', ...CHILD_COLUMNS.map((col) => cell(input.own![col.code], col.unit))]);
    rows.push(['合计', ...CHILD_COLUMNS.map((col) => cell(input.figures[col.code], col.unit))]);
    out.push({
      title: '所属工会组织主要指标',
      header: ['组织', ...CHILD_COLUMNS.map((c) => c.header)],
      rows,
      align: ['left', ...CHILD_COLUMNS.map(() => 'right' as const)],
      widths: [4, 1.6, 1.6, 1.6, 1.9, 1.6, 1.6],
      strong: input.own ? [rows.length - 2, rows.length - 1] : [rows.length - 1],
      note: input.own
        ? `各组织数据均含其所属下级组织；本级为${input.org.name}本级数据，合计为全部数据。`
        : `各组织数据均含其所属下级组织；合计为${input.org.name}全部数据。`,
    });
  }
  return out;
}
