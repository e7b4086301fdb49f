// npm run bench:upload -- [--scale 1,25,250] [--seed S] [--via replicate|ingest]
// Per scale: a warehouse built once (by default the scale-1 sample, ingested, copied N times under
// one root: scripts/bench/replicate.ts), then three small uploads, each timed from the start of its
// process to the committed swap, against DuckDB appending the same rows to a copy of the same
// warehouse in the same run (the ratio), with the peak RSS of both. After each upload a fresh
// read-only open of the live file asks the dashboard's reader (getIndicators) for the root and the
// rows' org and checks the new rows are counted there. The first write after a load copies the file
// once to make the spare; it is shown apart. Then, when the server is built (npm run build), the
// clerk's path: two 10-row aid uploads to the running server (upload-server.ts), each the upload
// page opened then the file POSTed, checked through the server's /api/indicators.
// Data and warehouses live in bench/data/ (gitignored).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../src/lib/paths.ts';
import { parseCli, usageError } from '../../src/lib/cli/args.ts';
import { renderTable } from '../../src/lib/cli/table.ts';
import { Db } from '../../src/lib/db/duckdb.ts';
import { FAMILIES, cleanColumns } from '../../src/lib/ingest/families.ts';
import { makeIdNumber } from '../../src/lib/ids/gb11643.ts';
import { getIndicators } from '../../src/lib/indicators/read.ts';
import { BENCH_ROOT, replicateWarehouse } from './replicate.ts';
import { CHOOSING_MS, serverBuilt, uploadsThroughServer } from './upload-server.ts';

const USAGE = `usage: npm run bench:upload -- [--scale 1,25,250] [--seed S] [--via replicate|ingest] [--only server] [--warm N]

  --scale LIST  scales, comma-separated (default 1,25; 1 ≈ 60k members, 250 ≈ 15M: ~12 GB disk;
                its first build took 11 min for the clean tables alone on the busy shared machine,
                then it is kept in bench/data/ for later runs)
  --seed S      sample seed (default 1)
  --via MODE    how each scale's warehouse is built:
                  replicate  the scale-1 sample, ingested once, copied N times under one root in SQL
                             (every table: clean, history, raw, quarantine, provenance, pseudonyms,
                             mart; default: scale 250 in minutes instead of ~100 min)
                  ingest     npm run data:sample -- --scale N, then the CLI ingest (the real first load)
  --only server the uploads through the running server alone (no CLI uploads, no baseline appends)
  --warm N      how many uploads through the server after the first (default 1); the goal line takes
                their median (several: steadier on a busy machine)
  --help        this text`;

const args = parseCli(USAGE, {
  scale: { type: 'string', default: '1,25' }, seed: { type: 'string', default: '1' }, via: { type: 'string', default: 'replicate' },
  only: { type: 'string', default: '' }, warm: { type: 'string', default: '1' },
});
const warmRuns = Number(args.values.warm);
if (!Number.isInteger(warmRuns) || warmRuns < 1) usageError(USAGE, '--warm takes a whole number ≥ 1');
if (args.values.only && args.values.only !== 'server') usageError(USAGE, '--only: server');
const serverOnly = args.values.only === 'server';
if (serverOnly && !serverBuilt()) usageError(USAGE, '--only server needs the built server (npm run build first)');
const scales = args.values.scale.split(',').map(Number);
if (!scales.length || scales.some((s) => !(s > 0))) usageError(USAGE, '--scale takes positive numbers, e.g. 1,25,250');
const via = args.values.via;
if (via !== 'replicate' && via !== 'ingest') usageError(USAGE, '--via: replicate or ingest');
if (via === 'replicate' && scales.some((s) => !Number.isInteger(s))) usageError(USAGE, '--via replicate needs whole scales');
const seed = args.values.seed;
const DATA = join(ROOT, 'bench/data');

const log = (s: string) => process.stdout.write(s + '\n');
function run(label: string, cmd: string[], env: Record<string, string> = {}): string {
  const r = spawnSync(process.execPath, cmd, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, ...env } });
  if (r.status !== 0) {
    process.stderr.write(`${label} failed:\n${r.stderr}\n${r.stdout}\n`);
    process.exit(1);
  }
  return r.stdout;
}

