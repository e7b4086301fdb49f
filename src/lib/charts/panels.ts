// Pure shaping of indicator data into chart panels: the chart spec (builder + JSON input) and the
// table behind it (display strings from the one formatter). The page renders the table, the island
// draws the chart and downloads the table, so chart, table and file always show the same numbers.
import { resolve } from '../indicators/dictionary.ts';
import type { Breakdown } from '../indicators/dimensions.ts';
import type { ChildValues, IndicatorReport, TrendPoint } from '../indicators/types.ts';
import { formatValue, unitLabel, type Lang, type Unit } from '../format/index.ts';
import type { ChartSpec, SeriesInput } from './options/index.ts';
import type { TableData } from './table.ts';

export interface Panel {
  id: string;
  title: string;
  description: string;
  spec: ChartSpec;
  table: TableData;
  /** Drill-down target per category (child org pages). */
  links?: (string | null)[];
  height: number;
  empty: boolean;
}

type Parts = { value: number | null; numerator?: number | null; denominator?: number | null };

export function unitOf(code: string): Unit {
  return (resolve(code)?.indicator.unit ?? '人') as Unit;
}

export function nameOf(code: string, lang: Lang): string {
  return resolve(code)?.[lang] ?? code;
}

/** Column header with its unit: '组建率 (%)', '帮扶金额 (万元)'. */
export function header(code: string, lang: Lang): string {
  const name = nameOf(code, lang);
  const unit = unitLabel(unitOf(code), lang);
  // 'Training person-times' already says its unit: no 'Training person-times (person-times)'
  return name.toLowerCase().endsWith(unit.toLowerCase()) ? name : `${name} (${unit})`;
}

/** A table cell: the formatter's value without the unit (the header carries it). */
export function cell(code: string, v: Parts | undefined, lang: Lang): string {
  const unit = unitOf(code);
  if (!v) return formatValue(null, unit, { lang });
  const exact = unit === '%' && v.denominator !== undefined ? { numerator: v.numerator ?? null, denominator: v.denominator ?? null } : {};
  return formatValue(v.value, unit, { lang, bare: true, ...exact });
}

function series(code: string, lang: Lang, values: (number | null)[], type?: 'bar' | 'line'): SeriesInput {
  return { name: nameOf(code, lang), unit: unitOf(code), values, type: type ?? (unitOf(code) === '%' ? 'line' : 'bar') };
}

function hasData(s: SeriesInput[]): boolean {
  return s.some((x) => x.values.some((v) => v !== null && v !== 0));
}

/** Codes over years: rates as lines, counts and money as bars (at most two units → two axes). */
export function trendPanel(o: {
  id: string; title: string; description: string; lang: Lang;
  codes: string[]; years: number[]; points: TrendPoint[]; types?: Record<string, 'bar' | 'line'>;
}): Panel {
  const at = new Map(o.points.map((p) => [`${p.code}|${p.year}`, p]));
  const s = o.codes.map((c) => series(c, o.lang, o.years.map((y) => at.get(`${c}|${y}`)?.value ?? null), o.types?.[c]));
  return {
    id: o.id, title: o.title, description: o.description, height: 300, empty: !hasData(s),
    spec: { builder: 'cartesian', input: { title: o.title, description: o.description, lang: o.lang, categories: o.years.map(String), series: s } },
    table: {
      columns: [o.lang === 'zh' ? '年度' : 'Year', ...o.codes.map((c) => header(c, o.lang))],
      rows: o.years.map((y) => [String(y), ...o.codes.map((c) => cell(c, at.get(`${c}|${y}`), o.lang))]),
    },
  };
}

/** The labels of the rows under the children: the org's own figures and the subtree total. */
export const OWN_LABEL = { zh: '本级', en: 'Own (this org)' } as const;
export const TOTAL_LABEL = { zh: '合计', en: 'Total' } as const;

/**
 * Child orgs side by side (horizontal bars, in the given order), each bar linking to the child's page.
 * With `own` and `total` (src/lib/indicators/child-table.ts) the table ends with 本级 and 合计 rows,
 * so the rows add up to the total (the chart shows the children only).
 */
