// npm run bench:indicators -- [--scale 1,25,250] [--repeat 1] [--runs 20] [--via ingest|replicate] [--help]
// Mart rebuild time and single org-year read latency at several scales, in one run, with the growth
// against the smallest scale measured in the same run. Warehouses are built into bench/data/
// (gitignored) and reused by later runs.
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { Db } from '../../src/lib/db/duckdb.ts';
import { ROOT } from '../../src/lib/paths.ts';
import { rebuildMart } from '../../src/lib/indicators/mart.ts';
import { getChildren, getIndicators, getMonthly } from '../../src/lib/indicators/read.ts';
import { renderTable } from '../../src/lib/cli/table.ts';
import { parseCli, usageError } from '../../src/lib/cli/args.ts';
import { replicateWarehouse } from './replicate.ts';

const USAGE = `usage: npm run bench:indicators -- [--scale 1,25,250] [--repeat 1] [--runs 20] [--via ingest|replicate] [--memory-limit 1GB]

Measures, per scale (1 ≈ 40k members): the full mart rebuild (rebuildMart) and the latency of one
org-year report (getIndicators, median and p95 of --runs reads of the root and of a grassroots union).
Growth is printed against the first scale of the same run.

  --scale LIST   scales to measure (default 1,25,250)
  --repeat N     full rebuilds per scale, each on a fresh copy of the warehouse (default 1): the
                 table shows the median and every run is listed below it (runs of one code on one
                 machine spread ±10-15%)
  --runs N       reads per org-year latency measurement (default 20)
  --via MODE     how a missing warehouse is built:
                   ingest     npm run data:sample -- --scale N, then npm run ingest (the real path; slow)
                   replicate  the scale-1 warehouse (built by ingest) copied N times under one root
                              in SQL (default for scales > 25: same distributions, minutes faster;
                              scripts/bench/replicate.ts, shared with bench:upload)
  --memory-limit DuckDB memory_limit of the rebuild, e.g. 1GB (the ingest's default; DuckDB's own
                 default is 80% of RAM). Peak RSS of the bench process is printed per scale.
  --help         this text

Warehouses: bench/data/indicators-<mode>-s<N>.duckdb (kept; delete them to rebuild).`;

function usage(msg: string): never {
  return usageError(USAGE, msg);
}

const args = parseCli(USAGE, {
  scale: { type: 'string', default: '1,25,250' },
  runs: { type: 'string', default: '20' },
  repeat: { type: 'string', default: '1' },
  via: { type: 'string' },
  'memory-limit': { type: 'string' },
});
const scales = args.values.scale.split(',').map(Number);
if (scales.some((s) => !(s > 0))) usage(`--scale: positive numbers separated by commas, got ${args.values.scale}`);
const runs = Number(args.values.runs);
if (!Number.isInteger(runs) || runs < 1) usage('--runs: a positive integer');
const repeat = Number(args.values.repeat);
if (!Number.isInteger(repeat) || repeat < 1) usage('--repeat: a positive integer');
const via = args.values.via;
if (via !== undefined && via !== 'ingest' && via !== 'replicate') usage('--via: ingest or replicate');
const memoryLimit: string | undefined = args.values['memory-limit'];

const DATA = join(ROOT, 'bench/data');
mkdirSync(DATA, { recursive: true });