interface Measure {
  /** process start to the answer (the committed swap); releasedMs: to the end of the write, spare levelled, lock released */
  ms: number; cpuMs: number; releasedMs: number; maxRssMb: number; via?: string; phases?: [string, number, number][];
  mart?: { mode: string; years: number[]; orgs: number; families: string[] };
}
const child = (mode: string, db: string, file: string): Measure =>
  JSON.parse(run(mode, ['scripts/bench/upload-child.ts', mode, db, file], { UA_PHASES: '1' }));

function sample(scale: number): string {
  const dir = join(DATA, `sample-s${scale}-seed${seed}`);
  if (!existsSync(join(dir, 'members.csv'))) {
    log(`generating the sample at scale ${scale} …`);
    run('data:sample', ['scripts/data/sample.ts', '--out', dir, '--scale', String(scale), '--seed', seed]);
  }
  return dir;
}

const copyWarehouse = (from: string, to: string) => {
  for (const f of [to, `${to}.wal`, `${to}.spare`, `${to}.spare.wal`]) rmSync(f, { force: true });
  copyFileSync(from, to);
  copyFileSync(`${from}.pseudonym-key`, `${to}.pseudonym-key`);
};

/** The warehouse of a scale at `wh`, and how it was built (printed with the results). */
async function build(scale: number, wh: string): Promise<string> {
  const t0 = performance.now();
  const secs = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`;
  if (via === 'ingest') {
    const dir = sample(scale);
    run('first load', ['scripts/ingest/cli.ts', '--db', wh, dir]);
    return `data:sample --scale ${scale} + CLI ingest (first load ${secs()})`;
  }
  // the scale-1 warehouse, ingested once and kept; each scale's copy is kept too (delete to rebuild)
  const source = join(DATA, `upload-source-s1-seed${seed}.duckdb`);
  if (!existsSync(source)) {
    log('ingesting the scale-1 sample (the source of every replicated scale) …');
    run('first load', ['scripts/ingest/cli.ts', '--db', `${source}.partial`, sample(1)]);
    copyWarehouse(`${source}.partial`, source);
    for (const f of ['', '.pseudonym-key', '.wal']) rmSync(`${source}.partial${f}`, { force: true });
  }
  const cached = join(DATA, `upload-replicate-s${scale}-seed${seed}.duckdb`);
  let how = 'kept from an earlier run';
  if (!existsSync(cached)) {
    log(`building scale ${scale}: the scale-1 warehouse × ${scale} under one root …`);
    const r = await replicateWarehouse(source, `${cached}.partial`, scale, (s) => log(s));
    copyWarehouse(`${cached}.partial`, cached);
    for (const f of ['', '.pseudonym-key', '.wal']) rmSync(`${cached}.partial${f}`, { force: true });
    how = `built in ${(r.ms / 1000).toFixed(0)} s`;
  }
  copyWarehouse(cached, wh);
  return `the scale-1 sample ingested, replicated × ${scale} under root ${BENCH_ROOT} (${how})`;
}

/** Writes `select` (columns named as the family's) to a CSV the ingest and the baseline both read. */
async function writeCsv(db: Db, select: string, file: string): Promise<void> {
  await db.run(`copy (${select}) to '${file}' (header, delimiter ',')`);
}

const cols = (family: keyof typeof FAMILIES, skip: string[] = []) =>
  cleanColumns(FAMILIES[family]).filter((c) => !skip.includes(c.name) && c.name !== 'person_key').map((c) => c.name);

/** The rows: copies of stored rows with new keys, dated in the last reporting year (this year's payments and new members). */
async function makeFiles(wh: string, work: string) {
  const files = {
    warm: join(work, 'aid-warm.csv'), aid: join(work, 'aid-10.csv'), members: join(work, 'members-1000.csv'),
    supersede: join(work, 'aid-supersede-10.csv'),
    // through the server (upload-server.ts): the first after its start, then one with the spare warm
    serverFirst: join(work, 'aid-server-first-10.csv'),
    serverWarm: Array.from({ length: warmRuns }, (_, i) => join(work, `aid-server-warm-${i + 1}-10.csv`)),
  };
  const db = await Db.open(wh, { readOnly: true });
  try {
    const last = String(await db.value('select max(paid_on) from aid'));
    // the person by member number alone (the replicated copies' ID numbers carry '~k', which the checks refuse)
    const aidCols = cols('aid', ['voucher_no', 'paid_on']).join(', ').replace('id_number', 'null as id_number');
    const aid = (tag: string) => `select 'BENCH-${tag}-' || row_number() over () as voucher_no, '${last}'::date as paid_on, ${aidCols}
      from (select * from aid where amount is not null order by voucher_no limit 10)`;
    await writeCsv(db, aid('W'), files.warm);
    await writeCsv(db, aid('A'), files.aid);
    await writeCsv(db, aid('S'), files.serverFirst);
    for (const [i, f] of files.serverWarm.entries()) await writeCsv(db, aid(`T${i + 1}`), f);
    await writeCsv(db, `select * replace (amount::decimal(18, 2) + 1 as amount) from read_csv('${files.aid}', header = true, all_varchar = true)`, files.supersede);
    const members = await db.all<Record<string, string | number | boolean | null>>(
      `select ${cols('members').join(', ')} from members order by member_no limit 1000`,
    );
    const year = last.slice(0, 4);
    const rows: Record<string, unknown>[] = members.map((m, i) => ({
      ...m, member_no: `BENCH-M${i}`, join_date: `${year}-06-01`, leave_date: null,
      id_number: makeIdNumber('530499', String(m.birth_date ?? '1990-01-01').replaceAll('-', ''), 400 + (i % 100), (m.gender as '男' | '女') ?? '男'),
    }));
    const header = cols('members');
    writeFileSync(files.members, [header.join(','), ...rows.map((r) => header.map((h) => r[h] ?? '').join(','))].join('\n') + '\n');
    const sumOf = async (f: string) => Number(await db.value(`select sum(amount) from read_csv('${f}', header = true)`));
    const firstOrg = String(await db.value(`select org_code from read_csv('${files.aid}', header = true, all_varchar = true) order by voucher_no limit 1`));
    return {
      files, year: Number(year), firstOrg, aidSum: await sumOf(files.aid), supersedeSum: await sumOf(files.supersede),
      serverSums: [await sumOf(files.serverFirst), ...(await Promise.all(files.serverWarm.map(sumOf)))],
    };
  } finally {
    db.close();
  }
}

/** What the dashboard shows now: a fresh read-only open of the live file, as the server does after a swap. */
async function shown(wh: string, org: string, year: number): Promise<{ amount: number; members: number }> {
  const db = await Db.open(wh, { readOnly: true });
  try {
    const r = await getIndicators(db, org, year);
    return { amount: r.indicators['relief.amount']?.value ?? 0, members: r.indicators['coverage.members']?.value ?? 0 };
  } finally {
    db.close();
  }
}

const table: string[][] = [];
/** The 10-row aid upload's time to the answer, by scale (the goal's two numbers). */
const aidMs = new Map<number, number>();
/** The same through the running server, its spare warm (the clerk's path). */
const serverMs = new Map<number, number>();
/** The same to the dashboard's API showing the new amount (the goal: committed and visible). */
const serverVisibleMs = new Map<number, number>();
let aidAppendMs = 0;
const notes: string[] = [];
let invisible = 0;
for (const scale of scales) {
  const work = join(DATA, `upload-s${scale}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const wh = join(work, 'warehouse.duckdb');
  const how = await build(scale, wh);
  const mb = statSync(wh).size / 1e6;
  const members = await (async () => {
    const db = await Db.open(wh, { readOnly: true });
    try { return Number(await db.value('select count(*) from members')); } finally { db.close(); }
  })();
  log(`scale ${scale}: ${members.toLocaleString('en-US')} members, warehouse ${mb.toFixed(0)} MB, ${how}`);
  notes.push(`scale ${scale}: ${members.toLocaleString('en-US')} members; warehouse: ${how}`);
  const { files, year, firstOrg, aidSum, supersedeSum, serverSums } = await makeFiles(wh, work);
  const root = (await (async () => {
    const db = await Db.open(wh, { readOnly: true });
    try { return String(await db.value('select org_code from orgs where parent_code is null order by org_code limit 1')); } finally { db.close(); }
  })());

  const warm = child('upload', wh, files.warm);
  notes.push(`scale ${scale}: the first write after the load made the spare (via ${warm.via}): ${(warm.ms / 1000).toFixed(2)} s, apart from the table`);
  const base = join(work, 'baseline.duckdb');
  if (!serverOnly) copyFileSync(wh, base);
  const uploads = [
    ['10-row aid upload', files.aid, (b: Shown) => ({ amount: b.amount + aidSum, members: b.members })],
    ['1,000-row members upload', files.members, (b: Shown) => ({ amount: b.amount, members: b.members + 1000 })],
    ['supersede 10 aid rows', files.supersede, (b: Shown) => ({ amount: b.amount + supersedeSum - aidSum, members: b.members })],
  ] as const;
  for (const [label, file, expect] of serverOnly ? [] : uploads) {
    const before = await shown(wh, root, year);
    const up = child('upload', wh, file);
    const after = await shown(wh, root, year);
    const want = expect(before);
    // money to the cent: the mart keeps exact decimals, the reader rounds to 2 places
    const ok = Math.abs(after.amount - want.amount) < 0.005 && after.members === want.members;
    if (!ok) invisible++;
    const ap = child('append', base, file);
    if (file === files.aid) {
      aidMs.set(scale, up.ms);
      aidAppendMs = ap.ms;
    }
    const m = up.mart;
    table.push([
      String(scale), label, `${mb.toFixed(0)} MB`, (up.ms / 1000).toFixed(2), (up.cpuMs / 1000).toFixed(2), (up.releasedMs / 1000).toFixed(2), (ap.ms / 1000).toFixed(2), (up.ms / ap.ms).toFixed(1) + '×',
      String(up.maxRssMb), String(ap.maxRssMb), ok ? 'yes' : 'NO',
      `${up.via}; mart ${m?.mode ?? '-'} ${m?.families?.map((f) => f.replace(/^marts\/|\.sql$/g, '')).join('+') ?? ''} ${m?.years?.join(',') ?? ''} (${m?.orgs ?? 0} orgs)`,
    ]);
    log(`  ${label}: ${(up.ms / 1000).toFixed(2)} s to the answer, ${(up.releasedMs / 1000).toFixed(2)} s to the lock's release (append ${(ap.ms / 1000).toFixed(2)} s); ${BENCH_ROOT === root ? 'root' : root} ${year}: ` +
      `relief.amount ${before.amount} → ${after.amount}, coverage.members ${before.members} → ${after.members} (expected ${want.amount}, ${want.members})`);
    log(`    phases (ms/cpu ms): ${(up.phases ?? []).map(([p, ms, c]) => `${p} ${ms}/${c}`).join(', ')}`);
  }
  if (serverBuilt()) {
    // the clerk's path: the running server, the first upload after its start, then one with the spare warm
    const { uploads: ups, serverMb } = await uploadsThroughServer(wh, [
      { label: 'server: 10-row aid, first after start', path: files.serverFirst, sum: serverSums[0]! },
      ...files.serverWarm.map((path, i) => ({ label: `server: 10-row aid, the next${warmRuns > 1 ? ` (${i + 1})` : ''}`, path, sum: serverSums[i + 1]! })),
    ], root, year);
    for (const u of ups) {
      if (!u.visible) invisible++;
      table.push([
        String(scale), u.label, `${mb.toFixed(0)} MB`, (u.ms / 1000).toFixed(2), (u.cpuMs / 1000).toFixed(2), '-', aidAppendMs ? (aidAppendMs / 1000).toFixed(2) : '-', aidAppendMs ? (u.ms / aidAppendMs).toFixed(1) + '×' : '-',
        `${serverMb} (server)`, '-', u.visible ? 'yes' : 'NO', `via ${u.via}, replayed ${u.replayed}`,
      ]);
      log(`  ${u.label}: ${(u.ms / 1000).toFixed(2)} s from the POST to the answer page, ${(u.visibleMs / 1000).toFixed(2)} s to /api/indicators showing it; /api/indicators relief.amount ${u.before} → ${u.after} (expected ${u.expected})`);
      log(`    server phases (ms/server cpu ms): ${u.phases.map(([p, ms, c]) => `${p} ${ms}/${c}`).join(', ')}`);
    }
    // the warm uploads' median (one: itself)
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
    serverMs.set(scale, median(ups.slice(1).map((u) => u.ms)));
    serverVisibleMs.set(scale, median(ups.slice(1).map((u) => u.visibleMs)));
  } else {
    notes.push(`scale ${scale}: the uploads through the server were skipped: no build (npm run build first)`);
  }
  const org = await shown(wh, firstOrg, year);
  notes.push(`scale ${scale}: after the uploads ${firstOrg} (the first aid row's org) shows relief.amount ${org.amount} for ${year}`);
  rmSync(base, { force: true });
}
type Shown = { amount: number; members: number };

