// Builds a warehouse with the real ingest (the sample generator when present, else the CSV fixture),
// starts the built server through `scripts/serve.ts` on a free port, and hands the URL to the tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from '../../src/lib/server/free-port.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { writeFixture } from './fixture.ts';
import { addAccount } from '../../src/lib/auth/accounts.ts';
import { login } from '../../src/lib/auth/sessions.ts';

const ROOT = join(import.meta.dirname, '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    dbPath: string;
    dataDir: string;
    /** Session cookie of a signed-in federation-wide staff account (the dashboards need a sign-in). */
    session: string;
  }
}

function node(args: string[]): void {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

async function waitFor(url: string, child: ChildProcess, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not answer at ${url}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(ROOT, 'dist/server/entry.mjs'))) throw new Error('No build: run `npm run test:browser` (it builds first).');
  const dir = mkdtempSync(join(tmpdir(), 'union-browser-'));
  const dataDir = join(dir, 'registers');
  const dbPath = join(dir, 'warehouse.duckdb');
  writeFixture(dataDir);
  node(['scripts/ingest/cli.ts', '--db', dbPath, dataDir]);

  // Staff: reads every dashboard and the data-quality page (src/lib/auth/roles.ts).
  await addAccount(dbPath, 'staff1', { role: 'staff', password: 'browser-test-password', by: 'test' });
  const signedIn = await login(dbPath, 'staff1', 'browser-test-password');
  if (!signedIn.ok) throw new Error(signedIn.message);

  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['scripts/serve.ts', '--db', dbPath, '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  // The server's output goes to test/artifacts/server.log: a 500 in a test is explained there.
  mkdirSync(join(ROOT, 'test/artifacts'), { recursive: true });
  const logFile = join(ROOT, 'test/artifacts/server.log');
  writeFileSync(logFile, '');
  child.stdout!.on('data', (d) => ((log += d), appendFileSync(logFile, d)));
  child.stderr!.on('data', (d) => ((log += d), appendFileSync(logFile, d)));
  try {
    await waitFor(`${baseURL}/login`, child);
  } catch (e) {
    child.kill();
    throw new Error(`${(e as Error).message}\n${log}`);
  }
  project.provide('baseURL', baseURL);
  project.provide('dbPath', dbPath);
  project.provide('dataDir', dataDir);
  project.provide('session', signedIn.token);
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  };
}
