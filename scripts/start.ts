// npm start: the one command a new person runs. Prepares the sample warehouse when there is none,
// builds the dashboard when dist/ is missing or older than its sources, then serves it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigError, DEFAULTS, parseServeConfig } from '../src/lib/config.ts';
import { ENTRY, ROOT, launch } from '../src/lib/server/launch.ts';

const HELP = `用法 / usage: npm start -- [--db FILE] [--port ${DEFAULTS.port}] [--host ${DEFAULTS.host}]

1. 没有数据仓库时：生成示例数据 (npm run data:sample) 并导入 (npm run ingest -- data/sample)
2. dist/ 缺失或旧于源码时：构建 (npm run build)
3. 启动仪表盘并打印网址
When there is no warehouse, makes the sample one; builds when needed; serves and prints the URL.
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

try {
  const url = await launch(cfg);
  console.log(`\n仪表盘已启动 / dashboard running: ${url}\n按 Ctrl+C 停止 / press Ctrl+C to stop`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
