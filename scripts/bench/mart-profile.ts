// node scripts/bench/mart-profile.ts --db <warehouse> [--family training,relief] [--explain training] [--cells]
// Where the full mart rebuild spends its time, per family, on a warehouse that already has a mart
// (bench:indicators' bench/data/indicators-replicate-s250.duckdb): opened read-only, the shared temp
// tables (_unit_homes) are created once and timed apart, then each family runs as rebuildMart runs it
// (same temp views, same wrapping: every org and year, zero rows dropped) into a temp table of its own, printing wall
// time, CPU time of this process (all DuckDB threads) and rows; --explain prints DuckDB's EXPLAIN
// ANALYZE of those families; --cells times the final cells query (into a temp table: the on-disk
// write itself is measured by bench:indicators); --write times each family with its write of cells
// as the full rebuild writes them (sorted by org and year) into a temp table.
import { Db } from '../../src/lib/db/duckdb.ts';
import { CELLS_COLUMNS, MART_FAMILY_FILES, body, cellsInsert, computeParts, familyPart, sharedTemps } from '../../src/lib/indicators/mart.ts';
import { parseCli, usageError } from '../../src/lib/cli/args.ts';
import { execFileSync } from 'node:child_process';
import { ROOT } from '../../src/lib/paths.ts';

const USAGE = `usage: node scripts/bench/mart-profile.ts --db FILE [--family LIST] [--explain LIST] [--cells] [--memory-limit 8GB]

  --db FILE        a warehouse with a mart (read only; nothing is written to it)
  --family LIST    families to time, by file name without .sql (default: all, in rebuild order)
  --explain LIST   families to print EXPLAIN ANALYZE of (after timing them)
  --verify REF     also run each timed family as it is at git revision REF (e.g. main) and compare
                   the stored rows (non-zero ones) both ways: prints the differences, exit 1 on any
  --warm           run each family once untimed first (the first run reads the tables into
                   DuckDB's buffers, which counts against whichever version runs first)
  --cells          also time indicator_cells.sql over the timed families' rows
  --write          time each family with the write of its cells, as a full rebuild writes them (into a
                   temp table, sorted by org and year), print the sorted runs they were written in (a
                   point read touches one stretch of each), and (--verify) compare the cells
  --memory-limit   DuckDB memory_limit (default: DuckDB's, 80% of RAM)
  --help           this text`;

const args = parseCli(USAGE, {
  db: { type: 'string' },
  family: { type: 'string' },
  explain: { type: 'string' },
  cells: { type: 'boolean', default: false },
  verify: { type: 'string' },
  warm: { type: 'boolean', default: false },
  write: { type: 'boolean', default: false },
  'memory-limit': { type: 'string' },
});
const path = args.values.db ?? usageError(USAGE, '--db is required');
const all = MART_FAMILY_FILES.map((f) => f.replace(/^marts\/|\.sql$/g, ''));
const list = (s: string | undefined) => (s ? s.split(',') : []);
const wanted = args.values.family ? list(args.values.family) : all;
const explain = list(args.values.explain);
for (const f of [...wanted, ...explain]) if (!all.includes(f)) usageError(USAGE, `unknown family ${f} (one of ${all.join(', ')})`);

interface Op { s: number; rows: number; what: string }

/** A mart SQL file as it is at git revision `ref` (for --verify). */
function atRef(ref: string): (relPath: string) => string {
  return (relPath) => execFileSync('git', ['show', `${ref}:queries/${relPath}`], { cwd: ROOT, encoding: 'utf8' }).trim().replace(/;\s*$/, '');
}

/**
 * One family into a temp table `name`: its rows as computeParts stores them (unordered), or with
 * --write its cells as writeCellsByFamily writes them (indicator_cells.sql, sorted).
 */
async function runFamily(text: string, name: string): Promise<void> {
  if (!args.values.write) {
    // computeParts with one family: its temp table is _mart_part0; renamed to keep it
    const [t] = await computeParts(db, [text], true, true, false);
    await db.run(`alter table ${t} rename to ${name}`);
    return;
  }
  await db.run(`create or replace temp table ${name} ${CELLS_COLUMNS}`);
  await db.run(`create or replace temp view _mart_parts as ${familyPart(text, true, true)}`);
  await db.run(cellsInsert(text, name));
}

/** The runs of rows sorted by org a table was written in (1: all sorted; a point read touches one stretch of each). */
async function sortedRuns(name: string): Promise<number> {
  return Number(await db.value(`select 1 + count(*) filter (where org_no < prev) from (select org_no, lag(org_no) over (order by rowid) as prev from ${name})`));
}

/** Runs `work` (the shared temps' creation), printing its wall and CPU time. */
async function timeShared(label: string, work: () => Promise<void>): Promise<void> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  log(`${label.padEnd(20)} ${(performance.now() - t0).toFixed(0).padStart(7)} ms  cpu ${((used.user + used.system) / 1000).toFixed(0).padStart(7)} ms`);
}

/** Every operator of an EXPLAIN (ANALYZE, FORMAT JSON) tree with its own time. */
function operators(node: Record<string, unknown>): Op[] {
  const kids = (node.children as Record<string, unknown>[] | undefined) ?? [];
  const extra = JSON.stringify(node.extra_info ?? {}).replace(/\\n/g, ' ').slice(0, 160);
  const here = node.operator_name ? [{ s: Number(node.operator_timing ?? 0), rows: Number(node.operator_cardinality ?? 0), what: `${node.operator_name} ${extra}` }] : [];
  return [...here, ...kids.flatMap(operators)];
}

