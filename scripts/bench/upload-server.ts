// bench:upload's server rows: the path a clerk uses. The built server (npm run build first) on the
// bench warehouse, a staff account signed in, then two 10-row aid uploads as a clerk makes them: the
// upload page opened (the server takes its spare warm then, src/lib/db/warm.ts), the file POSTed
// CHOOSING_MS later; the first after the server's start, the second after the first has levelled
// its spare. Each is timed from the POST to the end of
// the answer page (given at the committed swap); after each, the server's own API
// (/api/indicators, the dashboard's reader) must show the uploaded amounts: not trusted from the answer.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { addAccount } from '../../src/lib/auth/accounts.ts';
import { SESSION_COOKIE, login } from '../../src/lib/auth/sessions.ts';
import { ENTRY } from '../../src/lib/server/launch.ts';
import { startServer } from './serve-child.ts';

export interface ServerUpload {
  label: string;
  ms: number;
  /** From the POST to the dashboard's API answering with the new amount (the answer page, then /api/indicators). */
  visibleMs: number;
  /** CPU time of the server process (all its threads) from the POST to the answer page. */
  cpuMs: number;
  via: string;
  replayed: string;
  before: number;
  after: number;
  expected: number;
  visible: boolean;
  /**
   * The server's marks (UA_PHASES_LOG, src/lib/db/phases.ts) from the POST to the answer page, as
   * [from→to, ms, server CPU ms]: 'start' is the POST sent, 'page' the answer page read in full;
   * then the marks after the answer (the levelling), from the page on.
   */
  phases: [string, number, number][];
}

export const serverBuilt = () => existsSync(ENTRY);
/** The clerk choosing files between opening the upload page and posting them. */
export const CHOOSING_MS = 5_000;

const start = (db: string, log: string) => startServer(db, { UA_PHASES: '1', UA_PHASES_LOG: log }, 120_000);
/** Now on the clock of the server's marks (epoch ms). */
const epoch = () => performance.timeOrigin + performance.now();

/** The spans between consecutive marks of `log` after `from` (epoch ms, CPU ms), closed by `to` at its place. */
function spans(log: string, from: [number, number], to: [string, number, number]): [string, number, number][] {
  const marks = (existsSync(log) ? readFileSync(log, 'utf8') : '').split('\n').filter(Boolean)
    .map((l) => l.split('\t')).map(([n, t, c]) => [n!, Number(t), Number(c)] as [string, number, number])
    .filter(([, t]) => t >= from[0]);
  const all = [...marks, to].sort((a, b) => a[1] - b[1]);
  return all.map(([n, t, c], i) => {
    const [pn, pt, pc] = i ? all[i - 1]! : ['start', ...from];
    return [`${pn}→${n}`, Math.round(t - pt), Math.round(c - pc)];
  });
}

/** CPU ms a process has used (utime + stime, all threads). */
const cpuOf = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // clock ticks (USER_HZ 100 on Linux)
};

/** Peak resident memory of a process (VmHWM), MB. */
const peakMb = (pid: number) => Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

/**
 * Starts the server on `db`, uploads `files` one after another (each waited for until its writer
 * has let go: levelled, kept warm, lock released), and stops it. `sums`: each file's amount total.
 */
export async function uploadsThroughServer(
  db: string, files: { label: string; path: string; sum: number }[], root: string, year: number,
): Promise<{ uploads: ServerUpload[]; serverMb: number }> {
  await addAccount(db, 'bench-clerk', { role: 'staff', password: 'bench-password-1', by: 'bench' }).catch(() => {});
  const signed = await login(db, 'bench-clerk', 'bench-password-1', 'bench');
  if (!signed.ok) throw new Error(signed.message);
  const cookie = `${SESSION_COOKIE}=${signed.token}`;
  const log = `${db}.phases.log`;
  rmSync(log, { force: true });
  const s = await start(db, log);
  const uploads: ServerUpload[] = [];
  try {
    const amount = async () => {
      const res = await fetch(`${s.base}/api/indicators?org=${encodeURIComponent(root)}&year=${year}`, { headers: { cookie } });
      if (!res.ok) throw new Error(`/api/indicators: HTTP ${res.status}`);
      return ((await res.json()) as { indicators: Record<string, { value: number | null }> }).indicators['relief.amount']?.value ?? 0;
    };
    for (const f of files) {
      const before = await amount();
      // as a clerk does: the upload page first (the server takes its spare warm then), the file a few seconds later
      const pageRes = await fetch(`${s.base}/upload`, { headers: { cookie } });
      if (!pageRes.ok) throw new Error(`GET /upload: HTTP ${pageRes.status}`);
      await pageRes.text();
      await new Promise((r) => setTimeout(r, CHOOSING_MS));
      const form = new FormData();
      form.append('files', new Blob([readFileSync(f.path)], { type: 'text/csv' }), basename(f.path));
      const [t, c, t0] = [performance.now(), cpuOf(s.child.pid!), epoch()];
      const res = await fetch(`${s.base}/upload`, { method: 'POST', body: form, headers: { cookie, origin: s.base } });
      const page = await res.text();
      const [ms, cpuMs, t1] = [performance.now() - t, cpuOf(s.child.pid!) - c, epoch()];
      if (res.status !== 200 || !page.includes('data-upload-result') || page.includes('data-upload-error') || !page.includes('data-quarantined="0"')) {
        throw new Error(`${f.label}: the upload did not load cleanly (HTTP ${res.status}): ${page.slice(0, 2000)}`);
      }
      const cpuPage = c + cpuMs;
      const after = await amount();
      const visibleMs = performance.now() - t;
      // money to the cent: the mart keeps exact decimals, the reader rounds to 2 places
      const expected = before + f.sum;
      uploads.push({
        label: f.label, ms, visibleMs, cpuMs, via: /data-via="(\w*)"/.exec(page)?.[1] ?? '?', replayed: /data-replayed="(\d*)"/.exec(page)?.[1] ?? '?',
        before, after, expected, visible: Math.abs(after - expected) < 0.005, phases: [],
      });
      // the writer levels the spare after the answer and keeps it warm: wait until it has let go of the lock
      const until = Date.now() + 300_000;
      while (existsSync(`${db}.lock`) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      uploads.at(-1)!.phases = spans(log, [t0, c], ['page', t1, cpuPage]);
    }
    return { uploads, serverMb: peakMb(s.child.pid!) };
  } finally {
    s.child.kill('SIGTERM');
    await new Promise((r) => s.child.once('exit', r));
    rmSync(log, { force: true });
  }
}
