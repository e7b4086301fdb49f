// The levelled spare kept open between writes by a long-lived writer (the server), so its next write
// skips DuckDB's open of the spare and finds in its buffers what the last levelling and the warm-up
// read (README.md here: "A warm writer"). The holder does not hold `<db>.lock` while idle: a writer
// of another process (the CLI) that takes the lock and finds `<db>.spare.warm` naming a live process
// writes `<db>.spare.release` and waits until the holder has closed the file (it looks every
// POLL_MS), at most RELEASE_WAIT_MS; then it opens the spare as usual (or copies, as before, when the
// holder did not let go). An idle warm handle is closed after IDLE_MS.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Db } from './duckdb.ts';

/**
 * How long a warm spare stays open without a write: a clerk's uploads come minutes apart, and an
 * upload after this is a cold one again (at scale 250 ~1 s more on the busy machine). What it holds
 * meanwhile is memory (the buffers read: the server's peak RSS was 670 MB at scale 250).
 */
export const WARM_IDLE_MS = 60 * 60_000;
/** How often the holder looks for a release request (an unref'd timer: it never keeps a process alive). */
const POLL_MS = 100;
/** How long a writer of another process waits for the holder to let go before it goes on without. */
export const RELEASE_WAIT_MS = 5_000;

interface Held { db: Db; ino: number; timers: NodeJS.Timeout[]; warming?: Promise<void> }
const held = new Map<string, Held>();

const marker = (dbPath: string) => `${dbPath}.spare.warm`;
const request = (dbPath: string) => `${dbPath}.spare.release`;

/**
 * Keeps `db` (the spare of `dbPath`, inode `ino`, levelled and checkpointed: nothing in a WAL) open
 * for this process's next write. Called with the writer's lock held, so a release request still
 * there is stale (its writer died). `warmUp` (reads only) then runs in the background, after the
 * caller has released the lock: a write that takes the handle, or a release, interrupts it first.
 */
export function keepWarm(dbPath: string, db: Db, ino: number, warmUp?: (db: Db) => Promise<void>): void {
  void letGoWarm(dbPath); // none in practice: the write took it
  rmSync(request(dbPath), { force: true });
  writeFileSync(marker(dbPath), String(process.pid));
  const poll = setInterval(() => existsSync(request(dbPath)) && void letGoWarm(dbPath), POLL_MS).unref();
  const idle = setTimeout(() => void letGoWarm(dbPath), WARM_IDLE_MS).unref();
  const h: Held = { db, ino, timers: [poll, idle] };
  held.set(dbPath, h);
  if (warmUp) {
    // after the caller's turn: it runs on the handle only while nobody else has it
    h.warming = new Promise<void>((r) => setImmediate(r))
      .then(() => warmUp(db))
      .catch(() => {}) // interrupted, or failed: it only reads
      .finally(() => (h.warming = undefined));
  }
}

/**
 * This process's warm handle on the spare, taken for a write (the caller holds the lock and now
 * owns the handle), when it is still on the file at the spare's path (inode `ino`); else closed.
 * A warm-up still reading is interrupted and waited for.
 */
export async function takeWarm(dbPath: string, ino: number): Promise<Db | undefined> {
  const h = held.get(dbPath);
  if (!h) return undefined;
  if (h.ino !== ino) {
    await letGoWarm(dbPath);
    return undefined;
  }
  held.delete(dbPath);
  h.timers.forEach((t) => clearTimeout(t));
  rmSync(marker(dbPath), { force: true }); // the taker holds the lock: no one else looks
  await stopWarming(h);
  return h.db;
}

async function stopWarming(h: Held): Promise<void> {
  if (!h.warming) return;
  h.db.interrupt();
  await h.warming;
}

/** Closes this process's warm handle on the spare, if any, and says so to the other processes. */
export async function letGoWarm(dbPath: string): Promise<void> {
  const h = held.get(dbPath);
  if (!h) return;
  held.delete(dbPath);
  h.timers.forEach((t) => clearTimeout(t));
  await stopWarming(h);
  h.db.close(); // closed before the marker goes: a writer elsewhere opens the file once it is gone
  if (!held.has(dbPath)) rmSync(marker(dbPath), { force: true });
  rmSync(request(dbPath), { force: true });
}

/** Resolves when the warm-up reads on this process's warm spare are done (bench:upload). */
export async function warmed(dbPath: string): Promise<void> {
  await held.get(dbPath)?.warming;
}

/** The warm holders of this process (tests, and the server's shutdown). */
export function warmHeld(): string[] {
  return [...held.keys()];
}

/**
 * Before opening the spare (with the lock held): another live process holding it warm is asked to
 * let go, and waited for, at most `ms`. True when no other process holds it (as far as the marker
 * says); false when the holder did not let go in time (the caller opens it anyway and, refused,
 * copies the live file, as it always did for a spare held elsewhere).
 */
export async function askWarmHolder(dbPath: string, ms = RELEASE_WAIT_MS): Promise<boolean> {
  const holder = () => warmElsewhere(dbPath);
  if (holder() === null) {
    rmSync(marker(dbPath), { force: true }); // none, ours (taken above) or a dead process's
    return true;
  }
  writeFileSync(request(dbPath), String(process.pid));
  const until = Date.now() + ms;
  try {
    while (holder() !== null) {
      if (Date.now() >= until) return false;
      await new Promise((r) => setTimeout(r, 25));
    }
    return true;
  } finally {
    rmSync(request(dbPath), { force: true });
  }
}

/** The pid of another live process holding the spare warm (its marker), else null. */
export function warmElsewhere(dbPath: string): number | null {
  try {
    const pid = Number(readFileSync(marker(dbPath), 'utf8'));
    return pid && pid !== process.pid && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