function node(script: string, argv: string[]): void {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [join(ROOT, script), ...argv], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    process.stderr.write(`${script} ${argv.join(' ')} failed (exit ${r.status}):\n${r.stderr}\n`);
    process.exit(1);
  }
  log(`  ${script} ${argv.join(' ')}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

function log(s: string): void {
  process.stderr.write(s + '\n');
}

function ingested(scale: number): string {
  const db = join(DATA, `indicators-ingest-s${scale}.duckdb`);
  if (existsSync(db)) return db;
  const dir = join(DATA, `sample-s${scale}`);
  log(`building the scale-${scale} warehouse through the sample generator and the ingest…`);
  node('scripts/data/sample.ts', ['--out', dir, '--scale', String(scale), '--seed', '1']);
  node('scripts/ingest/cli.ts', ['--db', `${db}.partial`, dir]);
  copyFileSync(`${db}.partial`, db);
  rmSync(`${db}.partial`, { force: true });
  return db;
}

async function warehouse(scale: number): Promise<{ path: string; mode: string }> {
  const mode = via ?? (scale > 25 ? 'replicate' : 'ingest');
  if (mode === 'ingest' || scale === 1) return { path: ingested(scale), mode: 'ingest' };
  const path = join(DATA, `indicators-replicate-s${scale}.duckdb`);
  if (!existsSync(path)) {
    if (!Number.isInteger(scale)) usage(`--via replicate needs whole scales, got ${scale}`);
    log(`building the scale-${scale} warehouse: the scale-1 warehouse × ${scale}…`);
    const t0 = Date.now();
    await replicateWarehouse(ingested(1), path, scale, log);
    log(`  replicated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  return { path, mode };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

interface Result {
  scale: number;
  mode: string;
  members: number;
  orgs: number;
  rows: number;
  martMs: number;
  martCpuMs: number;
  rootMs: number[];
  leafMs: number[];
  pageMs: number[];
  /** peak resident memory of this process so far, MB (the largest scale runs last) */
  rssMb: number;
  /** every rebuild's wall time (--repeat), in the order run */
  allMs: number[];
}

/**
 * A scratch copy of the warehouse, flushed to disk before the clock starts: the cached warehouse
 * stays as built, and the copy's writeback (2.5 GB at scale 250) otherwise ran during the first
 * families and counted against them (the same code measured 36.7 and 41-44 s by where it fell).
 */
function scratchCopy(path: string): string {
  const scratch = `${path}.bench`;
  const tCopy = Date.now();
  rmSync(`${scratch}.wal`, { force: true });
  copyFileSync(path, scratch);
  const fd = openSync(scratch, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  log(`  scratch copy written and flushed in ${((Date.now() - tCopy) / 1000).toFixed(1)} s (not timed)`);
  return scratch;
}

/**
 * One rebuild on a fresh scratch copy (small scales: the better of two, the first warming the
 * caches; large ones: one). CPU time (all DuckDB threads) is printed beside wall time: it tells the
 * cost apart from whatever else the machine is doing.
 */
async function rebuildOnce(scratch: string, scale: number): Promise<{ ms: number; cpuMs: number; rows: number; members: number; orgs: number }> {
  const w = await Db.open(scratch, memoryLimit ? { memoryLimit } : {});
  try {
    const members = await w.value<number>('select count(*) from members');
    const orgs = await w.value<number>('select count(*) from orgs');
    let best = { ms: Infinity, cpuMs: Infinity, rows: 0 };
    for (let i = 0; i < (scale > 25 ? 1 : 2); i++) {
      const cpu = process.cpuUsage();
      const run = await rebuildMart(w, undefined, (step, ms, cpuMs) =>
        log(`    ${step.padEnd(44)} ${Math.round(ms).toLocaleString('en-US').padStart(8)} ms  cpu ${Math.round(cpuMs).toLocaleString('en-US').padStart(8)} ms`));
      const used = process.cpuUsage(cpu);
      if (run.ms < best.ms) best = { ms: run.ms, cpuMs: Math.round((used.user + used.system) / 1000), rows: run.rows };
    }
    await w.run('checkpoint');
    return { ...best, members, orgs };
  } finally {
    w.close();
  }
}

async function measure(scale: number): Promise<Result> {
  const { path, mode } = await warehouse(scale);
  // --repeat: each rebuild on its own fresh copy; the median is reported (runs of one code on one
  // machine spread ±10-15%: one run says little)
  const builds: Awaited<ReturnType<typeof rebuildOnce>>[] = [];
  let scratch = '';
  for (let i = 0; i < repeat; i++) {
    scratch = scratchCopy(path);
    builds.push(await rebuildOnce(scratch, scale));
    if (repeat > 1) log(`  rebuild ${i + 1} of ${repeat}: ${builds[i]!.ms.toLocaleString('en-US')} ms, cpu ${builds[i]!.cpuMs.toLocaleString('en-US')} ms`);
  }
  const mid = builds.find((b) => b.ms === median(builds.map((x) => x.ms)))!;
  const { rows, members, orgs } = mid;
  const martMs = mid.ms;
  const martCpuMs = mid.cpuMs;
  const allMs = builds.map((b) => b.ms);
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const r = await Db.open(scratch, { readOnly: true });
  const rootMs: number[] = [];
  const leafMs: number[] = [];
  const pageMs: number[] = [];
  try {
    const root = await r.value<string>(`select org_code from orgs where parent_code is null order by org_code limit 1`);
    const leaf = await r.value<string>(`select org_code from orgs where org_type = 'grassroots_union' order by org_code limit 1`);
    const year = await r.value<number>('select max(year) from indicator_years');
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await getIndicators(r, root, year);
      rootMs.push(performance.now() - t);
      t = performance.now();
      await getIndicators(r, leaf, year);
      leafMs.push(performance.now() - t);
    }
    // what an overview page reads besides the report: the children's bars and the months
    for (let i = 0; i < Math.min(runs, 5); i++) {
      const t = performance.now();
      await getChildren(r, root, year, ['coverage.unionisation_rate', 'coverage.members', 'relief.amount']);
      await getMonthly(r, root, year);
      pageMs.push(performance.now() - t);
    }
  } finally {
    r.close();
    rmSync(scratch, { force: true });
    rmSync(`${scratch}.wal`, { force: true });
  }
  return { scale, mode, members, orgs, rows, martMs, martCpuMs, rootMs, leafMs, pageMs, rssMb, allMs };
}

const results: Result[] = [];
for (const s of scales) {
  log(`scale ${s}…`);
  const res = await measure(s);
  results.push(res);
  log(`  mart ${res.martMs} ms, root read median ${median(res.rootMs).toFixed(1)} ms`);
}

const base = results[0]!;
const n = (x: number) => x.toLocaleString('en-US');
const ratio = (x: number, b: number) => (b > 0 ? `${(x / b).toFixed(1)}×` : '—');
const table = renderTable(
  ['scale', 'built by', 'members', 'orgs', 'mart rows', 'mart ms', 'cpu ms', 'peak RSS MB', 'vs first', 'ms per 1k members', 'root read ms (p50/p95)', 'vs first', 'leaf read p50', 'children+months p50'],
  results.map((r) => [
    String(r.scale), r.mode, n(r.members), n(r.orgs), n(r.rows), n(r.martMs), n(r.martCpuMs), n(r.rssMb), ratio(r.martMs, base.martMs),
    (r.martMs / (r.members / 1000)).toFixed(2),
    `${median(r.rootMs).toFixed(1)} / ${p95(r.rootMs).toFixed(1)}`, ratio(median(r.rootMs), median(base.rootMs)),
    median(r.leafMs).toFixed(1), median(r.pageMs).toFixed(1),
  ]),
  [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
);
const last = results[results.length - 1]!;
process.stdout.write(
  `${table}\n\nmemory_limit: ${memoryLimit ?? 'DuckDB default (80% of RAM)'}; load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores.\n` +
    (repeat > 1 ? results.map((r) => `rebuilds at scale ${r.scale}: ${r.allMs.map(n).join(', ')} ms (median ${n(r.martMs)}, highest ${n(Math.max(...r.allMs))})\n`).join('') : '') +
    `mart time grew ${ratio(last.martMs, base.martMs)} for ${ratio(last.members, base.members)} the members ` +
    `(goal: < 30,000 ms at 10M members${repeat > 1 ? `, the median of ${repeat}` : ''}); one org-year read: ${median(last.rootMs).toFixed(1)} ms at the largest scale (goal: < 100 ms).\n`,
);
