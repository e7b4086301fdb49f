// The sidecar store under trouble: a lock held by another process is waited for without blocking
// the event loop, a deleted file is noticed (and auditors refused), a replaced file is reopened.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, getAccount } from '../../src/lib/auth/accounts.ts';
import { StoreUnavailableError, openStore, retry, sidecarPath } from '../../src/lib/auth/store.ts';
import { AuditLogError, runAudited } from '../../src/lib/auditor/run.ts';
import { makeWarehouse, type Fixture } from '../auditor/fixture.ts';

let fx: Fixture;
beforeAll(async () => {
  fx = await makeWarehouse();
  await addAccount(fx.db, 'wu', { role: 'auditor', password: 'wu-password-123', by: 'test' });
});
afterAll(() => {
  try {
    openStore(fx.db).close();
  } catch {
    /* deleted on purpose */
  }
  fx.cleanup();
});

/** Another process holding SQLite's exclusive write lock on the sidecar until killed. */
function holdLock(path: string): Promise<ChildProcess> {
  const code = `const { DatabaseSync } = require('node:sqlite'); const db = new DatabaseSync(${JSON.stringify(path)});
    db.exec('begin exclusive'); db.exec("insert into login_failures values ('x', 0)"); console.log('locked'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => child.stdout!.once('data', () => resolve(child)));
}

describe('the sidecar store', () => {
  it('waits for a lock held elsewhere without blocking the event loop, then gives up with a message', async () => {
    const store = openStore(fx.db);
    const child = await holdLock(store.path);
    let last = performance.now();
    let worst = 0;
    const ticker = setInterval(() => {
      worst = Math.max(worst, performance.now() - last - 10);
      last = performance.now();
    }, 10);
    const err = await retry(() => store.run("insert into login_failures values ('y', 1)"), 800).catch((e: unknown) => e);
    clearInterval(ticker);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect((err as Error).message).toMatch(/locked by another process/);
    expect(worst).toBeLessThan(300); // each synchronous wait is bounded (20 ms); the rest is async
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(await retry(() => store.run("insert into login_failures values ('y', 1)").changes)).toBe(1);
  });

  it('reopens a replaced file (a restored backup)', async () => {
    const path = sidecarPath(fx.db);
    openStore(fx.db).run('pragma wal_checkpoint(truncate)');
    copyFileSync(path, `${path}.bak`);
    await addAccount(fx.db, 'zheng', { role: 'leader', password: 'zheng-password-1', by: 'test' });
    expect(await getAccount(fx.db, 'zheng')).toBeDefined();
    renameSync(`${path}.bak`, path); // the backup, from before zheng
    for (const ext of ['-wal', '-shm']) rmSync(`${path}${ext}`, { force: true });
    expect(await getAccount(fx.db, 'zheng')).toBeUndefined();
    expect(await getAccount(fx.db, 'wu')).toBeDefined();
  });

  it('notices a deleted file: refuses, never recreates it empty, and auditors get no query', async () => {
    const path = sidecarPath(fx.db);
    openStore(fx.db);
    unlinkSync(path);
    expect(() => openStore(fx.db)).toThrow(StoreUnavailableError);
    const user = { name: 'wu', role: 'auditor' as const, orgScope: null };
    const err = await runAudited(fx.db, { user, sql: 'select 1', source: 'console', unmask: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuditLogError);
    expect((err as Error).message).toMatch(/the audit log cannot be written/);
  });
});
