// The attack list against the auditor sandbox: every attempt is refused or stopped with a clear
// message, nothing is written anywhere, and the warehouse file is byte-for-byte unchanged.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Refusal, Sandbox, SandboxError } from '../../src/lib/auditor/sandbox.ts';
import { sandboxQuery } from '../../src/lib/auditor/sandbox-process.ts';
import { makeWarehouse, type Fixture } from './fixture.ts';

let fx: Fixture;
let hashBefore: string;
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

beforeAll(async () => {
  fx = await makeWarehouse();
  hashBefore = sha(fx.db);
});
afterAll(() => fx.cleanup());

const ATTACKS: [string, string, RegExp][] = [
  ['insert', "insert into members (member_no) values ('X')", /read-only/],
  ['update', "update members set name = 'x'", /read-only/],
  ['delete', 'delete from members', /read-only/],
  ['create table', 'create table t as select 1', /DDL/],
  ['create view', 'create view v as select * from members', /DDL/],
  ['drop', 'drop table members', /DDL/],
  ['alter', 'alter table members add column x int', /DDL/],
  ['copy to', "copy members to '/tmp/ua-leak.csv'", /file access/],
  ['copy (query) to', "copy (select * from members) to '/tmp/ua-leak.parquet' (format parquet)", /file access/],
  ['export database', "export database '/tmp/ua-leak-dir'", /file access/],
  ['attach', "attach '/tmp/ua-other.duckdb' as other", /ATTACH/],
  ['detach', 'detach wh', /ATTACH, DETACH/],
  ['use', 'use wh', /USE/],
  ['read_csv', "select * from read_csv('/etc/passwd')", /read_csv/],
  ['read_csv_auto', "select * from read_csv_auto('/etc/passwd')", /read_csv_auto/],
  ['read_text', "select * from read_text('/etc/passwd')", /read_text/],
  ['read_blob', "select * from read_blob('/etc/passwd')", /read_blob/],
  ['glob', "select * from glob('/etc/*')", /glob/],
  ['read_parquet', "select * from read_parquet('/tmp/*.parquet')", /read_parquet/],
  ['replacement scan of a path', "select * from '/etc/passwd'", /does not exist|not reachable|not allowed/],
  ['query() dynamic SQL', "select * from query('select * from wh.main.members')", /query\(\)/],
  ['query_table()', "select * from query_table('wh.main.members')", /query_table/],
  ['table function in a subquery', "select (select count(*) from read_text('/etc/passwd'))", /read_text/],
  ['the attached warehouse by name', 'select id_number from wh.main.members', /plain table names/],
  ['the attached warehouse, short', 'select id_number from wh.members', /plain table names/],
  ['summarize the warehouse', 'summarize wh.main.members', /plain table names/],
  ['install', 'install httpfs', /extensions/],
  ['load', 'load httpfs', /extensions/],
  ['force install', 'force install httpfs', /extensions/],
  ['set', "set enable_external_access = true", /settings/],
  ['set lock', 'set lock_configuration = false', /settings/],
  ['reset', 'reset threads', /settings/],
  ['pragma', 'pragma enable_profiling', /settings/],
  ['call', 'call pragma_version()', /only a query/],
  ['checkpoint', 'checkpoint', /DDL/],
  ['two statements', 'select 1; select 2', /one statement at a time/],
  ['select then write', "select 1; drop table members", /one statement at a time/],
  ['comment-hidden second statement', 'select 1 /* x */; delete from members', /one statement at a time/],
  ['syntax error', 'selec 1', /syntax error/],
  ['empty', '   ', /no SQL/],
];

