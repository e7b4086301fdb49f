// From a real DuckDB warehouse to PDFs: the loader (through the indicator reader), `npm run report`
// for one org and for --all (worker threads, manifest), and the errors a person meets. The federation
// is the indicator tests' hand-made tree plus one org that only paid aid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Db } from '../../src/lib/db/duckdb.ts';
import { getChildren, getIndicators } from '../../src/lib/indicators/read.ts';
import { composeSummary, renderSummary } from '../../reports/summary/index.ts';
import { hasData, loadSummaryInput } from '../../reports/summary/load.ts';
import { buildWarehouse } from '../indicators/fixture.ts';
import { TREE } from '../indicators/tree-fixture.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE = join(ROOT, 'node_modules/.bin/node');
const AT = '2025-01-20T02:00:00.000Z';
let dir: string;
let dbFile: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reports-'));
  dbFile = join(dir, 'warehouse.duckdb');
  const writer = await buildWarehouse(
    {
      ...TREE,
      orgs: [
        ...TREE.orgs,
        { org_code: 'A', org_name: '江岸物流公司工会', parent_code: 'S2', org_type: 'grassroots_union' },
        // dissolved mid-2024: not in S2's table for 2024, still there for 2023
        { org_code: 'X', org_name: '已撤销公司工会', parent_code: 'S2', org_type: 'grassroots_union', dissolved_on: '2024-06-30' },
      ],
      aid: [
        ...(TREE.aid ?? []),
        { voucher_no: 'A-1', org_code: 'A', paid_on: '2024-09-01', category: 'education', amount: '3000.00', fund_source: 'union_funds', person_key: 'PA' },
      ],
    },
    dbFile,
  );
  await writer.run(`insert into ingest_batch values (7, now(), timestamptz '2025-01-10 09:00:00+08', 'test', null, 'cli', 1, 1, 1, 0, 0, 0, 0)`);
  writer.close();
  db = await Db.open(dbFile, { readOnly: true });
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

