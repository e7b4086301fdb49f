// Starts the built standalone server (dist/server/entry.mjs) inside this process, with the
// configuration handed over through the environment that src/lib/server/config.ts parses once.
import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveEnv, type ServeConfig } from '../config.ts';
import { ensureAdmin } from '../auth/accounts.ts';
import { setSecurityHeaders } from './headers.ts';

export const ROOT = join(import.meta.dirname, '../../..');
export const ENTRY = join(ROOT, 'dist/server/entry.mjs');

/** Fails early, with a message a person can act on, when the port is taken or the host is wrong. */
function checkListen(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new Error(
          e.code === 'EADDRINUSE'
            ? `端口 ${port} 已被占用（可能仪表盘已在运行）。请换一个端口：--port ${port + 1} / Port ${port} is in use (is the dashboard already running?); pick another with --port.`
            : `无法在 ${host}:${port} 上监听 (${e.code}) / cannot listen on ${host}:${port} (${e.code}); check --host.`,
        ),
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

export async function launch(cfg: ServeConfig): Promise<string> {
  if (!existsSync(ENTRY)) {
    throw new Error(`没有构建产物 ${ENTRY}：请先运行 npm run build (或 npm start)。 / No build found: run npm run build first.`);
  }
  if (!existsSync(cfg.db)) {
    console.warn(`注意：数据仓库 ${cfg.db} 不存在，页面会提示先导入数据。 / Warning: no warehouse at ${cfg.db} yet.`);
  }
  if (cfg.port !== 0) await checkListen(cfg.host, cfg.port);
  // The pages need a sign-in: on the very first start, create `admin` and print its password here,
  // next to the URL, rather than on the first request.
  await ensureAdmin(cfg.db).catch((e) => console.warn(`ensureAdmin: ${(e as Error).message}`));
  Object.assign(process.env, serveEnv(cfg), { ASTRO_NODE_LOGGING: 'disabled', ASTRO_NODE_AUTOSTART: 'disabled' });
  // Our own http server around the adapter's handler (static files, then the app): the static files
  // never reach the Astro middleware, so their security headers are set here, before either runs.
  const { handler } = (await import(pathToFileURL(ENTRY).href)) as { handler: (req: IncomingMessage, res: ServerResponse) => void };
  const server = createHttpServer((req, res) => {
    setSecurityHeaders(res, false);
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(cfg.port, cfg.host, () => resolve());
  });
  const shownHost = cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host;
  const url = `http://${shownHost}:${cfg.port}/`;
  await warmUp(url);
  return url;
}

/**
 * Asks the server's /healthz, which runs the first page's queries (src/pages/healthz.ts): the server
 * already listens, and the first person to open a page finds them answered. Bounded: a slow or
 * missing warehouse does not hold the start up.
 */
async function warmUp(url: string, ms = 20_000): Promise<void> {
  const t = performance.now();
  try {
    const res = await fetch(`${url}healthz`, { signal: AbortSignal.timeout(ms) });
    if (res.ok) console.log(`✓ 首页数据已预热 / first page warmed in ${Math.round(performance.now() - t)} ms`);
  } catch {
    // warm-up is an optimisation: the pages answer without it
  }
}
