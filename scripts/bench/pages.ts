// npm run bench:pages -- [--db FILE] [--requests N] [--concurrency 16] [--uncached N] [--org CODE] [--year YYYY]
// The dashboard under load, on loopback: the built server (npm run build first) on a copy of the
// warehouse, signed in as a bench account, N requests from 16 clients at once (bounded: N requests,
// 120 s at most per run). The clients are plain node:http keep-alive requests (fetch costs the load
// generator several times the server's own CPU on a 2-core machine).
// Measured in the same run, on the server as shipped:
//   - a static asset (/_astro/*.css): the floor of this server, the baseline the org page is compared to;
//   - /healthz through the whole Astro app (middleware included);
//   - one org page (cached per warehouse snapshot after its first request);
// and, on a second start with the caches off (UNION_PAGE_CACHE=off), a few uncached org pages (--uncached).
// Also: how long a start takes until the server says it is running (first page warmed), and the
// first org page right after that.
// Goals (issue #15): ≥ 200 req/s with p95 < 100 ms for one org page; first page after start < 1 s.
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCli } from '../../src/lib/cli/args.ts';
import { DEFAULT_DB } from '../../src/lib/paths.ts';
import { Db } from '../../src/lib/db/duckdb.ts';
import { addAccount } from '../../src/lib/auth/accounts.ts';
import { SESSION_COOKIE, login } from '../../src/lib/auth/sessions.ts';
import { CLIENT, ENTRY } from '../../src/lib/server/launch.ts';
import { startServer } from './serve-child.ts';

const USAGE = `Usage: npm run bench:pages -- [--db FILE] [--requests N] [--concurrency N] [--uncached N] [--org CODE] [--year YYYY]
  --db FILE        warehouse (default ${DEFAULT_DB}; copied, never changed)
  --requests N     requests per measured run (default 3000)
  --concurrency N  clients at once (default 16)
  --uncached N     requests of the run with the caches off (default 50; 0 skips it)
  --org CODE       the org page to load (default: the root org)
  --year YYYY      its year (default: the latest)
  --help           this text`;

const { values: a } = parseCli(USAGE, {
  db: { type: 'string', default: DEFAULT_DB },
  requests: { type: 'string', default: '3000' },
  concurrency: { type: 'string', default: '16' },
  uncached: { type: 'string', default: '50' },
  org: { type: 'string' },
  year: { type: 'string' },
});
if (!existsSync(a.db)) {
  console.error(`找不到数据仓库 ${a.db} / no warehouse at ${a.db}: npm run data:sample && npm run ingest -- data/sample\n\n${USAGE}`);
  process.exit(1);
}
if (!existsSync(ENTRY)) {
  console.error(`没有构建产物 / no build at ${ENTRY}: run npm run build first`);
  process.exit(1);
}
const REQUESTS = Number(a.requests);
const CONCURRENCY = Number(a.concurrency);
const UNCACHED = Number(a.uncached);
if (!(REQUESTS > 0) || !(CONCURRENCY > 0) || !(UNCACHED >= 0)) {
  console.error(`--requests and --concurrency must be positive numbers, --uncached 0 or more\n\n${USAGE}`);
  process.exit(2);
}
const TIME_LIMIT_MS = 120_000;

// A copy of the warehouse, so the bench account and sessions never touch the real sidecar.
const dir = mkdtempSync(join(tmpdir(), 'bench-pages-'));
const db = join(dir, 'warehouse.duckdb');
copyFileSync(a.db!, db);
const ro = await Db.open(db, { readOnly: true });
const org = a.org ?? (await ro.value<string>('select org_code from orgs where parent_code is null order by org_code limit 1'))!;
const year = a.year ? Number(a.year) : Number(await ro.value<number>('select max(year) from indicator_years'));
ro.close();
await addAccount(db, 'bench', { role: 'staff', password: 'bench-password-1', by: 'bench' });
const signed = await login(db, 'bench', 'bench-password-1', 'bench');
if (!signed.ok) throw new Error(signed.message);
const headers = { cookie: `${SESSION_COOKIE}=${signed.token}` };
const path = `/org/${encodeURIComponent(org)}/${year}`;
const css = readdirSync(`${CLIENT}/_astro`).find((f) => f.endsWith('.css'));
if (!css) throw new Error(`no stylesheet in ${CLIENT}/_astro: build first`);
const ASSET = `/_astro/${css}`;

