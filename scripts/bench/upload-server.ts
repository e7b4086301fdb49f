// bench:upload's server rows: the path a clerk uses. The built server (npm run build first) on the
// bench warehouse, a staff account signed in, then two 10-row aid uploads as a clerk makes them: the
// upload page opened (the server takes its spare warm then, src/lib/db/warm.ts), the file POSTed
// CHOOSING_MS later; the first after the server's start, the second after the first has levelled
// its spare. Each is timed from the POST to the end of
// the answer page (given at the committed swap); after each, the server's own API
// (/api/indicators, the dashboard's reader) must show the uploaded amounts: not trusted from the answer.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { addAccount } from '../../src/lib/auth/accounts.ts';
import { SESSION_COOKIE, login } from '../../src/lib/auth/sessions.ts';
import { ENTRY } from '../../src/lib/server/launch.ts';
import { startServer } from './serve-child.ts';

export interface ServerUpload {
  label: string;
  ms: number;
  /** CPU time of the server process (all its threads) from the POST to the answer page. */
  cpuMs: number;
  via: string;
  replayed: string;
  before: number;
  after: number;
  expected: number;
  visible: boolean;
}

export const serverBuilt = () => existsSync(ENTRY);
/** The clerk choosing files between opening the upload page and posting them. */
export const CHOOSING_MS = 5_000;

const start = (db: string) => startServer(db, {}, 120_000);

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
  const s = await start(db);
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
      const [t, c] = [performance.now(), cpuOf(s.child.pid!)];
      const res = await fetch(`${s.base}/upload`, { method: 'POST', body: form, headers: { cookie, origin: s.base } });
      const page = await res.text();
      const [ms, cpuMs] = [performance.now() - t, cpuOf(s.child.pid!) - c];
      if (res.status !== 200 || !page.includes('data-upload-result') || page.includes('data-upload-error') || !page.includes('data-quarantined="0"')) {
        throw new Error(`${f.label}: the upload did not load cleanly (HTTP ${res.status}): ${page.slice(0, 2000)}`);
      }
      const after = await amount();
      // money to the cent: the mart keeps exact decimals, the reader rounds to 2 places
      const expected = before + f.sum;
      uploads.push({
        label: f.label, ms, cpuMs, via: /data-via="(\w*)"/.exec(page)?.[1] ?? '?', replayed: /data-replayed="(\d*)"/.exec(page)?.[1] ?? '?',
        before, after, expected, visible: Math.abs(after - expected) < 0.005,
      });
      // the writer levels the spare after the answer and keeps it warm: wait until it has let go of the lock
      const until = Date.now() + 300_000;
      while (existsSync(`${db}.lock`) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    }
    return { uploads, serverMb: peakMb(s.child.pid!) };
  } finally {
    s.child.kill('SIGTERM');
    await new Promise((r) => s.child.once('exit', r));
  }
}
