// One writer at a time for a warehouse: a FIFO queue within this process (so two uploads of one
// server never race), and `<db>.lock` holding the writer's pid across processes (the CLI and the
// server). src/lib/db/warehouse.ts takes both before it opens anything for writing.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

export class WarehouseBusyError extends Error {}

// --- one writer at a time within this process: a FIFO queue per warehouse --------------------

interface Waiter { wake: () => void; onQueued?: (ahead: number) => void }
const queues = new Map<string, { running: boolean; quiet: boolean; waiting: Waiter[] }>();

/** Writes queued in this process for the warehouse: whether one is running and how many wait. */
export function writeQueue(dbPath: string): { running: boolean; waiting: number } {
  const q = queues.get(dbPath);
  return { running: q?.running ?? false, waiting: q?.waiting.length ?? 0 };
}

/**
 * Waits for this process's writes to the warehouse ahead of this one. `quiet`: not an import (the
 * writer taking its spare warm, warehouse.ts warmSpare), so a write behind it is not told of one ahead.
 */
export async function enterQueue(dbPath: string, onQueued?: (ahead: number) => void, quiet = false): Promise<() => void> {
  let q = queues.get(dbPath);
  if (!q) queues.set(dbPath, (q = { running: false, quiet: false, waiting: [] }));
  const queue = q;
  if (queue.running) {
    await new Promise<void>((wake) => {
      queue.waiting.push({ wake, onQueued });
      onQueued?.(queue.waiting.length - (queue.quiet ? 1 : 0));
    });
    onQueued?.(0); // its turn (the upload page says so)
  }
  queue.running = true;
  queue.quiet = quiet;
  return () => {
    const next = queue.waiting.shift();
    queue.waiting.forEach((w, i) => w.onQueued?.(i + 1));
    if (next) next.wake();
    else queue.running = false;
  };
}

// --- one writer at a time across processes: `<db>.lock` holding the writer's pid ----------------

function tryLock(lockPath: string): (() => void) | number {
  try {
    const fd = openSync(lockPath, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return () => rmSync(lockPath, { force: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const pid = Number(readFileSync(lockPath, 'utf8'));
    // our own pid: a leftover of this process (the queue lets one writer through at a time)
    if (pid && pid !== process.pid && isAlive(pid)) return pid;
    rmSync(lockPath, { force: true });
    return tryLock(lockPath);
  }
}

export async function acquireLock(lockPath: string, waitMs: number): Promise<() => void> {
  const until = Date.now() + waitMs;
  for (;;) {
    const got = tryLock(lockPath);
    if (typeof got === 'function') return got;
    if (Date.now() >= until) {
      throw new WarehouseBusyError(
        `另一个导入正在进行 (pid ${got})，数据仓库 ${lockPath.replace(/\.lock$/, '')} 暂不能写入，请稍后再试。` +
          ` / Another import is running (pid ${got}); try again when it has finished.`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid of another live process holding `<db>.lock` (an import running elsewhere), else null. */
export function lockHolder(dbPath: string): number | null {
  try {
    const pid = Number(readFileSync(`${dbPath}.lock`, 'utf8'));
    return pid && pid !== process.pid && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}