export function childrenPanel(o: {
  id: string; title: string; description: string; lang: Lang;
  chartCodes: string[]; tableCodes: string[]; children: ChildValues[]; href: (code: string) => string;
  own?: ChildValues['values']; total?: ChildValues['values'];
}): Panel {
  const s = o.chartCodes.map((c) => series(c, o.lang, o.children.map((ch) => ch.values[c]?.value ?? null), 'bar'));
  const names = o.children.map((ch) => ch.org.name);
  const summary: [string, ChildValues['values']][] = o.own && o.total && o.children.length
    ? [[OWN_LABEL[o.lang], o.own], [TOTAL_LABEL[o.lang], o.total]]
    : [];
  return {
    id: o.id, title: o.title, description: o.description, empty: o.children.length === 0,
    height: Math.max(220, 80 + o.children.length * (o.chartCodes.length > 1 ? 34 : 26)),
    links: o.children.map((ch) => o.href(ch.org.code)),
    spec: { builder: 'cartesian', input: { title: o.title, description: o.description, lang: o.lang, categories: names, series: s, horizontal: true } },
    table: {
      columns: [o.lang === 'zh' ? '组织' : 'Organisation', ...o.tableCodes.map((c) => header(c, o.lang))],
      rows: [
        ...o.children.map((ch) => [ch.org.name, ...o.tableCodes.map((c) => cell(c, ch.values[c], o.lang))]),
        ...summary.map(([label, values]) => [label, ...o.tableCodes.map((c) => cell(c, values[c], o.lang))]),
      ],
      links: [...o.children.map((ch) => o.href(ch.org.code)), ...summary.map(() => null)],
      summaryRows: summary.length,
    },
  };
}

/** One year's breakdown of some codes by a dimension (aid by category, activities by kind …). */
export function breakdownPanel(o: {
  id: string; title: string; description: string; lang: Lang;
  codes: string[]; breakdown: Breakdown; report: IndicatorReport; horizontal?: boolean;
}): Panel {
  const dims = o.breakdown.dims;
  const v = (c: string, d: string) => o.report.indicators[`${c}:${d}`];
  const s = o.codes.map((c) => series(c, o.lang, dims.map((d) => v(c, d.key)?.value ?? null), 'bar'));
  const horizontal = o.horizontal ?? dims.length > 5;
  return {
    id: o.id, title: o.title, description: o.description, empty: !hasData(s),
    height: horizontal ? Math.max(220, 80 + dims.length * (o.codes.length > 1 ? 34 : 26)) : 280,
    spec: { builder: 'cartesian', input: { title: o.title, description: o.description, lang: o.lang, categories: dims.map((d) => d[o.lang]), series: s, horizontal } },
    table: {
      columns: [o.breakdown[o.lang], ...o.codes.map((c) => header(c, o.lang))],
      rows: dims.map((d) => [d[o.lang], ...o.codes.map((c) => cell(c, v(c, d.key), o.lang))]),
    },
  };
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Twelve months of one measure (aid paid, new members …). */
export function monthlyPanel(o: {
  id: string; title: string; description: string; lang: Lang;
  measures: { name: string; unit: Unit; values: (number | null)[] }[];
}): Panel {
  const months = EN_MONTHS.map((en, i) => (o.lang === 'zh' ? `${i + 1}月` : en));
  const s: SeriesInput[] = o.measures.map((m) => ({ name: m.name, unit: m.unit, values: m.values, type: 'bar' }));
  return {
    id: o.id, title: o.title, description: o.description, height: 280, empty: !hasData(s),
    spec: { builder: 'cartesian', input: { title: o.title, description: o.description, lang: o.lang, categories: months, series: s } },
    table: {
      columns: [o.lang === 'zh' ? '月份' : 'Month', ...o.measures.map((m) => `${m.name} (${unitLabel(m.unit, o.lang)})`)],
      rows: months.map((label, i) => [label, ...o.measures.map((m) => formatValue(m.values[i] ?? null, m.unit, { lang: o.lang, bare: true }))]),
    },
  };
}
