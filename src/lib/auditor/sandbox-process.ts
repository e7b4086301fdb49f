// An auditor's query in its own process (src/lib/auditor/query-worker.ts runs a Sandbox there):
// killed at the timeout plus a grace period, or as soon as its resident memory passes the limit, at a
// lower CPU priority, at most MAX_CONCURRENT at once and one per person, so the server's event loop
// only waits for a message whatever the query does.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROCESS_OVERHEAD, Refusal, SANDBOX_DEFAULTS, SandboxError, memoryError, parseBytes, type QueryResult, type SandboxOptions } from './sandbox.ts';

// Each sandbox may use its memory limit and threads: on a small server two at a time is plenty.
// Further queries wait their turn (their timeout starts when they run); one person's queries run one
// at a time, so an auditor who starts two runaways holds one slot and another auditor still gets
// the other at once.
export const MAX_CONCURRENT = 2;
const runningOwners: (string | null)[] = [];
const waiting: { owner: string | null; go: () => void }[] = [];

const mayStart = (owner: string | null) => runningOwners.length < MAX_CONCURRENT && (owner === null || !runningOwners.includes(owner));

async function slot(owner: string | null): Promise<() => void> {
  if (!mayStart(owner)) await new Promise<void>((go) => waiting.push({ owner, go }));
  runningOwners.push(owner);
  return () => {
    runningOwners.splice(runningOwners.indexOf(owner), 1);
    const next = waiting.findIndex((w) => mayStart(w.owner));
    if (next >= 0) waiting.splice(next, 1)[0]!.go();
  };
}

/** The worker script, found from wherever this module was bundled to (src/ or dist/server/chunks/). */
function workerPath(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const p = join(dir, 'src/lib/auditor/query-worker.ts');
    if (existsSync(p)) return p;
    if (existsSync(join(dir, 'query-worker.ts'))) return join(dir, 'query-worker.ts');
    if (dirname(dir) === dir) throw new Error('internal: src/lib/auditor/query-worker.ts not found');
  }
}

/** Resident memory of a process in bytes (Linux /proc, VmRSS), or 0 when it cannot be read. */
function rssOf(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}


/** How often the watcher reads the query process's resident memory. */
export const RSS_POLL_MS = 100;
/** After the timeout DuckDB is interrupted; if it has not stopped this much later, the process is killed. */
export const KILL_GRACE_MS = 1500;

/**
 * Opens a sandbox, runs one query, closes it — in a child process per query, killed at
 * `timeoutMs` + a grace period, or as soon as its resident memory passes `memoryLimit`. The server's
 * event loop only waits for a message. `owner` (the user's name): their queries run one at a time.
 */
export async function sandboxQuery(dbPath: string, text: string, opts: SandboxOptions = {}, owner: string | null = null): Promise<QueryResult> {
  const release = await slot(owner);
  try {
    return await inChild(dbPath, text, opts);
  } finally {
    release();
  }
}

/**
 * The query processes' nice value (0 = the server's; 19 = the lowest). 5 gives the server about three
 * times a query's share of a busy CPU; much higher starves the queries on a machine shared with
 * other work (a niced query then takes many times its time to reach even its memory limit).
 */
export const QUERY_NICE = 5;

// One process is kept started and waiting, so a query does not wait for Node and DuckDB to load.
let spare: ChildProcess | null = null;
function startChild(): ChildProcess {
  const child = fork(workerPath(), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  child.unref(); // a waiting spare never keeps a script (npm run query, tests) from exiting
  (child as unknown as { channel?: { unref(): void } }).channel?.unref();
  child.on('error', () => {});
  // Below the server in the CPU scheduler: a runaway query competes with other queries, not with
  // the pages another user is waiting for (the server answers within 1 s while one runs).
  if (child.pid) {
    try {
      setPriority(child.pid, QUERY_NICE);
    } catch {
      // not permitted here: the query still runs, at the server's priority
    }
  }
  return child;
}
function takeChild(): ChildProcess {
  const child = spare && spare.exitCode === null && spare.signalCode === null && spare.connected ? spare : startChild();
  spare = startChild();
  (child as unknown as { channel?: { ref(): void } }).channel?.ref();
  return child;
}

function inChild(dbPath: string, text: string, opts: SandboxOptions): Promise<QueryResult> {
  const timeoutMs = opts.timeoutMs ?? SANDBOX_DEFAULTS.timeoutMs;
  const memoryLimit = opts.memoryLimit ?? SANDBOX_DEFAULTS.memoryLimit;
  const hardMemory = parseBytes(memoryLimit);
  return new Promise((resolve, reject) => {
    const child = takeChild();
    let done = false;
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(clock);
      clearInterval(watch);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      settle();
    };
    const clock = setTimeout(
      () => finish(() => reject(new SandboxError('timeout', `查询超过 ${timeoutMs / 1000} 秒，已强制中止 / the query ran longer than ${timeoutMs / 1000} s and was stopped`, true))),
      timeoutMs + KILL_GRACE_MS,
    );
    // Killed as soon as its resident memory passes the limit (not when the timeout comes).
    const watch = setInterval(() => {
      if (child.pid && rssOf(child.pid) > hardMemory) finish(() => reject(memoryError(memoryLimit, undefined, true)));
    }, RSS_POLL_MS);
    child.on('message', (m: { ok: true; result: QueryResult } | { ok: false; kind: string; message: string }) =>
      finish(() => (m.ok ? resolve(m.result) : reject(m.kind === 'refusal' ? new Refusal(m.message) : new SandboxError(m.kind === 'timeout' || m.kind === 'memory' ? m.kind : 'error', m.message)))),
    );
    child.on('error', (e) => finish(() => reject(new SandboxError('error', `查询进程无法启动 / the query process failed: ${e.message}`))));
    child.on('exit', (code, signal) => finish(() => reject(new SandboxError('error', `查询进程意外结束 / the query process ended (${signal ?? code})`))));
    child.send({ dbPath, text, opts });
  });
}
