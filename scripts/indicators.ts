// npm run indicators -- [--db FILE] --org CODE --year YYYY [--json] [--help] | --rebuild
import { existsSync } from 'node:fs';
import { Db } from '../src/lib/db/duckdb.ts';
import { DEFAULT_DB } from '../src/lib/paths.ts';
import { renderTable } from '../src/lib/cli/table.ts';
import { parseCli, usageError } from '../src/lib/cli/args.ts';
import { getIndicators } from '../src/lib/indicators/read.ts';
import { resolve, FAMILY_LABELS, INDICATORS } from '../src/lib/indicators/dictionary.ts';
import { NotFoundError } from '../src/lib/indicators/types.ts';

const USAGE = `用法 / usage: npm run indicators -- [--db FILE] --org CODE --year YYYY [--json]
       npm run indicators -- [--db FILE] --rebuild

显示一个组织（含全部下级）某一年的全部指标，以及上年数值和变化。
Shows every indicator of an org (and its whole subtree) for a year, with last year's value and the change.

  --db FILE     数据仓库文件（只读打开）/ warehouse file, opened read-only (default ${DEFAULT_DB})
  --org CODE    组织代码 / org code
  --year YYYY   年度 / year
  --json        输出一个 JSON 对象（与 /api/indicators 相同）/ print one JSON object (same as the API)
  --rebuild     重新计算整个指标库（导入后只更新受影响的部分）/ recompute the whole mart (uploads update
                only what they touched); a write, queued like an import
  --help        显示本帮助 / this help

退出码 / exit: 0 成功 / ok; 1 组织不存在、该年无数据或仓库无法打开 / unknown org, no data, or no warehouse;
2 用法错误 / usage error.`;

function usage(msg: string): never {
  return usageError(USAGE, msg);
}

function fail(msg: string): never {
  process.stderr.write(`${msg}\n`);
  process.exit(1);
}

const args = parseCli(USAGE, {
  db: { type: 'string', default: DEFAULT_DB },
  org: { type: 'string' },
  year: { type: 'string' },
  json: { type: 'boolean', default: false },
  rebuild: { type: 'boolean', default: false },
});
const { db: dbPath, org, json } = args.values;
if (args.values.rebuild) {
  if (org || args.values.year || json) usage('--rebuild 不与 --org/--year/--json 同用 / --rebuild takes no --org, --year or --json');
  const { writeWarehouse } = await import('../src/lib/db/warehouse.ts');
  const { rebuildMart } = await import('../src/lib/indicators/mart.ts');
  try {
    const r = await writeWarehouse(dbPath, async (db, write) => {
      const done = await rebuildMart(db);
      await db.run('insert into mart_change values ($w, true, null, null, null)', { w: write.writeId });
      return done;
    }, { kind: 'mart', memoryLimit: '1GB' });
    process.stdout.write(`指标库已重建 / mart rebuilt: ${r.rows.toLocaleString('en-US')} cells in ${(r.ms / 1000).toFixed(1)} s (${dbPath})\n`);
    process.exit(0);
  } catch (e) {
    fail(`重建失败 / the rebuild failed: ${(e as Error).message}`);
  }
}
if (!org) usage('请用 --org 给出组织代码 / give the org code with --org');
if (!args.values.year || !/^\d{4}$/.test(args.values.year)) usage('请用 --year 给出四位年份 / give a four-digit year with --year');
const year = Number(args.values.year);
if (!existsSync(dbPath)) {
  fail(`找不到数据仓库 ${dbPath}；请先导入数据（npm run ingest）或用 --db 指定文件。\nNo warehouse at ${dbPath}: load data first (npm run ingest) or pass --db.`);
}

let db: Db;
try {
  db = await Db.open(dbPath, { readOnly: true });
} catch (e) {
  fail(`无法打开数据仓库 ${dbPath}：${(e as Error).message}\nCannot open the warehouse (is an ingest writing it?).`);
}

try {
  const report = await getIndicators(db, org, year);
  if (json) {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    const rows: string[][] = [];
    for (const i of INDICATORS) {
      if (i.code === INDICATORS.find((x) => x.family === i.family)?.code) {
        rows.push([`【${FAMILY_LABELS[i.family].zh}】`, '', '', '']);
      }
      for (const key of Object.keys(report.indicators).filter((k) => k === i.code || k.startsWith(`${i.code}:`))) {
        const v = report.indicators[key]!;
        const label = key.includes(':') ? `  └ ${resolve(key)!.dimension!.zh}` : resolve(key)!.zh;
        rows.push([label, v.display, v.previous_display, v.change_display]);
      }
    }
    const head = `${report.org.name}（${report.org.code}）${year}年指标，截至 ${report.as_of}` +
      (report.batch === null ? '' : `，数据批次 ${report.batch}`);
    process.stdout.write(`${head}\n\n${renderTable(['名称', '数值', '上年', '变化'], rows, [1, 2])}\n\n` +
      `共 ${Object.keys(report.indicators).length} 项指标（含分类）。\n`);
  }
} catch (e) {
  if (e instanceof NotFoundError) fail(e.message);
  fail(`读取指标失败 / reading the indicators failed: ${(e as Error).message}`);
} finally {
  db.close();
}
