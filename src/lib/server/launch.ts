// Starts the dashboard inside this process: our own node:http server around the built Astro app
// (dist/server/entry.mjs, @astrojs/node in middleware mode), with the configuration handed over
// through the environment that src/lib/server/config.ts parses once. Per request, in order:
//   1. security headers (src/lib/server/headers.ts) on every response, before anything answers;
//   2. the built static files (dist/client), from memory, with long cache headers for /_astro/*;
//   3. a cached org page for this session (page-cache.ts `fastPage`: same session check, same key);
//   4. everything else: Astro (middleware: origin check, session, role × route, scope; then the page).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import { createHash } from 'node:crypto';
import { extname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveEnv, type ServeConfig } from '../config.ts';
import { ensureAdmin } from '../auth/accounts.ts';
import { setSecurityHeaders } from './headers.ts';
import { upgradeMart } from '../indicators/mart-upgrade.ts';

export const ROOT = join(import.meta.dirname, '../../..');
export const ENTRY = join(ROOT, 'dist/server/entry.mjs');
export const CLIENT = join(ROOT, 'dist/client');

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
type FastPage = (cookie: string | undefined, url: string) => { body: Uint8Array; headers: [string, string][] } | null;

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
  } else {
    // a mart stored by an earlier version (rate parts stored, value stored): today's readers need the new layout
    const up = await upgradeMart(cfg.db);
    if (up) {
      console.log(`指标库已升级 / mart upgraded: ${up.parts.toLocaleString('en-US')} rate-part cells now read from their rates, ` +
        `${up.cells.toLocaleString('en-US')} cells compute their value when read`);
    }
  }
  if (cfg.port !== 0) await checkListen(cfg.host, cfg.port);
  // The pages need a sign-in: on the very first start, create `admin` and print its password here,
  // next to the URL, rather than on the first request.
  await ensureAdmin(cfg.db).catch((e) => console.warn(`ensureAdmin: ${(e as Error).message}`));
  Object.assign(process.env, serveEnv(cfg), { ASTRO_NODE_LOGGING: 'disabled' });
  const { handler } = (await import(pathToFileURL(ENTRY).href)) as { handler: NodeHandler };
  const server = serve(handler, loadStatic(CLIENT));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(cfg.port, cfg.host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const shownHost = cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host;
  const url = `http://${shownHost}:${port}/`;
  await warmUp(url);
  return url;
}

interface StaticFile {
  body: Buffer;
  type: string;
  etag: string;
  /** /_astro/* carry a content hash in their names: cached for a year; anything else revalidates. */
  immutable: boolean;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json',
};

/** Every file of the client build, by URL path (a few MB; read once, so no request touches the disk). */
export function loadStatic(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const visit = (d: string): void => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d)) {
      if (name.startsWith('.')) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) visit(p);
      else {
        const body = readFileSync(p);
        const path = '/' + relative(dir, p).split(sep).join('/');
        files.set(path, {
          body,
          type: TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream',
          etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
          immutable: path.startsWith('/_astro/'),
        });
      }
    }
  };
  visit(dir);
  return files;
}

/** The server: see the top of this file for the order. Exported for the tests. */
export function serve(handler: NodeHandler, files: Map<string, StaticFile>): Server {
  const fastPage = () => (globalThis as Record<symbol, FastPage | undefined>)[Symbol.for('union-analytics.fastPage')];
  return createHttpServer((req, res) => {
    setSecurityHeaders(res, false);
    const url = req.url ?? '/';
    try {
      decodeURI(url);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad request.');
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const q = url.indexOf('?');
      const file = files.get(q < 0 ? url : url.slice(0, q));
      if (file) {
        sendStatic(req, res, file);
        return;
      }
    }
    if (req.method === 'GET') {
      const page = fastPage()?.(req.headers.cookie, url);
      if (page) {
        res.writeHead(200, [...page.headers.flat(), 'x-page-cache', 'hit', 'cache-control', 'private, no-store', 'content-length', String(page.body.byteLength)]);
        res.end(page.body);
        return;
      }
    }
    void handler(req, res);
  });
}

function sendStatic(req: IncomingMessage, res: ServerResponse, f: StaticFile): void {
  res.setHeader('etag', f.etag);
  res.setHeader('cache-control', f.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate');
  if (req.headers['if-none-match'] === f.etag) {
    res.writeHead(304).end();
    return;
  }
  res.writeHead(200, { 'content-type': f.type, 'content-length': f.body.byteLength });
  res.end(req.method === 'HEAD' ? undefined : f.body);
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