describe('sandbox attack list', () => {
  it.each(ATTACKS)('%s is refused', async (_label, text, message) => {
    const err = await sandboxQuery(fx.db, text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err instanceof Refusal || err instanceof SandboxError).toBe(true);
    expect((err as Error).message).toMatch(message);
  });

  it('stops a runaway cross join with the timeout', async () => {
    const t0 = Date.now();
    const err = await sandboxQuery(fx.db, 'select count(*) from range(1000000000) a, range(1000000000) b', { timeoutMs: 1500 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SandboxError);
    expect((err as SandboxError).kind).toBe('timeout');
    expect((err as Error).message).toMatch(/longer than 1.5 s and was stopped/);
    expect(Date.now() - t0).toBeLessThan(8000);
  });

  it('stops a query at the memory limit with a message saying so', async () => {
    // a limit of 400 MB leaves DuckDB 144 MiB (the rest is the process's own): its operators refuse
    // a 200-million-element list (1.6 GB) themselves, before the process watcher would kill it
    const err = await sandboxQuery(fx.db, 'select list(range) from range(200000000)', { memoryLimit: '400MB', timeoutMs: 20_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SandboxError);
    expect((err as SandboxError).kind).toBe('memory');
    expect((err as Error).message).toMatch(/^查询超出内存上限（400 MB），已强制中止.*memory limit \(400 MB\)/);
  });

  it('runs at most two sandboxes at once; the others wait their turn', async () => {
    const t0 = Date.now();
    const slow = 'select count(*) from range(1000000000) a, range(1000000000) b';
    const runs = [1, 2, 3].map(() => sandboxQuery(fx.db, slow, { timeoutMs: 700 }).catch((e: Error) => Date.now() - t0));
    const done = (await Promise.all(runs)) as number[];
    done.sort((a, b) => a - b);
    expect(done[2]! - done[0]!).toBeGreaterThan(500); // the third started only when a slot was free
  });

  it('makes only the views a query names, and all of them for metadata queries', async () => {
    const sb = await Sandbox.open(fx.db);
    const views = async () => (await sb.db.all<{ v: string }>("select view_name v from duckdb_views() where database_name = 'memory' and not internal order by 1")).map((r) => r.v);
    try {
      await sb.query('with y as (select 1) select count(*) from members join aid using (member_no), y');
      expect(await views()).toEqual(['aid', 'members']);
      await sb.query("select count(*) from information_schema.tables where table_catalog = 'memory'");
      expect((await views()).length).toBeGreaterThan(20);
    } finally {
      sb.close();
    }
  });

  it('caps the result and says so', async () => {
    const r = await sandboxQuery(fx.db, 'select range as n from range(2500)', { maxRows: 1000 });
    expect(r.rows).toHaveLength(1000);
    expect(r.truncated).toBe(true);
    expect(r.rows[999]).toEqual([999]);
    const small = await sandboxQuery(fx.db, 'from range(3)', { maxRows: 1000 });
    expect(small.truncated).toBe(false);
  });

  it('runs ordinary reads: CTEs, joins, FROM-first, VALUES, DESCRIBE, metadata', async () => {
    const r = await sandboxQuery(fx.db, `with m as (select org_code, count(*) n from members group by all)
      select o.org_name, m.n from m join orgs o using (org_code) order by o.org_code`);
    expect(r.rows).toEqual([['一社区工会', 1], ['二街道工会联合会', 1]]);
    expect((await sandboxQuery(fx.db, 'from aid select sum(amount) as total')).rows).toEqual([[2000.5]]);
    expect((await sandboxQuery(fx.db, 'values (1, 2)')).rows).toEqual([[1, 2]]);
    expect((await sandboxQuery(fx.db, 'describe members')).rows.length).toBeGreaterThan(5);
    const tables = await sandboxQuery(fx.db, "select table_name from information_schema.tables where table_catalog = 'memory' order by 1");
    expect(tables.rows.flat()).toContain('members');
  });

  it('left the warehouse untouched and wrote no files', () => {
    expect(sha(fx.db)).toBe(hashBefore);
    for (const p of ['/tmp/ua-leak.csv', '/tmp/ua-leak.parquet', '/tmp/ua-leak-dir', '/tmp/ua-other.duckdb']) expect(existsSync(p)).toBe(false);
    // (the pseudonym key beside it was written by the fixture's ingest step, not by a query)
    expect(readdirSync(fx.dir).sort()).toEqual(['warehouse.duckdb', 'warehouse.duckdb.pseudonym-key']);
  });
});
