// npm run ingest -- [--db FILE] [--json] [--family NAME] PATH...
import { basename } from 'node:path';
import { existsSync } from 'node:fs';
import { DEFAULT_MEMORY_LIMIT, ingestPaths, type FileResult, type IngestResult } from '../../src/lib/ingest/pipeline.ts';
import { parseCli, usageError } from '../../src/lib/cli/args.ts';
import { FAMILY_ORDER, FAMILIES, type FamilyName } from '../../src/lib/ingest/families.ts';
import { Progress } from '../../src/lib/cli/progress.ts';
import { renderTable } from '../../src/lib/cli/table.ts';
import { Db } from '../../src/lib/db/duckdb.ts';
import { DEFAULT_DB } from '../../src/lib/paths.ts';
import { maskProblem } from '../../src/lib/auditor/masking.ts';

const USAGE = `用法 / usage: npm run ingest -- [--db FILE] [--json] [--family NAME] [--memory-limit SIZE] PATH...

把登记表（CSV：UTF-8 或 GBK；Excel .xlsx）导入数据仓库。PATH 可以是文件或文件夹。
Loads registers (CSV in UTF-8 or GBK, .xlsx) into the warehouse. PATH: files or folders.

  --db FILE       数据仓库文件 / warehouse file (default ${DEFAULT_DB})
  --family NAME   指定登记表类别 / force the record family: ${FAMILY_ORDER.join(', ')}
  --json          输出一个 JSON 对象 / print one JSON object
  --memory-limit SIZE  DuckDB 内存上限，超出部分写入临时文件 / DuckDB memory limit, spills beyond it (default ${DEFAULT_MEMORY_LIMIT})
  --help          显示本帮助 / this help

退出码 / exit: 0 每个文件都已读取（可能有隔离行）/ every file read (rows may be quarantined);
1 有文件被整体拒收或导入失败 / a file was refused or the run failed; 2 用法错误 / usage error.`;

function usage(msg: string): never {
  return usageError(USAGE, msg);
}

const args = parseCli(
  USAGE,
  {
    db: { type: 'string', default: DEFAULT_DB },
    json: { type: 'boolean', default: false },
    family: { type: 'string' },
    'memory-limit': { type: 'string', default: DEFAULT_MEMORY_LIMIT },
  },
  true,
);
const family = args.values.family as FamilyName | undefined;
if (family && !FAMILY_ORDER.includes(family)) usage(`未知类别 / unknown family: ${family}`);
if (args.positionals.length === 0) usage('请给出要导入的文件或文件夹 / give at least one file or folder');
for (const p of args.positionals) if (!existsSync(p)) usage(`找不到 / not found: ${p}`);

const progress = new Progress();
let result: IngestResult;
try {
  result = await ingestPaths(args.values.db, args.positionals, {
    family,
    memoryLimit: args.values['memory-limit'],
    onEvent: (e) => {
      if (e.kind === 'file') progress.update(`(${e.index + 1}/${e.total}) 读取 ${basename(e.file)}`, 0);
      else if (e.kind === 'progress') progress.update(`${{ read: '读取', check: '校验', apply: '入库' }[e.phase]} ${basename(e.file)}`, e.pct);
      else if (e.kind === 'step') progress.update(e.message);
    },
  });
} catch (e) {
  progress.clear();
  process.stderr.write(`导入失败，数据仓库未作任何改动。/ Ingest failed; the warehouse is unchanged.\n${(e as Error).message}\n`);
  process.exit(1);
}
progress.clear();

const refused = result.files.some((f) => f.refused);
if (args.values.json) {
  const files = result.files.map(({ file, family, rows_read, loaded, quarantined, duplicates, skipped, superseded, refused, notes }) => ({
    file, family, rows_read, loaded, quarantined, duplicates, skipped, superseded, refused, notes: notes ?? [],
  }));
  process.stdout.write(JSON.stringify({ batch: result.batch, files }, null, 2) + '\n');
} else {
  process.stdout.write(summary(result) + '\n');
  if (result.batch !== null) process.stdout.write(await quarantineDigest(args.values.db, result.batch));
}
process.exit(refused ? 1 : 0);

