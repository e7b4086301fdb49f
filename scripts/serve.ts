// npm run serve -- [--db FILE] [--port 4321] [--host 127.0.0.1]
import { ConfigError, DEFAULTS, parseServeConfig } from '../src/lib/config.ts';
import { launch } from '../src/lib/server/launch.ts';

const HELP = `用法 / usage: npm run serve -- [--db FILE] [--port ${DEFAULTS.port}] [--host ${DEFAULTS.host}]

启动仪表盘服务 (需要先 npm run build)。Serves the built dashboard (run npm run build first).
  --db FILE    数据仓库文件 / warehouse file (default ${DEFAULTS.db}, env UNION_DB)
  --port N     端口 / port (default ${DEFAULTS.port}, env PORT)
  --host H     监听地址 / listen address (default ${DEFAULTS.host}, env HOST)
`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP);
  process.exit(0);
}
try {
  const cfg = parseServeConfig(args, process.env);
  const url = await launch(cfg);
  console.log(`仪表盘已启动 / dashboard running: ${url}  (数据仓库 / warehouse: ${cfg.db})`);
} catch (e) {
  console.error(e instanceof ConfigError ? `${e.message}\n\n${HELP}` : (e as Error).message);
  process.exit(1);
}
