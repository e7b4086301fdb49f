// node scripts/bench/mart-profile.ts --db <warehouse> [--family training,relief] [--explain training] [--cells]
// Where the full mart rebuild spends its time, per family, on a warehouse that already has a mart
// (bench:indicators' bench/data/indicators-replicate-s250.duckdb): opened read-only, the shared temp
// tables (_unit_homes) are created once and timed apart, then each family runs as rebuildMart runs it
// (same temp views, same wrapping: every org and year, zero rows dropped) into a temp table of its own, printing wall
// time, CPU time of this process (all DuckDB threads) and rows; --explain prints DuckDB's EXPLAIN
// ANALYZE of those families; --cells times the final cells query (into a temp table: the on-disk
// write itself is measured by bench:indicators).
import { Db } from '../../src/lib/db/duckdb.ts';
import { MART_FAMILY_FILES, body, computeParts, sharedTemps } from '../../src/lib/indicators/mart.ts';
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
  --memory-limit   DuckDB memory_limit (default: DuckDB's, 80% of RAM)
  --help           this text`;

const args = parseCli(USAGE, {
  db: { type: 'string' },
  family: { type: 'string' },
  explain: { type: 'string' },
  cells: { type: 'boolean', default: false },
  verify: { type: 'string' },
  warm: { type: 'boolean', default: false },
  'memory-limit': { type: 'string' },
});
const path = args.values.db ?? usageError(USAGE, '--db is required');
const all = MART_FAMILY_FILES.map((f) => f.replace(/^marts\/|\.sql$/g, ''));
const list = (s: string | undefined) => (s ? s.split(',') : []);
const wanted = args.values.family ? list(args.values.family) : all;
const explain = list(args.values.explain);
for (const f of [...wanted, ...explain]) if (!all.includes(f)) usageError(USAGE, `unknown family ${f} (one of ${all.join(', ')})`);

interface Op { s: number; rows: number; what: string }

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
      const cpu0 = process.cpuUsage();
      const t1 = performance.now();
      const [ref] = await computeParts(db, [text.trim().replace(/;\s*$/, '')], true, true, false);
      const used0 = process.cpuUsage(cpu0);
      log(`${(f + '@' + args.values.verify).padEnd(20)} ${(performance.now() - t1).toFixed(0).padStart(7)} ms  cpu ${((used0.user + used0.system) / 1000).toFixed(0).padStart(7)} ms`);
      await db.run(`alter table ${ref} rename to _prof_ref`);
      r = '_prof_ref';
    }
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    // computeParts with one family: its temp table is _mart_part0; rename to keep it
    const [t] = await computeParts(db, [body(`marts/${f}.sql`)], true, true, false);
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    const name = `_prof_${f}`;
    await db.run(`alter table ${t} rename to ${name}`);
    tables.push(name);
    const rows = await db.value<number>(`select count(*) from ${name}`);
    totalMs += ms;
    totalCpu += (used.user + used.system) / 1000;
    if (r) {
      const nonzero = (t: string) => `select org_no, year, key_no, numerator, denominator from ${t} where numerator <> 0 or denominator <> 0`;
      const diff = await db.all(
        `(select 'new only' as side, * from (${nonzero(name)} except all ${nonzero(r!)}))
         union all (select 'old only', * from (${nonzero(r!)} except all ${nonzero(name)})) limit 20`);
      await db.run(`drop table ${r}`);
      if (diff.length) {
        failed = true;
        log(`${f}: differs from ${args.values.verify}:\n${diff.map((d) => JSON.stringify(d)).join('\n')}`);
      } else log(`${f}: same non-zero rows as at ${args.values.verify}`);
    }
    log(`${f.padEnd(20)} ${ms.toFixed(0).padStart(7)} ms  cpu ${((used.user + used.system) / 1000).toFixed(0).padStart(7)} ms  ${Number(rows).toLocaleString('en-US').padStart(12)} rows`);
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