function note(f: FileResult): string {
  if (f.refused) return '拒收（原因见下）/ refused, see below';
  const bits: string[] = [];
  if (f.same_as_batch !== undefined) bits.push(`与批次 ${f.same_as_batch} 内容相同，未改动`);
  const ENC: Record<string, string> = { gb18030: 'GBK/GB18030', 'utf-8-bom': 'UTF-8 BOM', 'utf-16le': 'UTF-16（Unicode 文本）', 'utf-16be': 'UTF-16 BE' };
  if (f.encoding && f.encoding !== 'utf-8') bits.push(ENC[f.encoding] ?? f.encoding);
  if (f.sheet) bits.push(`工作表 ${f.sheet}`);
  if (f.unknown_columns?.length) bits.push(`未识别的列已保留: ${f.unknown_columns.join('、')}`);
  return bits.join('；');
}

function summary(r: IngestResult): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const rows = r.files.map((f) => [
    basename(f.file),
    f.family ? FAMILIES[f.family].zh : '—',
    n(f.rows_read), n(f.loaded), n(f.quarantined), n(f.duplicates), n(f.skipped), n(f.superseded), note(f),
  ]);
  const total = (k: 'rows_read' | 'loaded' | 'quarantined' | 'duplicates' | 'skipped' | 'superseded') => n(r.files.reduce((s, f) => s + f[k], 0));
  rows.push(['合计 total', '', total('rows_read'), total('loaded'), total('quarantined'), total('duplicates'), total('skipped'), total('superseded'), '']);
  const head = r.batch === null ? '没有新数据，数据仓库未改动。/ Nothing new; the warehouse is unchanged.' : `导入批次 / batch ${r.batch}（${(r.ms / 1000).toFixed(1)} s）`;
  const refusals = r.files.filter((f) => f.refused).map((f) => `  ${basename(f.file)}: ${f.refused}`);
  const table = renderTable(['文件', '类别', '读取', '入库', '隔离', '重复', '跳过', '替换旧版', '说明'], rows, [2, 3, 4, 5, 6, 7]);
  // What the reader decided (header row, sheets not read, merged cells): file-level notes only; the
  // skipped rows are counted above and listed one by one in ingest_note.
  const notes = r.files.flatMap((f) => (f.notes ?? []).map((x) => `  ${basename(f.file)}: ${x.zh}`));
  return [
    head, table,
    ...(notes.length ? ['', '说明 / notes:', ...notes] : []),
    ...(refusals.length ? ['', '拒收的文件 / refused files:', ...refusals] : []),
  ].join('\n');
}

async function quarantineDigest(dbPath: string, batch: number): Promise<string> {
  const db = await Db.open(dbPath, { readOnly: true });
  try {
    // Personal data (ID numbers, phones, names) is masked here as everywhere outside the auditor's unmask.
    const rows = (
      await db.all<{ file_name: string; row_no: number; column_name: string | null; value: string | null; message_zh: string; message_en: string }>(
        `select file_name, row_no, column_name, value, message_zh, message_en from quarantine
         where batch_id = $batch order by file_name, row_no limit 20`,
        { batch },
      )
    ).map(maskProblem);
    const total = Number(await db.value(`select count(*) from quarantine where batch_id = $batch`, { batch }));
    if (!rows.length) return '';
    const lines = rows.map((r) => `  ${r.file_name} 第${r.row_no}行: ${r.message_zh}`);
    if (total > rows.length) lines.push(`  …… 另有 ${total - rows.length} 条，见数据质量页或 quarantine 表。`);
    return `\n隔离的问题 / quarantined problems:\n${lines.join('\n')}\n`;
  } finally {
    db.close();
  }
}
