// npm run bench:ingest -- [--format csv|xlsx] [--runs N] [--scale N] [--rows N] [--seed S] [--memory-limit SIZE]
// In one run: the bare reader of the generated members file (the baseline: DuckDB's read_csv into a
// table, or for --format xlsx the streaming .xlsx reader the ingest uses, visiting every cell's text, in
// the main thread; the same reader in a worker thread, as the ingest runs it, for comparison;
// SheetJS reading the whole workbook with the ingest's former options, and exceljs's streaming reader,
// for comparison: the ratio against SheetJS is printed too), and our full validated
// ingest of the same file, each in its own child process so that peak memory is measured per side.
// "Validated ingest" is inspect (SHA-256, encoding) → raw table → checks → clean rows and quarantine
// → committed; the indicator mart, which the same write rebuilds afterwards, is the indicators' work
// and is timed and printed on its own line, with the ratio it would make if counted; so is the
// levelling of the spare file after the swap (the answer is given at the swap, src/lib/db/warehouse.ts:
// it prepares the next write, whose cost it is, and is the incremental writer's). Prints rows/s,
// the ratios and peak RSS (before the mart, and overall). Generated data lives in bench/data/ (gitignored).
// The bare read and the validated ingest are measured --runs times, alternately (bare, validated, bare,
// …), each in a fresh process on a fresh copy of the warehouse: on a shared machine one side's wall
// time varies by 20% between runs, and alternating pairs meet the same load. The ratio reported is
// that of the medians, with the ratio of each pair and of the best runs beside it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../src/lib/paths.ts';
import { parseCli, usageError } from '../../src/lib/cli/args.ts';
import { renderTable } from '../../src/lib/cli/table.ts';

const USAGE = `usage: npm run bench:ingest -- [--format csv|xlsx] [--runs N] [--scale N] [--rows N] [--seed S] [--memory-limit SIZE]

  --format F           csv (default) or xlsx: the members register as a workbook of --rows rows
  --runs N             bare read and validated ingest measured N times each, alternately; the ratio is
                       that of the medians (default 5 for xlsx, 1 for csv)
  --rows N             xlsx only: member rows in the workbook (default 100000)
  --scale N            sample scale (default 25 ≈ 1.5M member rows, 250 ≈ 15M; for xlsx 2 ≈ 120k)
  --seed S             sample seed (default 1)
  --memory-limit SIZE  DuckDB memory limit of the validated ingest (default: the ingest's own default)
  --help               this text`;

const args = parseCli(USAGE, {
  format: { type: 'string', default: 'csv' },
  rows: { type: 'string', default: '100000' },
  scale: { type: 'string' },
  seed: { type: 'string', default: '1' },
  'memory-limit': { type: 'string' },
  runs: { type: 'string' },
});
const format = args.values.format;
if (format !== 'csv' && format !== 'xlsx') usageError(USAGE, '--format must be csv or xlsx');
const scale = Number(args.values.scale ?? (format === 'xlsx' ? '2' : '25'));
if (!(scale > 0)) usageError(USAGE, '--scale must be a positive number');
const xlsxRows = Number(args.values.rows);
if (!(xlsxRows > 0)) usageError(USAGE, '--rows must be a positive number');
const runs = Number(args.values.runs ?? (format === 'xlsx' ? '5' : '1'));
if (!(Number.isInteger(runs) && runs > 0)) usageError(USAGE, '--runs must be a positive whole number');

const node = process.execPath;
const dataDir = join(ROOT, 'bench/data', `sample-s${scale}-seed${args.values.seed}`);
const work = join(ROOT, 'bench/data', 'ingest-work');

function step(label: string, cmd: string[]): string {
  const r = spawnSync(node, cmd, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    process.stderr.write(`${label} failed:\n${r.stderr}\n`);
    process.exit(1);
  }
  return r.stdout;
}

if (!existsSync(join(dataDir, 'members.csv'))) {
  process.stdout.write(`generating the sample at scale ${scale} into ${dataDir} …\n`);
  step('data:sample', ['scripts/data/sample.ts', '--out', dataDir, '--scale', String(scale), '--seed', args.values.seed]);
}
const membersCsv = join(dataDir, 'members.csv');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
let members = membersCsv;
if (format === 'xlsx') {
  members = join(dataDir, `会员-${xlsxRows}.xlsx`);
  if (!existsSync(members)) {
    process.stdout.write(`writing ${xlsxRows.toLocaleString('en-US')} member rows as a workbook …\n`);
    step('xlsx', ['scripts/bench/ingest-child.ts', 'make-xlsx', members, membersCsv, String(xlsxRows)]);
  }
}

// The members file needs its orgs and units to validate against: each validated run gets a new
// warehouse with them loaded first (not timed; its spare is then level, as an upload finds it).
const freshWarehouse = (i: number): string => {
  const warehouse = join(work, `validated-${i}`, 'validated.duckdb');
  mkdirSync(join(work, `validated-${i}`), { recursive: true });
  step('ingest of orgs and units', ['scripts/ingest/cli.ts', '--db', warehouse, join(dataDir, 'orgs.csv'), join(dataDir, '单位.csv')]);
  return warehouse;
};

interface Measure { ms: number; martMs?: number; levelMs?: number; rows: number; maxRssMb: number; peakBeforeMartMb?: number; phases?: Record<string, number>; phasesCpu?: Record<string, number>; cpuMs?: number }
const child = (mode: string, db: string): Measure =>
  JSON.parse(step(mode, ['scripts/bench/ingest-child.ts', mode, db, members, ...(args.values['memory-limit'] ? [args.values['memory-limit']] : [])]));

