// npm run bench:upload -- [--scale 1,25,250] [--seed S]
// Per scale: the sample federation loaded once (a first load, timed), then three small uploads, each
// timed from the start of its process to the committed swap, against DuckDB appending the same rows
// to a copy of the same warehouse in the same run (the ratio), with the peak RSS of both. The first
// write after a load copies the file once to make the spare; it is shown apart. Generated data and
// warehouses live in bench/data/ (gitignored); the sample is reused, the warehouses are rebuilt.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../src/lib/paths.ts';
import { parseCli, usageError } from '../../src/lib/cli/args.ts';
import { renderTable } from '../../src/lib/cli/table.ts';
import { Db } from '../../src/lib/db/duckdb.ts';
import { WarehouseReader } from '../../src/lib/db/warehouse.ts';
import { FAMILIES, cleanColumns } from '../../src/lib/ingest/families.ts';
import { makeIdNumber } from '../../src/lib/ids/gb11643.ts';

const USAGE = `usage: npm run bench:upload -- [--scale 1,25,250] [--seed S]

  --scale LIST  sample scales, comma-separated (default 1,25; 250 ≈ 15M members: needs ~10 GB disk, ~15 min)
  --seed S      sample seed (default 1)
  --help        this text`;

const args = parseCli(USAGE, { scale: { type: 'string', default: '1,25' }, seed: { type: 'string', default: '1' } });
const scales = args.values.scale.split(',').map(Number);
if (!scales.length || scales.some((s) => !(s > 0))) usageError(USAGE, '--scale takes positive numbers, e.g. 1,25,250');

const node = process.execPath;
function run(label: string, cmd: string[]): string {
  const r = spawnSync(node, cmd, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    process.stderr.write(`${label} failed:\n${r.stderr}\n${r.stdout}\n`);
    process.exit(1);
  }
  return r.stdout;
}

interface Measure { ms: number; maxRssMb: number; via?: string; mart?: { mode: string; years: number[]; orgs: number; families: string[] } }
const child = (mode: string, db: string, file: string): Measure => JSON.parse(run(mode, ['scripts/bench/upload-child.ts', mode, db, file]));

/** Writes `select` (columns named as the family's) to a CSV the ingest and the baseline both read. */
async function writeCsv(db: Db, select: string, file: string): Promise<void> {
  await db.run(`copy (${select}) to '${file}' (header, delimiter ',')`);
}

const cols = (family: keyof typeof FAMILIES, skip: string[] = []) =>
  cleanColumns(FAMILIES[family]).filter((c) => !skip.includes(c.name) && c.name !== 'person_key').map((c) => c.name);

