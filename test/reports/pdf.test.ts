// Real PDFs and Word files, read back with poppler and LibreOffice: the text a reader can search,
// the embedded serif subsets, the 公文 page numbers and grid, no thousands separators or system words
// in the prose, the same text in the .docx (converted to PDF by LibreOffice headless) as in the PDF,
// and a picture of page 1 in test/artifacts/reports/ (gitignored) to look at.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { renderSummary, type SummaryFormat } from '../../reports/summary/index.ts';
import type { Narrative } from '../../reports/summary/narrative.ts';
import type { SummaryInput } from '../../reports/summary/types.ts';
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

const pdftotext = (file: string, layout = true) => execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
const flat = (s: string) => s.replace(/\s+/g, '');

async function render(name: string, input: SummaryInput, format: SummaryFormat = 'pdf', narrative: Narrative = {}): Promise<string> {
  const { bytes } = await renderSummary(input, { format, narrative });
  const file = join(ARTIFACTS, `${name}.${format}`);
  writeFileSync(file, bytes);
  return file;
}

async function renderAndRead(name: string, input: SummaryInput, narrative: Narrative = {}): Promise<Read> {
  const { bytes, pages } = await renderSummary(input, { format: 'pdf', narrative });
  const file = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(file, bytes);
  const text = pdftotext(file);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(pages);
  return { file, text, flat: flat(text), fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }), pages: pages!, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

/** The pages before 附件1: the prose (attachments are tables). */
const prose = (r: Read) => r.text.split('\f').filter((p) => !/^\s*附件\d/.test(p)).join('\f');

