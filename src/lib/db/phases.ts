// Where a write is, for tests and the upload bench: UA_PHASES=1 records when each phase of this
// process's writes was reached (bench:upload's profile), UA_KILL_AT=<phase> kills the process there
// and UA_PAUSE_AT=<phase> with UA_PAUSE_FILE waits there (the atomicity tests; src/lib/db/README.md).
import { appendFileSync, existsSync } from 'node:fs';
import type { Db } from './duckdb.ts';

/** When each phase of this process's writes was reached, and the process's CPU ms then (UA_PHASES=1, for bench:upload's profile). */
export const phaseTimes: [string, number, number][] = [];
export const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const PHASES = process.env.UA_PHASES === '1';
/**
 * UA_PHASES_LOG=<file> (with UA_PHASES=1): each mark is also appended to that file as a line
 * `name<TAB>epoch ms<TAB>process CPU ms`, for a process timed from outside (bench:upload's server
 * rows: the bundled server's marks, on the clock of the bench that posts the file).
 */
const LOG = PHASES ? process.env.UA_PHASES_LOG : undefined;

/** Test hook: SIGKILL this process when it reaches the named phase (UA_KILL_AT=phase). */
export function phase(name: string): void {
  if (PHASES) {
    const mark: [string, number, number] = [name, performance.now(), cpuMs()];
    phaseTimes.push(mark);
    if (LOG) appendFileSync(LOG, `${name}\t${(performance.timeOrigin + mark[1]).toFixed(1)}\t${mark[2].toFixed(1)}\n`);
  }
  if (process.env.UA_KILL_AT === name) process.kill(process.pid, 'SIGKILL');
}

/**
 * Test hook (UA_KILL_AT=checkpointing): SIGKILL this process inside the commit's checkpoint, after
 * it has written a table's row groups and before it installs them (DuckDB sleeps there when asked).
 */
export async function killInCheckpoint(db: Db): Promise<void> {
  if (process.env.UA_KILL_AT !== 'checkpointing') return;
  // it sleeps after each table (in catalog order: activities, aid … come first, and their blocks
  // are written by then; the checkpoint's last writes come ~70 tables later)
  await db.run('set debug_checkpoint_scan_sleep_ms = 500');
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), 4000);
}

/**
 * Test hook: at the named phase, wait while the file UA_PAUSE_FILE exists (UA_PAUSE_AT=phase), so a
 * test can look at what the process has done by then (the server's answer before the levelling).
 */
export async function pauseAt(name: string): Promise<void> {
  const file = process.env.UA_PAUSE_FILE;
  if (process.env.UA_PAUSE_AT !== name || !file) return;
  while (existsSync(file)) await new Promise((r) => setTimeout(r, 50));
}
