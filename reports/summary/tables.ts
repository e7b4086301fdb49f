// The report's tables: the child organisations' headline indicators (header row repeated on every
// page it spans) and the appendix of definitions. Cells are formatted by the one formatter, bare,
// with the unit in the column header.
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { unitLabel, type Unit } from '../../src/lib/format/index.ts';
import { show } from './figures.ts';
import { labels } from './labels.ts';
import type { Figure, SummaryInput, SummaryOptions } from './types.ts';

interface Column {
  code: string;
  unit: Unit;
  header: string;
}

const COLUMNS = [
  { code: 'coverage.members', unit: '人', label: 'members' },
  { code: 'coverage.membership_rate', unit: '%', label: 'memberRate' },
  { code: 'coverage.unionisation_rate', unit: '%', label: 'unionRate' },
  { code: 'relief.amount', unit: '元', label: 'relief' },
  { code: 'training.person_times', unit: '人次', label: 'training' },
  { code: 'activity.count', unit: '场', label: 'activities' },
] as const;

/** The headline indicators of the child table (the loader asks the reader for exactly these). */
export const CHILD_CODES: string[] = COLUMNS.map((c) => c.code);

function columns(opts: SummaryOptions): Column[] {
  const t = labels(opts.lang).table;
  return COLUMNS.map((c) => ({ code: c.code, unit: c.unit, header: t[c.label] }));
}

/** Bare value for a cell; the unit is in the header. */
function cell(f: Figure | undefined, unit: Unit, opts: SummaryOptions): TableCell {
  return { text: show(f, opts.lang, unit, true), alignment: 'right' };
}

export function childrenTable(input: SummaryInput, opts: SummaryOptions): Content | null {
  if (input.children.length === 0) return null;
  const t = labels(opts.lang).table;
  const cols = columns(opts);
  const head: TableCell[] = [
    { text: t.org, style: 'th' },
    { text: t.type, style: 'th' },
    ...cols.map((c) => ({ text: `${c.header}\n(${unitLabel(c.unit, opts.lang)})`, style: 'th', alignment: 'right' as const })),
  ];
  const rows: TableCell[][] = input.children.map((child) => [
    { text: child.org.name },
    { text: (opts.lang === 'en' ? child.org.typeEn : child.org.typeZh) ?? '—', color: '#5b6168', fontSize: 7.5 },
    ...cols.map((c) => cell(child.figures[c.code], c.unit, opts)),
  ]);
  const total: TableCell[] = [
    { text: t.total, bold: true, colSpan: 2 },
    {},
    ...cols.map((c) => ({ ...(cell(input.figures[c.code], c.unit, opts) as object), bold: true }) as TableCell),
  ];
  return {
    style: 'table',
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: opts.lang === 'en' ? ['*', 72, 44, 40, 40, 52, 46, 40] : ['*', 92, 42, 36, 36, 46, 38, 32],
      body: [head, ...rows, total],
    },
    layout: 'report',
  };
}

export function appendixTable(input: SummaryInput, opts: SummaryOptions): Content | null {
  if (input.definitions.length === 0) return null;
  const t = labels(opts.lang).appendix;
  const en = opts.lang === 'en';
  return {
    style: 'table',
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [96, 44, '*'],
      body: [
        [
          { text: t.indicator, style: 'th' },
          { text: t.unit, style: 'th' },
          { text: t.definition, style: 'th' },
        ],
        ...input.definitions.map((d) => [
          { text: en ? d.en : d.zh },
          { text: unitLabel(d.unit, opts.lang) },
          { text: en ? d.definitionEn : d.definitionZh, fontSize: 8.5 },
        ]),
      ],
    },
    layout: 'report',
  };
}
