// The work-summary template as a pure function: golden document definitions, the sentences staff
// expect, and no "NaN"/"undefined"/"null" anywhere, whatever data is missing.
import { describe, expect, it } from 'vitest';
import { buildSummaryDoc } from '../../reports/summary/template.ts';
import type { Lang, SummaryInput } from '../../reports/summary/types.ts';
import { compareGolden, docJson } from './golden.ts';
import * as fx from './fixtures.ts';

/** Every string a reader could see (texts, table cells, header), chart SVG text included. */
function visibleStrings(doc: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key = ''): void => {
    if (typeof v === 'string') {
      if (key === 'svg') out.push(...[...v.matchAll(/>([^<]+)</g)].map((m) => m[1]!));
      else out.push(v);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(doc);
  return out;
}

function text(input: SummaryInput, lang: Lang): string {
  const doc = buildSummaryDoc(input, { lang });
  const footer = doc.footer as (p: number, n: number) => { text: string };
  return [...visibleStrings(doc), footer(1, 3).text].join('\n');
}

const CASES: [string, () => SummaryInput, Lang][] = [
  ['federation-zh', fx.federation, 'zh'],
  ['federation-en', fx.federation, 'en'],
  ['no-data-zh', fx.noData, 'zh'],
  ['no-data-en', fx.noData, 'en'],
  ['relief-only-zh', fx.reliefOnly, 'zh'],
];

describe('work summary template', () => {
  it.each(CASES)('%s matches its golden document definition', (name, make, lang) => {
    expect(process.env.TZ).toBe('Asia/Shanghai');
    const message = compareGolden(`reports/${name}`, docJson(buildSummaryDoc(make(), { lang })));
    expect(message).toBeNull();
  });

  it.each(CASES)('%s shows no NaN, undefined, null or Infinity', (_name, make, lang) => {
    const all = text(make(), lang);
    expect(all).not.toMatch(/NaN|undefined|null|Infinity|\[object/);
  });

  it('is pure: the same input gives the same definition, and the input is not modified', () => {
    const input = fx.federation();
    const before = JSON.stringify(input);
    expect(docJson(buildSummaryDoc(input, { lang: 'zh' }))).toBe(docJson(buildSummaryDoc(input, { lang: 'zh' })));
    expect(JSON.stringify(input)).toBe(before);
  });

  it('writes the headline sentences from the numbers, through the formatter', () => {
    const all = text(fx.federation(), 'zh');
    expect(all).toContain('东湖街道工会联合会2025年度工会工作总结');
    expect(all).toContain(
      '全年应建会单位163家，已建会157家，工会组建率96.3%，较上年提高1.2个百分点；' +
        '职工1,270人，入会1,211人，职工入会率95.4%，较上年提高1.9个百分点。',
    );
    expect(all).toContain('全年发放帮扶资金33.50万元，同比增长8.5%，帮扶412人次，受助职工268人，人均帮扶813.11元/人次。');
    expect(all).toContain('按类别分，生活救助15.00万元、医疗救助12.00万元、助学6.50万元。');
    expect(all).toContain('脱困率29.3%');
    expect(all).toContain('全年举办培训14期，培训655人次，同比增长11.0%');
    expect(all).toContain('全年开展各类活动86场，同比增长7.5%，参加5,120人次。');
    expect(all).toContain('第 1 页 共 3 页');
    for (const h of ['一、组织建设', '二、帮扶救助', '三、教育培训', '四、活动与维权', '五、下级组织情况', '附：指标口径与数据来源']) {
      expect(all).toContain(h);
    }
  });

  it('gives missing and zero data a sentence of its own, and no empty table', () => {
    const all = text(fx.noData(), 'zh');
    for (const s of ['本年度未发生帮扶支出。', '本年度没有在档困难职工。', '本年度未举办培训。', '本年度未登记活动。', '本组织没有下级组织。', '年末没有在册会员']) {
      expect(all).toContain(s);
    }
    const doc = JSON.stringify(buildSummaryDoc(fx.noData(), { lang: 'zh' }), (k, v) => (k === 'svg' ? '' : v));
    expect(doc).not.toContain('"svg"');
    expect(JSON.parse(doc).content.flat(3).filter((c: { table?: { body: unknown[] } }) => c?.table && c.table.body.length <= 1)).toEqual([]);
  });

  it('reports a family alone when only it has data', () => {
    const all = text(fx.reliefOnly(), 'zh');
    expect(all).toContain('全年发放帮扶资金1.28万元');
    expect(all).toContain('按类别分，节日慰问1.28万元。');
    expect(all).toContain('本年度未举办培训。');
    expect(all).not.toContain('脱困率');
  });

  it('shows a child without headcounts as "—", not 0 or NaN', () => {
    const doc = buildSummaryDoc(fx.federation(), { lang: 'zh' });
    const json = JSON.stringify(doc);
    expect(json).toContain('"南岸社区联合工会"');
    const row = /"南岸社区联合工会"\}.*?\]/.exec(json)?.[0] ?? '';
    expect(row).toContain('"211"');
    expect(row).toContain('"—"');
  });

  it('writes the same document in English', () => {
    const all = text(fx.federation(), 'en');
    expect(all).toContain('东湖街道工会联合会: Work Summary 2025');
    expect(all).toContain('a unionisation rate of 96.3% (up 1.2 percentage points)');
    expect(all).toContain('Page 1 of 3');
    expect(all).toContain('1. Organisation');
    expect(all).not.toMatch(/[一二三四五]、/);
  });
});
