// A web upload is answered at its commit (the swap), before the writer levels its spare for the next
// import, and the next upload finds the spare level (it replays nothing), against the real built
// server. The server here is its own (not the shared one): started with the test hook
// UA_PAUSE_AT=answered, it stops after the answer and before the levelling for as long as the pause
// file exists, so the test sees the answer while the levelling provably has not begun, and the lock
// still held by the server (the next upload queues behind it). The dashboard is read first, so the
// server's own reader holds the file the levelling wants (it must let go of it: src/lib/db/reader.ts).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from '../../src/lib/server/free-port.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixture } from './fixture.ts';
import { signIn, type TestSession } from '../auth/sign-in.ts';
import { lockHolder } from '../../src/lib/db/writer-lock.ts';
import { makeIdNumber } from '../../src/lib/ids/gb11643.ts';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'upload-level-'));
const dbPath = join(dir, 'warehouse.duckdb');
const pauseFile = join(dir, 'pause');
let server: ChildProcess | undefined;
let base = '';
let staff: TestSession;

/** Waits for a condition (not a duration): polls until it holds, fails after `ms`. */
async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`still not: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  writeFixture(join(dir, 'registers'));
  const load = spawnSync(process.execPath, ['scripts/ingest/cli.ts', '--db', dbPath, join(dir, 'registers')], { cwd: ROOT, encoding: 'utf8' });
  if (load.status !== 0) throw new Error(`ingest failed:\n${load.stdout}\n${load.stderr}`);
  staff = await signIn(dbPath, 'staff', null, 'level-staff');
  base = `http://127.0.0.1:${await freePort()}`;
  server = spawn(process.execPath, ['scripts/serve.ts', '--db', dbPath, '--port', new URL(base).port, '--host', '127.0.0.1'], {
    cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, UA_PAUSE_AT: 'answered', UA_PAUSE_FILE: pauseFile },
  });
  await until('the server answers', async () => (await fetch(`${base}/login`).catch(() => null))?.ok ?? false);
});

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Posts one members file with one new member (each upload its own) and returns the whole page. */
async function upload(no: string, seq: number): Promise<string> {
  const csv = `会员编号,姓名,身份证号,所属工会,入会日期\n${no},平整${seq},${makeIdNumber('110101', '19920808', seq, '女')},S1C1,2024-03-01\n`;
  const form = new FormData();
  form.append('files', new Blob([csv], { type: 'text/csv' }), `level-${no}.csv`);
  const res = await fetch(`${base}/upload`, { method: 'POST', body: form, headers: { cookie: staff.header, origin: base } });
  expect(res.status).toBe(200);
  return res.text();
}

const attr = (page: string, name: string) => page.match(new RegExp(`data-upload-result[^>]*\\b${name}="([^"]*)"`))?.[1];

describe('a web upload and the levelling after it', () => {
  it('answers at the commit, levels with the lock held, and the next upload replays nothing', async () => {
    // the dashboard read: the server's reader now holds the live file, which the upload replaces
    expect((await fetch(`${base}/`, { headers: { cookie: staff.header } })).status).toBe(200);

    writeFileSync(pauseFile, '');
    const first = await upload('L410', 410);
    // answered, committed (the result names its batch), while the server is stopped before the
    // levelling: the lock is still the server's and the spare is not marked level
    expect(attr(first, 'data-batch')).toMatch(/^\d+$/);
    expect(first).toContain('data-upload-result');
    expect(lockHolder(dbPath)).toBe(server!.pid);
    expect(existsSync(`${dbPath}.spare.level`)).toBe(false);

    rmSync(pauseFile);
    await until('the levelling is done and the lock released', () => lockHolder(dbPath) === null);
    expect(existsSync(`${dbPath}.spare.level`)).toBe(true); // the reader let go of the old file

    const second = await upload('L420', 420);
    expect(Number(attr(second, 'data-batch'))).toBe(Number(attr(first, 'data-batch')) + 1);
    // the spare was level: nothing of the first upload had to be replayed
    expect({ via: attr(second, 'data-via'), replayed: attr(second, 'data-replayed') }).toEqual({ via: 'spare', replayed: '0' });
  }, 180_000);
});
