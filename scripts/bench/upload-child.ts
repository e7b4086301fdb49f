// One side of bench:upload, in its own process so its time and peak memory are its own.
//   node scripts/bench/upload-child.ts upload DB FILE     the real ingest (spare, checks, mart, swap)
//   node scripts/bench/upload-child.ts append DB FILE     DuckDB alone: open, append the rows, checkpoint
//   node scripts/bench/upload-child.ts warm DB FIRST FILE  a long-lived writer (the server's path): FIRST
//                                      uploaded untimed with keepWarm, then FILE timed (the spare kept open)
// With UA_PHASES=1 the upload also reports the ms between consecutive marks of the write, as "from→to".
import { Db } from '../../src/lib/db/duckdb.ts';
import { cpuMs, phaseTimes } from '../../src/lib/db/warehouse.ts';
import { letGoWarm, warmed } from '../../src/lib/db/warm.ts';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';

const [mode, db, ...files] = process.argv.slice(2) as [string, string, ...string[]];
const keepWarm = mode === 'warm';
if (keepWarm) {
  await ingestPaths(db, [files.shift()!], { user: 'bench', create: false, keepWarm });
  await warmed(db); // the warm-up reads after the levelling, done before the next upload (as seconds apart)
}
const file = files[0]!;
phaseTimes.length = 0;
const started = performance.now();
const startCpu = cpuMs();
let detail: Record<string, unknown> = {};
// the upload's answer: at the swap (committed, what the dashboard reads), before the writer levels its spare
let answered: number | undefined;
let answeredCpu: number | undefined;
if (mode === 'append') {
  const d = await Db.open(db);
  // a table per kind of file (aid, members), like the clean table the ingest appends to
  const t = `bench_${file.replace(/^.*\//, '').replace(/[^a-z]/g, '')}`;
  await d.run(`create table if not exists ${t} as select * from read_csv($f, header = true) limit 0`, { f: file });
  await d.run(`insert into ${t} by name select * from read_csv($f, header = true)`, { f: file });
  await d.run('checkpoint');
  detail = { rows: Number(await d.value('select count(*) from read_csv($f, header = true)', { f: file })) };
  d.close();
} else {
  const r = await ingestPaths(db, [file], {
    user: 'bench', create: false, keepWarm, onCommitted: () => ((answered = performance.now()), (answeredCpu = cpuMs())),
  });
  const f = r.files[0]!;
  if (f.refused || f.quarantined) throw new Error(`bench rows did not load cleanly: ${JSON.stringify(f)}`);
  const end = performance.now();
  const marks = [...phaseTimes, ['end', end, cpuMs()] as [string, number, number]].sort((a, b) => a[1] - b[1]);
  // each span between two marks, named by both ('indicator mart→commit' is the mart update: the
  // pipeline's steps mark where they start, the writer's phases where they end), in ms and CPU ms
  // (the pipeline's events are marks too: src/lib/ingest/pipeline.ts)
  const phases = marks.map(([name, t, c], i) => [
    `${i ? marks[i - 1]![0] : 'start'}→${name}`, Math.round(t - (i ? marks[i - 1]![1] : started)), Math.round(c - (i ? marks[i - 1]![2] : startCpu)),
  ]);
  detail = { batch: r.batch, loaded: f.loaded, superseded: f.superseded, via: r.via, mart: r.mart, phases };
}
const ms = (answered ?? performance.now()) - started;
const cpu = (answeredCpu ?? cpuMs()) - startCpu;
process.stdout.write(JSON.stringify({ ms, cpuMs: cpu, releasedMs: performance.now() - started, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), ...detail }));
await letGoWarm(db);