/** The server, its page caches on or off. */
const start = (cachesOff: boolean) => startServer(db, { UNION_PAGE_CACHE: cachesOff ? 'off' : 'on' });

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** One GET over a kept-alive connection: its time until the last byte. */
function get(base: string, target = path): Promise<number> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    httpGet(base + target, { agent, headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t) : reject(new Error(`${target}: HTTP ${res.statusCode}`))));
      res.on('error', reject);
    }).on('error', reject);
  });
}

interface Run {
  n: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
}

async function load(base: string, target = path, requests = REQUESTS): Promise<Run> {
  const lat: number[] = [];
  let next = 0;
  const t = performance.now();
  const deadline = t + TIME_LIMIT_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests && performance.now() < deadline) {
        next++;
        lat.push(await get(base, target));
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  const s = lat.sort((x, y) => x - y);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(s.length * p))]!;
  return { n: s.length, seconds, rps: s.length / seconds, p50: q(0.5), p95: q(0.95) };
}

const f0 = (x: number) => x.toFixed(0);
const line = (name: string, r: Run) =>
  `  ${name.padEnd(26)} ${String(r.n).padStart(5)} requests in ${r.seconds.toFixed(1).padStart(5)} s  ${f0(r.rps).padStart(5)} req/s  p50 ${f0(r.p50).padStart(5)} ms  p95 ${f0(r.p95).padStart(5)} ms`;

console.log(`bench:pages — ${path} (${CONCURRENCY} clients, ${REQUESTS} requests per run, loopback), ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}`);
let shipped: { asset: Run; healthz: Run; page: Run; startMs: number; firstMs: number } | undefined;
let uncached: Run | undefined;
try {
  const s = await start(false);
  try {
    const firstMs = await get(s.base); // the first org page after the start
    await Promise.all(Array.from({ length: CONCURRENCY }, () => get(s.base))); // every client's connection open
    const asset = await load(s.base, ASSET);
    console.log(line(`static asset (baseline)`, asset));
    const healthz = await load(s.base, '/healthz');
    console.log(line('/healthz (through Astro)', healthz));
    const page = await load(s.base);
    console.log(line('org page (shipped)', page));
    console.log(`  ${''.padEnd(26)} start until serving ${f0(s.startMs)} ms, first org page after it ${f0(firstMs)} ms`);
    shipped = { asset, healthz, page, startMs: s.startMs, firstMs };
  } finally {
    await stop(s.child);
  }
  if (UNCACHED > 0) {
    const u = await start(true);
    try {
      await get(u.base);
      uncached = await load(u.base, path, UNCACHED);
      console.log(line('org page, caches off', uncached));
    } finally {
      await stop(u.child);
    }
  }
} finally {
  agent.destroy();
  rmSync(dir, { recursive: true, force: true });
}
const { page, asset: floor, firstMs } = shipped!;
const ok = (good: boolean) => (good ? '✓' : '✗');
console.log(
  `ratios (same run): org page ÷ static asset: throughput ×${(page.rps / floor.rps).toFixed(2)}, p95 ×${(page.p95 / floor.p95).toFixed(2)}` +
    (uncached ? `; org page shipped ÷ caches off: throughput ×${(page.rps / uncached.rps).toFixed(1)}, p95 ×${(page.p95 / uncached.p95).toFixed(2)}` : ''),
);
console.log(`${ok(page.rps >= 200)} ≥ 200 req/s (${f0(page.rps)})  ${ok(page.p95 < 100)} p95 < 100 ms (${f0(page.p95)})  ${ok(firstMs < 1000)} first page after start < 1 s (${f0(firstMs)} ms)`);
console.log(`load average now ${loadavg()[0]!.toFixed(1)} (numbers from a busy machine are slower than a quiet one; the ratios travel better)`);
