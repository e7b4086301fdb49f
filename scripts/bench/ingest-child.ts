// One side of bench:ingest, in its own process so its peak memory is its own.
//   node scripts/bench/ingest-child.ts bare|bare-stream|bare-worker|bare-xlsx|exceljs|validated DB FILE [MEMORY_LIMIT]
//   node scripts/bench/ingest-child.ts make-xlsx OUT.xlsx MEMBERS.csv ROWS
import { statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { Db } from '../../src/lib/db/duckdb.ts';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { readWholeWorkbook, readWorkbook, displayText } from '../../src/lib/ingest/workbook.ts';

if (process.argv[2] === 'make-xlsx') {
  // The first ROWS members as a workbook with Chinese headers, every cell text (as the template is).
  const [, , , out, csv, n] = process.argv as string[];
  const d = await Db.open(':memory:');
  const rows = await d.all(`select * from read_csv($f, all_varchar = true, header = true) limit ${Number(n)}`, { f: csv! });
  d.close();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out!, useSharedStrings: true });
  const ws = wb.addWorksheet('会员');
  const { FAMILIES } = await import('../../src/lib/ingest/families.ts');
  const cols = Object.keys(rows[0] ?? {});
  ws.addRow(cols.map((c) => FAMILIES.members.columns.find((x) => x.name === c)?.zh ?? c)).commit();
  for (const r of rows) ws.addRow(cols.map((c) => r[c] ?? null)).commit();
  await wb.commit();
  process.exit(0);
}

const LEVELLING = 'spare levelled after the answer';
const [mode, db, file, memoryLimit] = process.argv.slice(2) as [string, string, string, string | undefined];
const started = performance.now();
const cpuAtStart = process.cpuUsage();
let rows = 0;
const phases: Record<string, number> = {};
/** CPU time (ms, every thread of the process: DuckDB's, the reader's worker) spent in each phase. */
const phasesCpu: Record<string, number> = {};
/** Peak RSS (MB) reached by the end of each phase: which phase sets the peak. */
const peakAt: Record<string, number> = {};
const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
if (mode === 'bare-xlsx') {
  // SheetJS alone, reading the whole workbook (the reader before the streaming one), every cell visited
  const wb = readWholeWorkbook(file, statSync(file).size);
  let cells = 0;
  for await (const row of wb.sheets[0]!.rows()) {
    for (const c of row.cells) if (displayText(c) !== null) cells++;
    rows = row.r;
  }
  void cells;
} else if (mode === 'bare-stream') {
  // our streaming .xlsx reader alone, every cell's text visited: the reader the ingest uses
  const wb = await readWorkbook(file, statSync(file).size);
  let cells = 0;
  for await (const row of wb.sheets[0]!.rows()) {
    for (const c of row.cells) if (displayText(c) !== null) cells++;
    rows = row.r;
  }
  void cells;
} else if (mode === 'bare-worker') {
  // the same reader as the ingest runs it: parsed in a worker thread, every cell's text visited here
  // (for comparison: the baseline stays the reader alone in this thread, bare-stream)
  const wb = await readWorkbook(file, statSync(file).size, 'xlsx', { headRows: 31 });
  let cells = 0;
  for await (const row of wb.sheets[0]!.rows()) {
    for (const c of row.cells) if (displayText(c) !== null) cells++;
    rows = row.r;
  }
  await wb.close?.();
  void cells;
} else if (mode === 'exceljs') {
  // exceljs's streaming reader, for comparison (it splits characters across chunks: not used)
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit' });
  for await (const ws of reader) for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) if (row.number > 1) rows++;
} else if (mode === 'bare') {
  const d = await Db.open(db);
  await d.run(`create table members as select * from read_csv($f, all_varchar = true, header = true)`, { f: file });
  await d.run('checkpoint');
  rows = Number(await d.value('select count(*) from members'));
  d.close();
} else {
  let last = started;
  let lastCpu = cpuAtStart;
  let phase = 'read';
  const lap = (next: string) => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    lastCpu = process.cpuUsage();
    phasesCpu[phase] = (phasesCpu[phase] ?? 0) + (cpu.user + cpu.system) / 1000;
    phases[phase] = (phases[phase] ?? 0) + (now - last);
    peakAt[phase] = maxRssMb();
    last = now;
    phase = next;
  };
  const r = await ingestPaths(db, [file], {
    memoryLimit,
    onEvent: (e) => {
      if (e.kind === 'progress' && e.phase !== 'read' && e.phase !== phase) lap(e.phase);
      if (e.kind === 'step') lap(e.message);
    },
    // The commit point: the new warehouse is swapped in and the answer given (the upload page gets it
    // here). What follows brings the spare level for the next write, still under the writer's lock.
    onCommitted: () => lap(LEVELLING),
  });
  lap('done');
  rows = r.files[0]!.rows_read;
}
const ms = performance.now() - started;
const cpuMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpuAtStart));
const levelMs = phases[LEVELLING] ?? 0;
// The indicator mart is rebuilt inside the same write, but it is the indicators' work, not reading or
// validating: reported on its own (martMs, and the peak RSS reached before it).
const martMs = phases['indicator mart'] ?? 0;
// maxRSS only grows: the phases that end after the mart (commit, swap) carry the mart's peak, so the
// peak before the mart is the one reached by the end of the last phase before it.
const order = Object.keys(peakAt);
const martAt = order.indexOf('indicator mart');
const beforeMart = martAt >= 0 ? order.slice(0, martAt) : order;
const peakBeforeMartMb = beforeMart.length ? Math.max(...beforeMart.map((k) => peakAt[k]!)) : maxRssMb();
process.stdout.write(JSON.stringify({ ms, martMs, levelMs, rows, maxRssMb: maxRssMb(), peakBeforeMartMb, phases, phasesCpu, cpuMs, peakAt }));
