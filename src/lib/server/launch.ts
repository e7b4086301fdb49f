// Starts the built standalone server (dist/server/entry.mjs) inside this process, with the
// configuration handed over through the environment that src/lib/server/config.ts parses once.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveEnv, type ServeConfig } from '../config.ts';
import { ensureAdmin } from '../auth/accounts.ts';

export const ROOT = join(import.meta.dirname, '../../..');
export const ENTRY = join(ROOT, 'dist/server/entry.mjs');

export async function launch(cfg: ServeConfig): Promise<string> {
  if (!existsSync(ENTRY)) {
    throw new Error(`没有构建产物 ${ENTRY}：请先运行 npm run build (或 npm start)。 / No build found: run npm run build first.`);
  }
  if (!existsSync(cfg.db)) {
    console.warn(`注意：数据仓库 ${cfg.db} 不存在，页面会提示先导入数据。 / Warning: no warehouse at ${cfg.db} yet.`);
  }
  // The pages need a sign-in: on the very first start, create `admin` and print its password here,
  // next to the URL, rather than on the first request.
  await ensureAdmin(cfg.db).catch((e) => console.warn(`ensureAdmin: ${(e as Error).message}`));
  Object.assign(process.env, serveEnv(cfg), { ASTRO_NODE_LOGGING: 'disabled' });
  await import(pathToFileURL(ENTRY).href);
  const shownHost = cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host;
  return `http://${shownHost}:${cfg.port}/`;
}