describe('work summary PDF (公文)', () => {
  let fed: Read;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    fed = await renderAndRead('street', fx.federation());
  });

  it('carries title, opening, sections, problems, plans, 落款 and 成文日期 as searchable text', () => {
    for (const s of [
      '东湖街道工会联合会2025年工作总结',
      '现将一年来的主要工作总结如下：',
      '一、抓组建、扩覆盖，工会组织建设进一步夯实',
      '截至年底，全街道应建会单位163家，已建会157家，工会组建率96.3%，比上年提高1.2个百分点；职工1270人',
      '其中，生活救助180人次15万元；医疗救助46人次12万元',
      '五、存在的问题',
      '六、下一步工作打算',
      '（一）继续推进',
      '附件：1．主要指标口径',
      '东湖街道工会联合会2026年1月15日',
    ]) {
      expect(fed.flat).toContain(flat(s));
    }
    expect(fed.text).not.toMatch(/NaN|undefined|null|Infinity/);
  });

  it('numbers pages "— 1 —" at the outer side: odd right, even left', () => {
    const pages = fed.text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBe(fed.pages);
    pages.forEach((p, i) => expect(p.trimEnd().split('\n').at(-1)!.trim()).toBe(`— ${i + 1} —`));
    // Where the number sits: pdftotext -bbox gives each word's box; A4 is 595 pt wide, the 版心
    // runs from 79.4 to 521.6 pt. Odd pages: the number ends one character (14 pt) inside the right
    // edge; even pages: it starts one character inside the left edge.
    const bbox = execFileSync('pdftotext', ['-bbox', fed.file, '-'], { encoding: 'utf8' }).split('<page ').slice(1);
    bbox.forEach((page, i) => {
      const dashes = [...page.matchAll(/<word xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>—<\/word>/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]);
      const [first, last] = [dashes.at(-2)!, dashes.at(-1)!];
      if (i % 2 === 0) expect(Math.abs(last[1] - (521.6 - 14)), `page ${i + 1}`).toBeLessThan(2);
      else expect(Math.abs(first[0] - (79.4 + 14)), `page ${i + 1}`).toBeLessThan(2);
    });
  });

  it('writes no thousands separators and no system words in the prose', () => {
    const body = prose(fed);
    expect(body).not.toMatch(/\d,\d{3}/);
    expect(body).not.toMatch(/数据仓库|批导入|快照|生成时间|第\d+页共\d+页/);
  });

  it('keeps 28 characters a line and 22 lines a full page (3号 on the 156 × 225 mm 版心)', () => {
    // Opening paragraph: first line indented two characters → 26 characters, then 28 a line.
    const lines = pdftotext(fed.file, false).split('\n').map((l) => l.trim()).filter(Boolean);
    const open = lines.findIndex((l) => l.startsWith('2025年，东湖'));
    const full = lines.slice(open + 1, open + 4).filter((l) => /^[\u4e00-\u9fff，、。；：《》]+$/.test(l));
    expect(full.length).toBeGreaterThan(0);
    for (const l of full) expect([...l].length).toBe(28);
    // Page 2 is all body text: count its lines (page number excluded).
    const page2 = pdftotext(fed.file).split('\f')[1]!.split('\n').filter((l) => l.trim() && !/—\s*\d+\s*—/.test(l));
    expect(page2.length).toBeGreaterThanOrEqual(21);
    expect(page2.length).toBeLessThanOrEqual(22);
  });

  it('sets the body in 3号 (16 pt) on the 15.79 pt character grid, the title in 2号 (22 pt)', () => {
    // The sizes the page content streams select (pdfkit writes "/F2 16 Tf"), and the character
    // spacing (Tc): 16 pt glyphs advanced by 442.2 / 28 = 15.79 pt, as Word's character grid does.
    const bytes = readFileSync(fed.file);
    const pdf = bytes.toString('latin1');
    const sizes = new Set<number>();
    const spacings = new Set<number>();
    for (const m of pdf.matchAll(/stream\r?\n/g)) {
      const start = m.index! + m[0].length;
      let text: string;
      try {
        text = inflateSync(bytes.subarray(start, pdf.indexOf('endstream', start))).toString('latin1');
      } catch {
        continue; // font files and images are not content streams
      }
      for (const t of text.matchAll(/\/F\d+ ([\d.]+) Tf/g)) sizes.add(Number(t[1]));
      for (const t of text.matchAll(/(-?[\d.]+) Tc/g)) spacings.add(Number(t[1]));
    }
    // title 22, body and headings 16, page numbers 14, attachment tables 10.5: nothing else (no 15.79)
    expect([...sizes].sort((a, b) => a - b)).toEqual([10.5, 14, 16, 22]);
    expect(spacings.size).toBe(1);
    const [tc] = [...spacings];
    expect(16 + tc!).toBeCloseTo(156 * (72 / 25.4) / 28, 1);
    // and a full body line spans the 版心: 28 glyphs from 79.4 pt to 521.6 pt (pdftotext -bbox)
    const lines = [...execFileSync('pdftotext', ['-bbox', fed.file, '-'], { encoding: 'utf8' }).matchAll(/<word xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>([^<]+)<\/word>/g)]
      .filter((w) => [...w[3]!].length === 28 && /^[\u4e00-\u9fff，、。；：《》]+$/.test(w[3]!));
    expect(lines.length).toBeGreaterThan(3);
    for (const w of lines) {
      expect(Number(w[1])).toBeCloseTo(79.4, 0);
      expect(Math.abs(Number(w[2]) - 521.6)).toBeLessThan(0.5);
    }
  });

  it('embeds the serif (title bold, body regular), 黑体 and 楷体 faces as subsets', () => {
    const rows = fed.fonts.split('\n').slice(2).filter(Boolean);
    for (const face of ['NotoSerifSC-Bold', 'NotoSerifSC-Regular', 'NotoSansSC-Regular']) {
      expect(fed.fonts, face).toMatch(new RegExp(`[A-Z]{6}\\+${face}\\s+CID TrueType\\s+Identity-H\\s+yes\\s+yes\\s+yes`));
    }
    expect(fed.fonts).toMatch(/[A-Z]{6}\+(LXGWWenKai-Regular|NotoSerifSC-Regular)/);
    for (const row of rows) expect(row).toMatch(/\s+yes\s+yes\s+yes\s/);
    expect(fed.fonts).not.toMatch(/Helvetica|Roboto|Times/);
  });

  it('puts the attachments on new pages after the 落款', () => {
    const pages = fed.text.split('\f');
    const sig = pages.findIndex((p) => flat(p).includes('2026年1月15日'));
    const a1 = pages.findIndex((p) => /^\s*附件1/.test(p));
    const a2 = pages.findIndex((p) => /^\s*附件2/.test(p));
    expect(a1).toBeGreaterThan(sig);
    expect(a2).toBeGreaterThan(a1);
    expect(flat(pages[a2]!)).toContain('合计12119') ; // 合计 row: 1211 members, 95.4%
  });

  it('is reproducible: the same data gives the same bytes', async () => {
    expect(fed.bytes).toBeLessThan(300 * 1024);
    const again = await renderAndRead('street-again', fx.federation());
    expect(again.sha256).toBe(fed.sha256);
  });

  it('renders page 1 to a PNG for a person to look at', () => {
    const prefix = join(ARTIFACTS, 'street-page');
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', fed.file, prefix]);
    expect(existsSync(`${prefix}.png`)).toBe(true);
    expect(statSync(`${prefix}.png`).size).toBeGreaterThan(20_000);
  });

  it.each([
    ['no-data', fx.noData, ['北山社区工会2025年工作总结', '一、存在的问题', '二、下一步工作打算']],
    ['relief-only', fx.reliefOnly, ['全年发放帮扶资金12800元', '其中，节日慰问16人次12800元。']],
    ['county', fx.county, ['全年帮扶资金28900元，同比下降47.3%']],
  ] as const)('%s is a valid document without NaN/undefined/null', async (name, make, expected) => {
    const r = await renderAndRead(name, make());
    expect(r.pages).toBeGreaterThanOrEqual(1);
    for (const s of expected) expect(r.flat).toContain(flat(s));
    expect(r.text).not.toMatch(/NaN|undefined|null|Infinity/);
  });
});