const table: string[][] = [];
const notes: string[] = [];
for (const scale of scales) {
  const dataDir = join(ROOT, 'bench/data', `sample-s${scale}-seed${args.values.seed}`);
  if (!existsSync(join(dataDir, 'members.csv'))) {
    process.stdout.write(`generating the sample at scale ${scale} …\n`);
    run('data:sample', ['scripts/data/sample.ts', '--out', dataDir, '--scale', String(scale), '--seed', args.values.seed]);
  }
  const work = join(ROOT, 'bench/data', `upload-s${scale}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const wh = join(work, 'warehouse.duckdb');
  const t0 = performance.now();
  run('first load', ['scripts/ingest/cli.ts', '--db', wh, dataDir]);
  const loadMs = performance.now() - t0;
  const mb = statSync(wh).size / 1e6;
  process.stdout.write(`scale ${scale}: first load ${(loadMs / 1000).toFixed(1)} s, warehouse ${mb.toFixed(0)} MB\n`);

  // the rows: copies of stored rows with new keys, dated in the last reporting year (a clerk's
  // upload of this year's payments and new members)
  const files = { warm: join(work, 'aid-warm.csv'), aid: join(work, 'aid-10.csv'), members: join(work, 'members-1000.csv'), supersede: join(work, 'aid-supersede-10.csv') };
  {
    const db = await Db.open(wh, { readOnly: true });
    const last = String(await db.value('select max(paid_on) from aid'));
    const aidCols = cols('aid', ['voucher_no', 'paid_on']).join(', ');
    const aid = (tag: string) => `select 'BENCH-${tag}-' || row_number() over () as voucher_no, '${last}'::date as paid_on, ${aidCols}
      from (select * from aid order by voucher_no limit 10)`;
    await writeCsv(db, aid('W'), files.warm);
    await writeCsv(db, aid('A'), files.aid);
    await writeCsv(db, `select voucher_no, paid_on, ${aidCols.replace('amount', 'amount + 1 as amount')} from read_csv('${files.aid}', header = true)`, files.supersede);
    const members = await db.all<Record<string, string | number | boolean | null>>(
      `select ${cols('members').join(', ')} from members order by member_no limit 1000`,
    );
    const year = last.slice(0, 4);
    const rows: Record<string, unknown>[] = members.map((m, i) => ({
      ...m, member_no: `BENCH-M${i}`, join_date: `${year}-06-01`, leave_date: null,
      id_number: makeIdNumber('530499', String(m.birth_date ?? '1990-01-01').replaceAll('-', ''), 400 + (i % 100), (m.gender as '男' | '女') ?? '男'),
    }));
    const header = cols('members');
    const csv = [header.join(','), ...rows.map((r) => header.map((h) => r[h] ?? '').join(','))].join('\n') + '\n';
    const { writeFileSync } = await import('node:fs');
    writeFileSync(files.members, csv);
    db.close();
  }

  const warm = child('upload', wh, files.warm);
  notes.push(`scale ${scale}: the first write after the load copied the file to make the spare: ${(warm.ms / 1000).toFixed(2)} s (via ${warm.via})`);
  const base = join(work, 'baseline.duckdb');
  copyFileSync(wh, base);
  for (const [label, file] of [['10-row aid upload', files.aid], ['1,000-row members upload', files.members], ['supersede 10 aid rows', files.supersede]] as const) {
    const up = child('upload', wh, file);
    const ap = child('append', base, file);
    const m = up.mart;
    table.push([
      String(scale), label, `${mb.toFixed(0)} MB`, (up.ms / 1000).toFixed(2), (ap.ms / 1000).toFixed(2), (up.ms / ap.ms).toFixed(1) + '×',
      String(up.maxRssMb), String(ap.maxRssMb), `${up.via}; mart ${m?.mode ?? '-'} ${m?.families?.map((f) => f.replace(/^marts\/|\.sql$/g, '')).join('+') ?? ''} ${m?.years?.join(',') ?? ''} (${m?.orgs ?? 0} orgs)`,
    ]);
    process.stdout.write(`  ${label}: ${(up.ms / 1000).toFixed(2)} s (append ${(ap.ms / 1000).toFixed(2)} s)\n`);
  }
  // visible: a reader on the live file sees the last upload's rows and the mart agrees with them
  const reader = new WarehouseReader(wh);
  const db = await reader.get();
  const check = await db.one<{ stored: number; mart: number }>(
    `select (select sum(amount) from aid where year(paid_on) = y) as stored,
       (select value from indicator_values v where v.code = 'relief.amount' and v.year = y
          and v.org_code = (select org_code from orgs where parent_code is null order by org_code limit 1)) as mart
     from (select max(year(paid_on)) as y from aid)`,
  ).catch(() => undefined);
  reader.close();
  notes.push(`scale ${scale}: after the uploads the root's relief.amount of the last year is ${check?.mart} in the mart and ${check?.stored} in the aid table`);
  rmSync(base, { force: true });
}

process.stdout.write(
  '\n' +
    renderTable(
      ['scale', 'upload', 'warehouse', 'upload s', 'append s', 'ratio', 'upload MB', 'append MB', 'path'],
      table,
      [2, 3, 4, 5, 6, 7],
    ) +
    '\n\n' + notes.join('\n') +
    `\nupload s: process start to committed swap (checks, mart, checkpoint, rename); append s: DuckDB opening a copy of the same warehouse, appending the same CSV, checkpointing.` +
    `\nmachine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end\n`,
);
