// One side of bench:ingest, in its own process so its peak memory is its own.
//   node scripts/bench/ingest-child.ts bare|validated DB FILE [MEMORY_LIMIT]
import { Db } from '../../src/lib/db/duckdb.ts';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';

const [mode, db, file, memoryLimit] = process.argv.slice(2) as [string, string, string, string | undefined];
const started = performance.now();
let rows = 0;
const phases: Record<string, number> = {};
if (mode === 'bare') {
  const d = await Db.open(db);
  await d.run(`create table members as select * from read_csv($f, all_varchar = true, header = true)`, { f: file });
  await d.run('checkpoint');
  rows = Number(await d.value('select count(*) from members'));
  d.close();
} else {
  let last = started;
  let phase = 'read';
  const lap = (next: string) => {
    const now = performance.now();
    phases[phase] = (phases[phase] ?? 0) + (now - last);
    last = now;
    phase = next;
  };
  const r = await ingestPaths(db, [file], {
    memoryLimit,
    onEvent: (e) => {
      if (e.kind === 'progress' && e.phase !== 'read' && e.phase !== phase) lap(e.phase);
      if (e.kind === 'step') lap(e.message);
    },
  });
  lap('swap');
  rows = r.files[0]!.rows_read;
}
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, rows, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), phases }));