/**
 * A fontconfig for LibreOffice that maps the Windows faces the .docx names (宋体, 仿宋, 黑体, 楷体) to the
 * open faces the PDF embeds, as an office with those fonts installed would show them.
 */
function officeFonts(dir: string): string {
  const root = join(import.meta.dirname, '../..');
  const pkg = (p: string) => join(root, 'node_modules/@expo-google-fonts', p);
  const alias = (from: string, to: string) => `<alias binding="same"><family>${from}</family><prefer><family>${to}</family></prefer></alias>`;
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<dir>${pkg('noto-serif-sc/400Regular')}</dir><dir>${pkg('noto-serif-sc/700Bold')}</dir><dir>${pkg('noto-sans-sc/400Regular')}</dir>
<cachedir>${join(dir, 'fc-cache')}</cachedir>
${alias('仿宋', 'Noto Serif SC')}${alias('宋体', 'Noto Serif SC')}${alias('黑体', 'Noto Sans SC')}${alias('楷体', 'LXGW WenKai')}
</fontconfig>`,
  );
  return file;
}

describe('work summary as Word (.docx)', { timeout: 180_000 }, () => {
  it('carries the same text as the PDF (LibreOffice headless reads it and converts it to PDF)', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const narrative: Narrative = { examples: { relief: '东湖社区工会为患病职工发动捐款2万多元。' }, date: '2026年1月20日' };
    const pdf = await render('street-edited', fx.federation(), 'pdf', narrative);
    const docx = await render('street-edited', fx.federation(), 'docx', narrative);
    const out = mkdtempSync(join(tmpdir(), 'docx-pdf-'));
    try {
      // A private profile: LibreOffice refuses to start when another instance holds the default one.
      const soffice = (to: string) =>
        execFileSync('soffice', [`-env:UserInstallation=file://${out}/profile`, '--headless', '--convert-to', to, '--outdir', out, docx], {
          stdio: 'pipe',
          timeout: 120_000,
          env: { ...process.env, FONTCONFIG_FILE: officeFonts(out) },
        });
      soffice('pdf');
      const noNumbers = (s: string) => flat(s.replace(/—\s*\d+\s*—/g, ''));
      const a = noNumbers(pdftotext(pdf, false));
      expect(a).toContain('如：东湖社区工会为患病职工发动捐款2万多元。');
      expect(a).toContain('2026年1月20日');
      // The words inside the .docx (its document part, tags stripped) are the PDF's words.
      const xml = execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8' });
      const words = flat(xml.replace(/<w:tab\/>/g, ' ').replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
      // The prose compares exactly; table cells (which pdftotext reads in layout order) each appear.
      const prose = (s: string) => s.slice(0, s.indexOf('附件1'));
      expect(prose(words)).toBe(prose(a));
      for (const cell of ['所属工会组织主要指标', '东湖社区工会', '96.3', '33.50', '合计']) expect(words).toContain(cell);
      // LibreOffice's own PDF of it says the same; LibreOffice hangs a line-final 、，。 into the margin
      // and drops it from the exported text layer, so punctuation is left out of this comparison.
      const bare = (s: string) => s.replace(/[、，。；：]/g, '');
      expect(bare(prose(noNumbers(pdftotext(join(out, 'street-edited.pdf'), false))))).toBe(bare(prose(a)));
      // Word's page numbers are fields: LibreOffice fills them in as "— 1 —".
      expect(pdftotext(join(out, 'street-edited.pdf'))).toMatch(/—\s*1\s*—/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