process.stdout.write(`${members}: ${(statSync(members).size / 1e6).toFixed(1)} MB\n`);
const bares: Measure[] = [];
const fulls: Measure[] = [];
for (let i = 0; i < runs; i++) {
  rmSync(join(work, 'bare.duckdb'), { force: true });
  bares.push(child(format === 'xlsx' ? 'bare-stream' : 'bare', join(work, 'bare.duckdb')));
  const warehouse = freshWarehouse(i);
  fulls.push(child('validated', warehouse));
  const [b, v] = [bares[i]!, fulls[i]!];
  const vMs = v.ms - (v.martMs ?? 0) - (v.levelMs ?? 0);
  process.stdout.write(`run ${i + 1}/${runs}: bare ${(b.ms / 1000).toFixed(2)} s, validated ${(vMs / 1000).toFixed(2)} s (${(vMs / b.ms).toFixed(2)}×, peak RSS ${v.peakBeforeMartMb ?? v.maxRssMb} MB)\n`);
  rmSync(join(work, `validated-${i}`), { recursive: true, force: true });
}
const withoutMart = (m: Measure) => m.ms - (m.martMs ?? 0) - (m.levelMs ?? 0);
/** The run of median time (the lower middle one of an even count). */
const median = (ms: Measure[], t: (m: Measure) => number) => [...ms].sort((a, b) => t(a) - t(b))[(ms.length - 1) >> 1]!;
const bare = median(bares, (m) => m.ms);
const full = median(fulls, withoutMart);
const bestBare = Math.min(...bares.map((m) => m.ms));
const bestValidated = Math.min(...fulls.map(withoutMart));
const sheetjs = format === 'xlsx' ? child('bare-xlsx', join(work, 'x.duckdb')) : undefined;
const others = sheetjs
  ? [
      ['bare read in a worker, as the ingest reads', child('bare-worker', join(work, 'x.duckdb'))] as const,
      ['bare SheetJS read, every cell', sheetjs] as const,
      ['exceljs streaming reader', child('exceljs', join(work, 'x.duckdb'))] as const,
    ]
  : [];
const rate = (m: Measure) => `${Math.round(m.rows / (m.ms / 1000)).toLocaleString('en-US')} rows/s`;
const martMs = full.martMs ?? 0;
const levelMs = full.levelMs ?? 0;
const validated: Measure = { ...full, ms: full.ms - martMs - levelMs, maxRssMb: full.peakBeforeMartMb ?? full.maxRssMb };
const line = (label: string, m: Measure) => [label, m.rows.toLocaleString('en-US'), (m.ms / 1000).toFixed(2), rate(m), `${m.maxRssMb} MB`];
const goal = format === 'xlsx' ? '< 2×, peak RSS < 500 MB' : '≤ 3×';
process.stdout.write(
  '\n' +
    renderTable(
      ['', 'rows', 'seconds', 'rate', 'peak RSS'],
      [
        line(format === 'xlsx' ? 'bare streaming read, every cell' : 'bare read_csv → table', bare),
        ...others.map(([label, m]) => line(label, m)),
        line('validated ingest (without the mart)', validated),
        ['  + indicator mart rebuild', '', (martMs / 1000).toFixed(2), '', ''],
        ['  + spare levelled after the answer', '', (levelMs / 1000).toFixed(2), '', ''],
        line('validated ingest with the mart and levelling', full),
      ],
      [1, 2, 3, 4],
    ) +
    `\n\n(the median run of each side, of ${runs})\n` +
    `validated / bare = ${(validated.ms / bare.ms).toFixed(2)}× (medians), peak RSS ${Math.max(...fulls.map((m) => m.peakBeforeMartMb ?? m.maxRssMb))} MB (the highest of the runs; goal ${goal})\n` +
    (runs > 1
      ? `  each pair: ${fulls.map((v, i) => `${(withoutMart(v) / bares[i]!.ms).toFixed(2)}×`).join(', ')}; best / best: ${(bestValidated / 1000).toFixed(2)} / ${(bestBare / 1000).toFixed(2)} s = ${(bestValidated / bestBare).toFixed(2)}×\n`
      : '') +
    (sheetjs ? `validated / bare SheetJS read = ${(validated.ms / sheetjs.ms).toFixed(2)}× (the baseline before the streaming reader)\n` : '') +
    (sheetjs ? `validated / bare read in a worker = ${(validated.ms / others[0]![1].ms).toFixed(2)}× (the reader as the ingest runs it: its own thread, 8 MB young generation)\n` : '') +
    `with the spare's levelling counted: ${((validated.ms + levelMs) / bare.ms).toFixed(2)}×\n` +
    `with the mart rebuild and the levelling counted: ${(full.ms / bare.ms).toFixed(2)}×, peak RSS ${full.maxRssMb} MB\n` +
    `phases of the validated ingest (s): ${Object.entries(full.phases ?? {}).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`).join(', ')}\n` +
    // CPU time of every thread (the reader's worker, DuckDB's): steadier than wall time on a busy machine
    `CPU of those phases (s): ${Object.entries(full.phasesCpu ?? {}).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`).join(', ')}; ` +
    `CPU of the bare streaming read ${((bare.cpuMs ?? 0) / 1000).toFixed(2)} s\n`,
);
rmSync(work, { recursive: true, force: true });
