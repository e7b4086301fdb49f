// npm run bench:reports -- [--db FILE] [--year YYYY] [--threads N] [--sample N]
// Every org of the federation for one year, in one run: median ms per report for the PDF and the Word
// file, total wall time (both formats) and sizes, against the goals (< 150 ms median each, < 300 KB
// per PDF, whole federation < 60 s). Baseline measured
// in the same run: an empty document (title, header, footer, one line) rendered in this process, so the
// ratios say how much a real report costs beyond pdfmake's own floor on this machine right now.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { Db } from '../../src/lib/db/duckdb.ts';
import { parseCli } from '../../src/lib/cli/args.ts';
import { DEFAULT_DB } from '../../src/lib/paths.ts';
import { listOrgs, getYears } from '../../src/lib/indicators/read.ts';
import { renderPdf } from '../../reports/render.ts';
import { FONT_FAMILY } from '../../reports/fonts.ts';
import { renderSummary } from '../../reports/summary/index.ts';
import { hasData, loadSummaryInput } from '../../reports/summary/load.ts';
import { reportAll } from '../../reports/run.ts';

const USAGE = `Usage: npm run bench:reports -- [--db FILE] [--year YYYY] [--threads N] [--sample N]
  --db FILE    warehouse (default ${DEFAULT_DB}; make one with npm run data:sample && npm run ingest -- data/sample)
  --year YYYY  reporting year (default: the latest year in the warehouse)
  --threads N  worker threads for the batch (default: one per core)
  --sample N   orgs rendered one by one in this process for the per-report timing (default 40)
  --help       this text`;

const { values: a } = parseCli(USAGE, {
  db: { type: 'string', default: DEFAULT_DB },
  year: { type: 'string' },
  threads: { type: 'string' },
  sample: { type: 'string', default: '40' },
});
if (!existsSync(a.db)) {
  console.error(`找不到数据仓库 ${a.db} / no warehouse at ${a.db}: npm run data:sample && npm run ingest -- data/sample\n\n${USAGE}`);
  process.exit(1);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : NaN;
};
const pct = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const kb = (x: number) => `${(x / 1024).toFixed(0)} KB`;
const ok = (good: boolean) => (good ? '✓' : '✗');

const db = await Db.open(a.db!, { readOnly: true });
const orgs = await listOrgs(db);
const years = await getYears(db, orgs[0]!.code);
const year = a.year ? Number(a.year) : years[years.length - 1]!;
const generatedAt = '2026-01-15T02:30:00.000Z';
console.log(`bench:reports — ${orgs.length} orgs, year ${year}, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}`);

// Baseline: pdfmake's floor for a one-line document with the same font (warm).
const floor = { content: [{ text: '基线 baseline 2025年' }], defaultStyle: { font: FONT_FAMILY }, info: { creationDate: new Date(generatedAt) } };
for (let i = 0; i < 5; i++) await renderPdf(floor);
const base: number[] = [];
for (let i = 0; i < 10; i++) {
  const t = performance.now();
  await renderPdf(floor);
  base.push(performance.now() - t);
}

// Per report, one at a time in this process (warm): load, build (charts), render.
const step = Math.max(1, Math.floor(orgs.length / Number(a.sample)));
const picked = orgs.filter((_, i) => i % step === 0).slice(0, Number(a.sample));
const load: number[] = [];
const make: number[] = [];
const makeDocx: number[] = [];
for (const [i, o] of [...picked.slice(0, 3), ...picked].entries()) {
  let t = performance.now();
  const input = await loadSummaryInput(db, o.code, year, { generatedAt, orgs });
  const l = performance.now() - t;
  if (!hasData(input)) continue;
  t = performance.now();
  await renderSummary(input, { format: 'pdf' });
  const p = performance.now() - t;
  t = performance.now();
  await renderSummary(input, { format: 'docx' });
  const d = performance.now() - t;
  if (i >= 3) (load.push(l), make.push(p), makeDocx.push(d)); // the first three warm up
}

// The whole federation, as `npm run report -- --all` does it.
const out = mkdtempSync(join(tmpdir(), 'bench-reports-'));
const all = await reportAll(db, { year, formats: ['pdf', 'docx'], generatedAt, outDir: out, threads: a.threads ? Number(a.threads) : null });
db.close();
rmSync(out, { recursive: true, force: true });

const pdfs = all.written.filter((w) => w.format === 'pdf');
const sizes = pdfs.map((w) => w.bytes);
const pages = pdfs.map((w) => w.pages ?? 0);
const m = median(make);
const md = median(makeDocx);
console.log(`
baseline (one-line document)      median ${ms(median(base))}
PDF, in process (n=${make.length})           median ${ms(m)}  p95 ${ms(pct(make, 0.95))}  = ${(m / median(base)).toFixed(1)}× baseline   ${ok(m < 150)} goal < 150 ms
DOCX, in process (n=${makeDocx.length})          median ${ms(md)}  p95 ${ms(pct(makeDocx, 0.95))}   ${ok(md < 150)} goal < 150 ms
  warehouse read per org          median ${ms(median(load))}
PDF, in the batch (workers)       median ${ms(median(all.renderMs.pdf))}  p95 ${ms(pct(all.renderMs.pdf, 0.95))}  (cores shared with the main thread's reads)
DOCX, in the batch (workers)      median ${ms(median(all.renderMs.docx))}  p95 ${ms(pct(all.renderMs.docx, 0.95))}
whole federation                  ${pdfs.length} PDFs + ${all.written.length - pdfs.length} DOCX, ${all.skipped.length} orgs without data skipped, ${all.failed.length} failed
  wall time                       ${(all.wallMs / 1000).toFixed(1)} s  (${ms(all.wallMs / Math.max(1, pdfs.length))} per org, both formats)   ${ok(all.wallMs < 60_000)} goal < 60 s
  warehouse reads (main thread)   ${(all.loadMs / 1000).toFixed(1)} s, overlapped with rendering
PDF size                          median ${kb(median(sizes))}  max ${kb(Math.max(...sizes))}   ${ok(Math.max(...sizes) < 300 * 1024)} goal < 300 KB each
pages                             median ${median(pages)}  max ${Math.max(...pages)}`);
if (all.failed.length) {
  console.error(all.failed.map((f) => `✗ ${f.org}: ${f.error.split('\n')[0]}`).join('\n'));
  process.exit(1);
}
