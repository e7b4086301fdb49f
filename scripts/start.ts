// npm start: the one command a new person runs. Prepares the sample warehouse when there is none,
// builds the dashboard when dist/ is missing or older than its sources, then serves it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigError, DEFAULTS, parseServeConfig } from '../src/lib/config.ts';
import { ENTRY, ROOT, launch } from '../src/lib/server/launch.ts';
import { Db } from '../src/lib/db/duckdb.ts';

async function latestYearAndBatch(dbPath: string): Promise<{ year: number | null; batch: number | null }> {
  const db = await Db.open(dbPath, { readOnly: true });
  try {
    const year = await db.value<number | null>('select max(year) from indicator_years');
    const batch = await db.value<number | null>('select max(batch_id) from ingest_batch');
    return { year, batch };
  } finally {
    db.close();
  }
}

const HELP = `用法 / usage: npm start -- [--db FILE] [--port ${DEFAULTS.port}] [--host ${DEFAULTS.host}]

1. 没有数据仓库时：生成示例数据 (npm run data:sample) 并导入 (npm run ingest -- data/sample)
2. dist/ 缺失或旧于源码时：构建 (npm run build)
3. 启动仪表盘（预热首页）并打印网址
4. 最新年度的工作总结 PDF 缺失或过期时：在后台生成到 data/reports/<年度>/ (npm run report -- --all)；
   仪表盘不等待，页面上的总结按需生成
When there is no warehouse, makes the sample one; builds when needed; serves at once (first page
warmed) and prints the URL; then writes the latest year's summary files in the background when they
are missing or older than the data (the dashboard renders any summary on demand meanwhile).
`;

function run(step: string, npmArgs: string[]): void {
  console.log(`→ ${step}: npm ${npmArgs.join(' ')}`);
  const r = spawnSync('npm', npmArgs, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`✗ ${step} 失败 (退出码 ${r.status ?? r.signal}) / ${step} failed; see the output above.`);
    process.exit(1);
  }
}

/** Newest modification time of any file under the given paths (dirs walked recursively). */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string): void => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach((p) => visit(join(ROOT, p)));
  return newest;
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP);
  process.exit(0);
}
let cfg;
try {
  cfg = parseServeConfig(args, process.env);
} catch (e) {
  console.error(e instanceof ConfigError ? `${e.message}\n\n${HELP}` : String(e));
  process.exit(1);
}

if (existsSync(cfg.db)) {
  console.log(`✓ 数据仓库已存在 / warehouse present: ${relative(ROOT, cfg.db) || cfg.db}`);
} else {
  if (!existsSync(join(ROOT, 'data/sample'))) run('生成示例数据 / sample data', ['run', 'data:sample']);
  run('导入 / ingest', ['run', 'ingest', '--', '--db', cfg.db, 'data/sample']);
}

const sources = ['src', 'queries', 'astro.config.mjs', 'package.json'];
if (!existsSync(ENTRY) || statSync(ENTRY).mtimeMs < newestMtime(sources)) {
  run('构建 / build', ['run', 'build']);
} else {
  console.log('✓ 构建是最新的 / build is up to date');
}

// read before the server opens the warehouse (one process, one handle on the file)
const { year, batch } = await latestYearAndBatch(cfg.db);
try {
  const url = await launch(cfg);
  console.log(`\n仪表盘已启动 / dashboard running: ${url}\n按 Ctrl+C 停止 / press Ctrl+C to stop`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}

// The work summaries of the latest year as files (data/reports/<year>/), rewritten when the warehouse
// has a newer batch than they show — after the server is up, at low priority, in the background. The
// dashboard does not wait for them: its summary route renders one on demand and caches it per snapshot.
if (year !== null) {
  const dir = join(ROOT, 'data/reports', String(year));
  const manifest = join(dir, 'manifest.json');
  const madeFrom = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { batch: number | null }).batch : undefined;
  if (madeFrom === batch) console.log(`✓ ${year}年度工作总结文件已是最新 / work-summary files up to date: ${relative(ROOT, dir)}`);
  else {
    mkdirSync(dir, { recursive: true });
    const log = join(dir, 'render.log');
    const child = spawn('nice', ['-n', '10', 'npm', 'run', 'report', '--', '--db', cfg.db, '--all', '--year', String(year), '--out-dir', dir], {
      cwd: ROOT, stdio: ['ignore', openSync(log, 'w'), openSync(log, 'a')],
    });
    console.log(`→ ${year}年度工作总结文件在后台生成 / writing the work-summary files in the background: ${relative(ROOT, dir)} (log: ${relative(ROOT, log)})`);
    child.on('exit', (code) =>
      console.log(code === 0
        ? `✓ ${year}年度工作总结文件已生成 / work-summary files written: ${relative(ROOT, dir)}`
        : `✗ 工作总结文件生成失败 (退出码 ${code}) / writing the summary files failed; see ${relative(ROOT, log)}`));
  }
}
