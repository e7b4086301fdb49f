// Every query is logged — ran, refused, failed or timed out — with user, time, SQL, masked or not,
// rows, duration and outcome; the log refuses UPDATE and DELETE.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/lib/auditor/audit-log.ts';
import { AccessError, runAudited } from '../../src/lib/auditor/run.ts';
import { openStore } from '../../src/lib/auth/store.ts';
import type { SessionUser } from '../../src/lib/auth/roles.ts';
import { makeWarehouse, type Fixture } from './fixture.ts';

let fx: Fixture;
beforeAll(async () => (fx = await makeWarehouse()));
afterAll(() => {
  openStore(fx.db).close();
  fx.cleanup();
});

const auditor: SessionUser = { name: 'shen', role: 'auditor', orgScope: null };
const staff: SessionUser = { name: 'wang', role: 'staff', orgScope: 'S1' };

describe('audit log', () => {
  it('logs a masked query, an unmasked one, a refusal, an error, a timeout and a denied role', async () => {
    await runAudited(fx.db, { user: auditor, source: 'console', sql: 'select * from members' });
    await runAudited(fx.db, { user: auditor, source: 'cli', sql: 'select id_number from members', unmask: true });
    await expect(runAudited(fx.db, { user: auditor, source: 'console', sql: 'drop table members' })).rejects.toThrow(/DDL/);
    await expect(runAudited(fx.db, { user: auditor, source: 'console', sql: 'select no_such_column from members' })).rejects.toThrow(/no_such_column/);
    await expect(
      runAudited(fx.db, { user: auditor, source: 'console', sql: 'select count(*) from range(1000000000) a, range(1000000000) b', timeoutMs: 500 }),
    ).rejects.toThrow(/stopped/);
    await expect(runAudited(fx.db, { user: staff, source: 'console', sql: 'select 1' })).rejects.toBeInstanceOf(AccessError);

    const rows = (await listAudit(fx.db)).reverse();
    expect(rows.map((r) => [r.user_name, r.source, r.masked, r.rows, r.outcome])).toEqual([
      ['shen', 'console', true, 2, 'ok'],
      ['shen', 'cli', false, 2, 'ok'],
      ['shen', 'console', true, null, 'refused'],
      ['shen', 'console', true, null, 'error'],
      ['shen', 'console', true, null, 'timeout'],
      ['wang', 'console', true, null, 'refused'],
    ]);
    expect(rows[0]!.sql).toBe('select * from members');
    expect(rows[5]!.org_scope).toBe('S1');
    expect(rows[2]!.message).toMatch(/DDL/);
    for (const r of rows) {
      expect(Date.now() - Date.parse(r.at)).toBeLessThan(60_000);
      expect(r.duration_ms).toBeGreaterThanOrEqual(0);
    }
    expect(rows[4]!.duration_ms).toBeGreaterThanOrEqual(450);
    expect((await listAudit(fx.db, { unmaskedOnly: true })).map((r) => r.sql)).toEqual(['select id_number from members']);
    expect(await listAudit(fx.db, { user: 'wang' })).toHaveLength(1);
  });

  it('is append-only', () => {
    const store = openStore(fx.db);
    const before = store.all('select * from audit_log order by id');
    expect(() => store.run("update audit_log set sql = 'nothing to see' where id = 1")).toThrow(/append-only/);
    expect(() => store.run('delete from audit_log where id = 1')).toThrow(/append-only/);
    expect(() => store.run('delete from audit_log')).toThrow(/append-only/);
    expect(store.all('select * from audit_log order by id')).toEqual(before);
  });

  it('caps results and logs the truncation', async () => {
    const r = await runAudited(fx.db, { user: auditor, source: 'console', sql: 'from range(50)', maxRows: 10 });
    expect(r.rows).toHaveLength(10);
    const last = (await listAudit(fx.db, { limit: 1 }))[0]!;
    expect([last.outcome, last.rows]).toEqual(['truncated', 10]);
    expect(last.message).toMatch(/more than 10 rows/);
  });
});