function report(args: string[]) {
  return spawnSync(NODE, [join(ROOT, 'scripts/report.ts'), '--db', dbFile, ...args], { encoding: 'utf8', cwd: dir });
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('loadSummaryInput', () => {
  it('quotes exactly the indicator report, lists every direct child and the parents', async () => {
    const input = await loadSummaryInput(db, 'S1', 2024, { generatedAt: AT });
    const r = await getIndicators(db, 'S1', 2024);
    expect(input.figures['coverage.unionisation_rate']).toMatchObject({
      value: r.indicators['coverage.unionisation_rate']!.value,
      numerator: r.indicators['coverage.unionisation_rate']!.numerator,
      denominator: r.indicators['coverage.unionisation_rate']!.denominator,
    });
    expect(input.batch).toEqual({ id: 7, finishedAt: '2025-01-10T01:00:00Z' });
    expect(input.parents.map((p) => p.code)).toEqual(['R']);
    // the children standing at D, as the pages' child table lists them: J1 is founded in 2025
    expect(input.children.map((c) => c.org.code).sort()).toEqual(['C1']);
    const valued = (await getChildren(db, 'S1', 2024, ['coverage.members'])).filter((c) => c.org.code !== 'J1');
    for (const c of valued) expect(input.children.find((x) => x.org.code === c.org.code)!.figures['coverage.members']!.value).toBe(c.values['coverage.members']!.value);
    expect(input.definitions.length).toBeGreaterThan(20);
    expect(input.trend.map((t) => t.year)).toContain(2024);
  });

  it('lists only the unions standing at year end, with 本级 and 合计 rows that add up', async () => {
    const s2 = await loadSummaryInput(db, 'S2', 2024, { generatedAt: AT });
    expect(s2.children.map((c) => c.org.code)).toContain('A');
    expect(s2.children.map((c) => c.org.code)).not.toContain('X');
    // 合计 = 本级 + Σ children, for every count and money column
    for (const code of ['coverage.members', 'relief.amount', 'relief.person_times', 'training.person_times']) {
      const sum = s2.children.reduce((n, c) => n + (c.figures[code]?.value ?? 0), 0) + (s2.own?.[code]?.value ?? 0);
      expect(sum, code).toBeCloseTo(s2.figures[code]?.value ?? 0, 2);
    }
    const table = composeSummary(s2).attachments.find((a) => a.title === '所属工会组织主要指标')!;
    expect(table.rows.map((r) => r[0]).slice(-2)).toEqual(['本级', '合计']);
  });

  it('marks an org with nothing in the year, and still renders a valid summary for it', async () => {
    const input = await loadSummaryInput(db, 'E', 2024, { generatedAt: AT });
    expect(hasData(input)).toBe(false);
    const { bytes, pages } = await renderSummary(input, { format: 'pdf' });
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

// Each run is a fresh Node process loading DuckDB, ECharts and pdfmake: give them room on a busy machine.
describe('npm run report', { timeout: 180_000 }, () => {
  it('writes one org’s summary, says what it did, and is byte-reproducible', () => {
    const out = join(dir, 'one', 'r.pdf');
    const run = report(['--org', 'R', '--year', '2024', '--out', out, '--generated-at', AT]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/已生成 \/ wrote .*r\.pdf/);
    expect(run.stdout).toMatch(/示例区总工会 \(R\) 2024年, 数据批次 \/ batch 7, \d+ 页/);
    const text = pdfText(out);
    expect(text).toContain('示例区总工会2024年工作总结');
    expect(text).toContain('附件2所属工会组织主要指标');
    expect(text).not.toMatch(/NaN|undefined|null/);
    const first = sha(out);
    expect(report(['--org', 'R', '--year', '2024', '--out', out, '--generated-at', AT]).status).toBe(0);
    expect(sha(out)).toBe(first);
  });

  it('names the file after the org by default, as PDF or Word', () => {
    const pdf = report(['--org', 'A', '--year', '2024', '--out-dir', join(dir, 'named'), '--generated-at', AT]);
    expect(pdf.status, pdf.stderr).toBe(0);
    const file = join(dir, 'named', '江岸物流公司工会2024年工作总结.pdf');
    expect(existsSync(file)).toBe(true);
    // 3000 元 is a small sum: written in 元 (never 0.30万元)
    expect(pdfText(file)).toContain('全年发放帮扶资金3000元');
    const word = report(['--org', 'A', '--year', '2024', '--format', 'docx', '--out-dir', join(dir, 'named'), '--generated-at', AT]);
    expect(word.status, word.stderr).toBe(0);
    expect(word.stdout).toContain('江岸物流公司工会2024年工作总结.docx');
    const xml = execFileSync('unzip', ['-p', join(dir, 'named', '江岸物流公司工会2024年工作总结.docx'), 'word/document.xml'], { encoding: 'utf8' });
    expect(xml.replace(/<[^>]+>/g, '')).toContain('全年发放帮扶资金3000元');
  });

  it('--all writes every org with data on worker threads, and a manifest that matches the files', () => {
    const outDir = join(dir, 'all');
    const run = report(['--all', '--year', '2024', '--out-dir', outDir, '--threads', '2', '--generated-at', AT]);
    expect(run.status, run.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
    const orgs = [...new Set(manifest.reports.map((r: { org: string }) => r.org))].sort();
    expect(orgs).toContain('R');
    expect(orgs).toContain('A');
    expect(orgs).not.toContain('E');
    expect(manifest.skipped.map((s: { org: string }) => s.org)).toContain('E');
    const pdfs = manifest.reports.filter((r: { format: string }) => r.format === 'pdf');
    expect(pdfs.length * 2).toBe(manifest.reports.length);
    expect(run.stdout).toContain(`wrote ${pdfs.length} PDF`);
    expect(run.stdout).toContain(`+ ${pdfs.length} DOCX`);
    for (const r of manifest.reports) {
      const file = join(outDir, r.file);
      expect(r).toMatchObject({ year: 2024, batch: 7 });
      expect(sha(file)).toBe(r.sha256);
      if (r.format !== 'pdf') continue;
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(r.pages);
    }
    // The same org renders to the same bytes alone or in the batch.
    const one = join(dir, 'r-alone.pdf');
    report(['--org', 'R', '--year', '2024', '--out', one, '--generated-at', AT]);
    expect(manifest.reports.find((r: { org: string; format: string }) => r.org === 'R' && r.format === 'pdf').sha256).toBe(sha(one));
  });

  it('fails with an actionable message', () => {
    const unknown = report(['--org', 'NOPE', '--year', '2024']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('未找到组织代码为 NOPE 的组织');
    const usage = report(['--org', 'R']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--year YYYY');
    const both = report(['--org', 'R', '--all', '--year', '2024']);
    expect(both.status).toBe(2);
    const noDb = spawnSync(NODE, [join(ROOT, 'scripts/report.ts'), '--db', join(dir, 'missing.duckdb'), '--org', 'R', '--year', '2024'], { encoding: 'utf8' });
    expect(noDb.status).toBe(1);
    expect(noDb.stderr).toContain('npm run ingest');
    const help = report(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--all');
  });
});
