// The built server as its own process, for the benches that time it from outside (bench:pages,
// bench:upload's server rows): scripts/serve.ts on a free port, resolved when it prints that it is
// running (after its warm-up), with the time that took.
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from '../../src/lib/server/launch.ts';
import { freePort } from '../../src/lib/server/free-port.ts';

export async function startServer(
  db: string, env: Record<string, string> = {}, timeoutMs = 60_000,
): Promise<{ child: ChildProcess; base: string; startMs: number }> {
  const port = await freePort();
  const t = performance.now();
  const child = spawn(process.execPath, ['scripts/serve.ts', '--db', db, '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), timeoutMs);
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('dashboard running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (d) => (out += d));
    // the server's statement times (UA_SQL_TIMING=1, src/lib/db/duckdb.ts) go on to ours
    if (process.env.UA_SQL_TIMING === '1') child.stderr!.on('data', (d) => process.stderr.write(d));
    child.once('exit', (c) => reject(new Error(`server exited (${c}):\n${out}`)));
  });
  return { child, base: `http://127.0.0.1:${port}`, startMs: performance.now() - t };
}
