// The annual work summary (年度工会工作总结) as a pure function: SummaryInput in, pdfmake document
// definition out. No clock, no file system, no database: the same input gives the same definition
// (and, through render.ts, the same PDF bytes). Layout follows the real summaries staff write:
// title, the period, then 一、二、三… sections that each open with sentences from the figures.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { FONT_FAMILY } from '../fonts.ts';
import { activityChart, reliefChart, trendChart } from './charts.ts';
import { dateEn, dateTimeEn, dateTimeZh, dateZh } from './dates.ts';
import { labels } from './labels.ts';
import * as en from './sentences-en.ts';
import * as zh from './sentences-zh.ts';
import { appendixTable, childrenTable } from './tables.ts';
import type { SummaryInput, SummaryOptions } from './types.ts';

export const PAGE_MARGINS: [number, number, number, number] = [56, 64, 56, 56];

function paragraphs(lines: string[]): Content[] {
  return lines.map((text) => ({ text, style: 'body' }));
}

function section(title: string, body: (Content | null)[]): Content {
  // Keep a heading with the first paragraph after it: a heading alone at a page foot looks broken.
  const [first, ...rest] = body.filter((c): c is Content => c !== null);
  return [{ stack: [{ text: title, style: 'h1' }, ...(first ? [first] : [])], unbreakable: true }, ...rest];
}

function metaTable(input: SummaryInput, opts: SummaryOptions): Content {
  const t = labels(opts.lang);
  const isEn = opts.lang === 'en';
  const date = isEn ? dateEn : dateZh;
  const y = input.year;
  const batch = input.batch
    ? t.snapshotValue(input.batch.id, input.batch.finishedAt ? (isEn ? dateTimeEn : dateTimeZh)(input.batch.finishedAt) : '')
    : t.noBatch;
  const rows: [string, string][] = [
    [t.period, t.periodValue(date(`${y}-01-01`), date(input.asOf))],
    [t.scope, t.scopeValue],
  ];
  if (input.parents.length) rows.push([t.parents, input.parents.map((p) => p.name).join(' › ')]);
  rows.push([t.snapshot, batch], [t.generated, (isEn ? dateTimeEn : dateTimeZh)(input.generatedAt)]);
  return {
    table: { widths: [72, '*'], body: rows.map(([k, v]) => [{ text: k, color: '#5b6168' }, { text: v }]) },
    layout: 'noBorders',
    style: 'meta',
  };
}

const WRITERS = {
  zh: { opening: zh.openingZh, coverage: zh.coverageZh, relief: zh.reliefZh, training: zh.trainingZh, activities: zh.activitiesZh, children: zh.childrenZh },
  en: { opening: en.openingEn, coverage: en.coverageEn, relief: en.reliefEn, training: en.trainingEn, activities: en.activitiesEn, children: en.childrenEn },
};

export function buildSummaryDoc(input: SummaryInput, opts: SummaryOptions): TDocumentDefinitions {
  const t = labels(opts.lang);
  const s = t.sections;
  const title = t.title(input.org.name, input.year);
  const w = opts.lang === 'en' ? WRITERS.en : WRITERS.zh;
  const batchLabel = input.batch ? t.snapshotValue(input.batch.id, '') : t.noBatch;
  const asOf = opts.lang === 'en' ? dateEn(input.asOf) : dateZh(input.asOf);
  const generated = (opts.lang === 'en' ? dateTimeEn : dateTimeZh)(input.generatedAt);

  return {
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    language: opts.lang === 'en' ? 'en' : 'zh-CN',
    info: {
      title,
      author: input.org.name,
      subject: opts.lang === 'en' ? `Work summary ${input.year}` : `${input.year}年度工会工作总结`,
      creator: 'union-analytics reports',
      producer: 'union-analytics reports (pdfmake)',
      // pdfkit derives the file ID from the creation date: pinning it makes the bytes reproducible.
      creationDate: new Date(input.generatedAt),
    },
    header: {
      columns: [
        { text: t.runningHead(input.org.name, input.year), alignment: 'left' },
        { text: batchLabel, alignment: 'right', width: 'auto' },
      ],
      margin: [PAGE_MARGINS[0], 28, PAGE_MARGINS[2], 0],
      style: 'running',
    },
    footer: (page: number, pages: number) => ({ text: t.page(page, pages), alignment: 'center', style: 'running', margin: [0, 20, 0, 0] }),
    content: [
      { text: title, style: 'title' },
      metaTable(input, opts),
      { text: w.opening(input), style: 'body' },
      section(s.coverage, [...paragraphs(w.coverage(input)), trendChart(input, opts)]),
      section(s.relief, [...paragraphs(w.relief(input)), reliefChart(input, opts)]),
      section(s.training, paragraphs(w.training(input))),
      section(s.activities, [...paragraphs(w.activities(input)), activityChart(input, opts)]),
      section(s.children, [...paragraphs(w.children(input)), childrenTable(input, opts)]),
      section(s.appendix, [
        { text: t.appendix.sourceTitle, style: 'h2' },
        { text: t.appendix.source(batchLabel, asOf, generated), style: 'body' },
        appendixTable(input, opts),
      ]),
    ],
    defaultStyle: { font: FONT_FAMILY, fontSize: 10.5, lineHeight: 1.35, color: '#1f2326' },
    styles: {
      title: { fontSize: 18, bold: true, alignment: 'center', margin: [0, 8, 0, 14] },
      meta: { fontSize: 9, margin: [0, 0, 0, 12] },
      h1: { fontSize: 13.5, bold: true, margin: [0, 14, 0, 6] },
      h2: { fontSize: 11, bold: true, margin: [0, 6, 0, 4] },
      // Justified Chinese reads well; in English it stretches the Chinese org names letter by letter.
      body: { margin: [0, 0, 0, 6], alignment: opts.lang === 'en' ? 'left' : 'justify' },
      running: { fontSize: 8, color: '#6b7177' },
      table: { fontSize: 8.5, lineHeight: 1.2, margin: [0, 4, 0, 10] },
      th: { bold: true, fillColor: '#eef1f4' },
    },
  };
}
