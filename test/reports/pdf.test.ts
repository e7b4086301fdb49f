// Real PDFs, read back with poppler: the text a reader can search, the embedded font subset, the page
// count, and a picture of page 1 in test/artifacts/reports/ (gitignored) to look at.
import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSummary } from '../../reports/summary/index.ts';
import type { Lang, SummaryInput } from '../../reports/summary/types.ts';
import * as fx from './fixtures.ts';

const ARTIFACTS = join(import.meta.dirname, '../artifacts/reports');

interface Read {
  file: string;
  text: string;
  /** The text with all whitespace removed: pdftotext breaks lines where the page does. */
  flat: string;
  fonts: string;
  pages: number;
  sha256: string;
  bytes: number;
}

async function renderAndRead(name: string, input: SummaryInput, lang: Lang): Promise<Read> {
  const { bytes, pages } = await renderSummary(input, { lang });
  const file = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(pages);
  return {
    file,
    text,
    flat: text.replace(/\s+/g, ''),
    fonts,
    pages,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
  };
}

const flat = (s: string) => s.replace(/\s+/g, '');

describe('work summary PDF', () => {
  let fed: Read;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    fed = await renderAndRead('federation-zh', fx.federation(), 'zh');
  });

  it('carries the title, the sentences and the figures as searchable text', () => {
    for (const s of [
      '东湖街道工会联合会2025年度工会工作总结',
      '全年应建会单位163家，已建会157家，工会组建率96.3%，较上年提高1.2个百分点；职工1,270人，入会1,211人，职工入会率95.4%',
      '全年发放帮扶资金33.50万元，同比增长8.5%',
      '一、组织建设',
      '五、下级组织情况',
      '附：指标口径与数据来源',
      '第3批导入',
      '2026年1月15日10:30',
    ]) {
      expect(fed.flat).toContain(flat(s));
    }
    expect(fed.flat).toMatch(/第1页共\d+页/);
    // Chart text is real text too (vector SVG, not a picture).
    expect(fed.flat).toContain('近年会员人数与职工入会率');
    expect(fed.flat).toContain('1,211人');
    expect(fed.text).not.toMatch(/NaN|undefined|null|Infinity/);
  });

  it('embeds Noto Sans SC as a subset', () => {
    const rows = fed.fonts.split('\n').filter((l) => /NotoSansSC/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      // name type encoding emb sub uni …: a subset's name starts with a six-letter tag.
      expect(row).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    }
    expect(fed.fonts).not.toMatch(/Helvetica|Roboto|Times/);
  });

  it('is small and reproducible: the same data gives the same bytes', async () => {
    expect(fed.bytes).toBeLessThan(300 * 1024);
    const again = await renderAndRead('federation-zh-again', fx.federation(), 'zh');
    expect(again.sha256).toBe(fed.sha256);
  });

  it('renders page 1 to a PNG for a person to look at', () => {
    const prefix = join(ARTIFACTS, 'federation-zh-page');
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', fed.file, prefix]);
    expect(existsSync(`${prefix}.png`)).toBe(true);
    expect(statSync(`${prefix}.png`).size).toBeGreaterThan(20_000);
  });

  it.each([
    ['no-data-zh', fx.noData, 'zh', ['本年度未发生帮扶支出。', '本年度未举办培训。', '本组织没有下级组织。']],
    ['relief-only-zh', fx.reliefOnly, 'zh', ['全年发放帮扶资金1.28万元', '本年度未登记活动。']],
    ['no-data-en', fx.noData, 'en', ['No relief was paid this year.', 'Page 1 of']],
    ['federation-en', fx.federation, 'en', ['a unionisation rate of 96.3% (up 1.2 percentage points)', '1. Organisation']],
  ] as const)('%s is a valid document without NaN/undefined/null', async (name, make, lang, expected) => {
    const r = await renderAndRead(name, make(), lang);
    expect(r.pages).toBeGreaterThanOrEqual(1);
    for (const s of expected) expect(r.flat).toContain(flat(s));
    expect(r.text).not.toMatch(/NaN|undefined|null|Infinity/);
  });

  it('repeats the child table header on every page the table spans', async () => {
    const r = await renderAndRead('many-children-zh', fx.manyChildren(90), 'zh');
    const pages = r.text.split('\f').filter((p) => p.includes('基层工会'));
    const tablePages = pages.filter((p) => /第\d+基层工会/.test(p));
    expect(tablePages.length).toBeGreaterThanOrEqual(2);
    for (const p of tablePages) expect(p).toMatch(/组织名称\s+类型/);
    expect(r.flat).toContain('第90基层工会');
  });
});