/** The goal measured in this run: the largest scale's 10-row aid upload against the smallest's. */
function goalLine(path: string, ms: Map<number, number>): string {
  const [lo, hi] = [Math.min(...ms.keys()), Math.max(...ms.keys())];
  if (!ms.size || lo === hi) return '';
  const [a, b] = [ms.get(lo)!, ms.get(hi)!];
  return `\n  measured, ${path}: scale ${hi} ${(b / 1000).toFixed(2)} s (${b < 1000 ? 'under' : 'over'} 1 s), ${(b / a).toFixed(2)}× scale ${lo}'s ${(a / 1000).toFixed(2)} s (${b / a <= 2 ? 'within' : 'over'} 2×)`;
}

log(
  '\n' +
    renderTable(
      ['scale', 'upload', 'warehouse', 'upload s', 'cpu s', 'released s', 'append s', 'ratio', 'upload MB', 'append MB', 'visible', 'path'],
      table,
      [2, 3, 4, 5, 6, 7, 8, 9],
    ) +
    '\n\n' + notes.join('\n') +
    '\nupload s: process start to the answer, given at the committed swap (checks, mart, checkpoint, rename); cpu s: the CPU time the upload\'s process used until then (all threads: on a busy machine the steadier number);' +
    ' released s: to the end of the write (the spare brought level for the next write, the lock released); append s: DuckDB opening a copy of the same warehouse, appending the same CSV, checkpointing.' +
    '\nserver rows: the built server on the same warehouse, a staff session; as a clerk does, the upload page opened (the server takes its spare warm: src/lib/db/warm.ts)' +
    ` and the file POSTed ${CHOOSING_MS / 1000} s later; from the POST to the end of the answer page; visible: the server\'s /api/indicators moved by the uploaded amount.` +
    '\nvisible: after the upload returned, a fresh read-only open of the live file and getIndicators (what the dashboard reads) for the root' +
    ' and the last year show the new rows (relief.amount moved by the uploaded amounts, coverage.members by 1,000).' +
    `\ngoal: a 10-row aid upload under 1 s at scale 250, and within 2× of scale 1's.` +
    goalLine(`through the running server, ${warmRuns > 1 ? `the median of the ${warmRuns} uploads after the first` : 'the second upload'} (the clerk's path), to the answer page`, serverMs) +
    goalLine(`the same to the dashboard's /api/indicators showing the new amount (committed and visible: the goal's number)`, serverVisibleMs) +
    goalLine('the CLI (a fresh process per upload: open, cold reads)', aidMs) +
    `\nmachine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end`,
);
if (invisible) {
  process.stderr.write(`${invisible} upload(s) not visible as expected on the dashboard's reader\n`);
  process.exit(1);
}