const log = (s: string) => process.stderr.write(s + '\n');
const db = await Db.open(path, { readOnly: true, ...(args.values['memory-limit'] ? { memoryLimit: args.values['memory-limit'] } : {}) });
try {
  await db.run('create or replace temp view _org_numbers as select * from org_numbers');
  await db.run('create or replace temp view _mart_years as select * from indicator_years');
  await db.run('create or replace temp view _org_rollup as select * from _org_numbers');
  const tables: string[] = [];
  let totalMs = 0;
  let totalCpu = 0;
  {
    // the temp tables several families read (_unit_homes), created once as rebuildMart does, timed apart
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    await sharedTemps(db, wanted.map((f) => body(`marts/${f}.sql`)));
    const used = process.cpuUsage(cpu);
    totalMs += performance.now() - t0;
    totalCpu += (used.user + used.system) / 1000;
    log(`${'shared temps'.padEnd(20)} ${(performance.now() - t0).toFixed(0).padStart(7)} ms  cpu ${((used.user + used.system) / 1000).toFixed(0).padStart(7)} ms`);
  }
  let failed = false;
  for (const f of wanted) {
    let r: string | undefined;
    if (args.values.warm) {
      // the first run of a family reads its tables into DuckDB's buffers: it would count against
      // whichever version runs first
      await computeParts(db, [body(`marts/${f}.sql`)], true, true, false);
      await db.run('drop table _mart_part0');
    }
    if (args.values.verify) {
      const text = execFileSync('git', ['show', `${args.values.verify}:queries/marts/${f}.sql`], { cwd: ROOT, encoding: 'utf8' });
      // a family reading the shared temps reads them as they are at REF (their columns may differ),
      // timed apart as above; today's are put back after
      const shared = text.includes('_unit_homes');
      if (shared) await timeShared(`shared@${args.values.verify}`, () => sharedTemps(db, [text], atRef(args.values.verify!)));
      const cpu0 = process.cpuUsage();
      const t1 = performance.now();
      await runFamily(text.trim().replace(/;\s*$/, ''), '_prof_ref');
      const used0 = process.cpuUsage(cpu0);
      log(`${(f + '@' + args.values.verify).padEnd(20)} ${(performance.now() - t1).toFixed(0).padStart(7)} ms  cpu ${((used0.user + used0.system) / 1000).toFixed(0).padStart(7)} ms` +
        (args.values.write ? `  ${await sortedRuns('_prof_ref')} sorted runs` : ''));
      if (shared) await timeShared('shared', () => sharedTemps(db, [body(`marts/${f}.sql`)]));
      r = '_prof_ref';
    }
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const name = `_prof_${f}`;
    await runFamily(body(`marts/${f}.sql`), name);
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    tables.push(name);
    const rows = await db.value<number>(`select count(*) from ${name}`);
    totalMs += ms;
    totalCpu += (used.user + used.system) / 1000;
    if (r) {
      const nonzero = (t: string) => args.values.write
        ? `select org_no, year, key_no, value, numerator, denominator from ${t}`  // cells: non-zero already
        : `select org_no, year, key_no, numerator, denominator from ${t} where numerator <> 0 or denominator <> 0`;
      const diff = await db.all(
        `(select 'new only' as side, * from (${nonzero(name)} except all ${nonzero(r!)}))
         union all (select 'old only', * from (${nonzero(r!)} except all ${nonzero(name)})) limit 20`);
      await db.run(`drop table ${r}`);
      if (diff.length) {
        failed = true;
        log(`${f}: differs from ${args.values.verify}:\n${diff.map((d) => JSON.stringify(d)).join('\n')}`);
      } else log(`${f}: same non-zero rows as at ${args.values.verify}`);
    }
    log(`${f.padEnd(20)} ${ms.toFixed(0).padStart(7)} ms  cpu ${((used.user + used.system) / 1000).toFixed(0).padStart(7)} ms  ${Number(rows).toLocaleString('en-US').padStart(12)} rows` +
      (args.values.write ? `  ${await sortedRuns(name)} sorted runs` : ''));
  }
  log(`${'families'.padEnd(14)} ${totalMs.toFixed(0).padStart(7)} ms  cpu ${totalCpu.toFixed(0).padStart(7)} ms`);
  if (args.values.cells) {
    await db.run(`create or replace temp view _mart_parts as ${tables.map((t) => `select * from ${t}`).join(' union all ')}`);
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    await db.run(`create or replace temp table _prof_cells as ${body('marts/indicator_cells.sql')}`);
    const used = process.cpuUsage(cpu);
    log(`${'cells (temp)'.padEnd(14)} ${(performance.now() - t0).toFixed(0).padStart(7)} ms  cpu ${((used.user + used.system) / 1000).toFixed(0).padStart(7)} ms`);
  }
  for (const f of explain) {
    await sharedTemps(db, [body(`marts/${f}.sql`)]);
    const rows = await db.all(`explain (analyze, format json) ${body(`marts/${f}.sql`)}`);
    const tree = JSON.parse(String(Object.values(rows[0]!).at(-1)));
    process.stdout.write(`==== ${f}: the operators that took longest (seconds, rows out, what)\n`);
    for (const op of operators(tree).sort((a, b) => b.s - a.s).slice(0, 15)) {
      process.stdout.write(`${op.s.toFixed(2).padStart(8)} s ${op.rows.toLocaleString('en-US').padStart(13)}  ${op.what}\n`);
    }
  }
  if (failed) process.exitCode = 1;
} finally {
  db.close();
}
