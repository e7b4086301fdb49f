// Red team for #12 (masked means masked): every bypass of the issue, run as an auditor runs it —
// `npm run query` (a real process) and the web API's handler (/api/audit/query) — against the sample
// federation ingested by the real pipeline, plus one clerk's file carrying IDs, phones and names in
// the forms the issue lists (spaces, dashes, full-width digits, 备注, 负责人身份证, 联系人). Then a sweep:
// every table and column a masked session can read, with no clear ID number or mobile number in
// any cell after normalisation. The clear values are read from the warehouse directly (the test is
// an attacker who knows them and looks for them).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../src/lib/db/duckdb.ts';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { FAMILIES, FAMILY_ORDER, personalKind } from '../../src/lib/ingest/families.ts';
import { makeIdNumber } from '../../src/lib/ids/gb11643.ts';
import { Sandbox } from '../../src/lib/auditor/sandbox.ts';
import { keyPath } from '../../src/lib/auditor/pseudonym.ts';
import { normaliseDigits } from '../../src/lib/auditor/masking.ts';
import { listAudit } from '../../src/lib/auditor/audit-log.ts';
import { openStore } from '../../src/lib/auth/store.ts';
import { tempDir } from '../helpers/warehouse.ts';

const ROOT = join(import.meta.dirname, '../..');
const NODE = join(ROOT, 'node_modules/.bin/node');
let db: string;
const ids = new Set<string>();
const phones = new Set<string>();
const names = new Set<string>();
// one clerk's extra file: a person given in every awkward form
const BIRTH_ID = makeIdNumber('530423', '19870615', 123, '男'); // its 出生日期 column says otherwise
const SPACED = (id: string) => `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
const DASHED = (id: string) => `${id.slice(0, 6)}-${id.slice(6, 14)}-${id.slice(14)}`;
const FULLWIDTH = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const PHONE_DASHED = (p: string) => `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`;
const PHONE_SPACED = (p: string) => `${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}`;

/** Every run of digits in a cell, separators and full-width digits normalised away. */
function digitsOf(cell: unknown): string {
  return normaliseDigits(typeof cell === 'string' ? cell : JSON.stringify(cell) ?? '').replace(/[^0-9Xx]/g, '').toUpperCase();
}
/** The clear values found in a result (ID numbers and mobiles after normalisation, names as they are). */
function leaks(rows: unknown[][]): string[] {
  const found = new Set<string>();
  for (const row of rows) {
    for (const cell of row) {
      if (cell === null || cell === undefined) continue;
      const d = digitsOf(cell);
      for (let i = 0; i + 11 <= d.length; i++) {
        if (i + 18 <= d.length && ids.has(d.slice(i, i + 18))) found.add(d.slice(i, i + 18));
        if (phones.has(d.slice(i, i + 11))) found.add(d.slice(i, i + 11));
      }
      const s = String(typeof cell === 'string' ? cell : JSON.stringify(cell));
      if (names.has(s)) found.add(s);
    }
  }
  return [...found];
}

let people: { id: string; phone: string; name: string }[];

beforeAll(async () => {
  const dir = tempDir('ua-redteam-');
  execFileSync(process.execPath, ['scripts/data/sample.ts', '--out', dir, '--scale', '0.02', '--seed', '7'], { cwd: ROOT, stdio: 'ignore' });
  // three members of the sample, whose clear values the extra file repeats in other forms
  const sample = await Db.open(':memory:');
  people = (await sample.all<{ id: string; phone: string; name: string }>(
    `select 身份证号 id, 手机号 phone, 姓名 name from read_csv('${join(dir, 'members.csv')}', all_varchar = true)
     where 手机号 is not null and length(身份证号) = 18 order by 会员编号 limit 3`,
  ).catch(async () => sample.all<{ id: string; phone: string; name: string }>(
    `select id_number id, phone, name from read_csv('${join(dir, 'members.csv')}', all_varchar = true)
     where phone is not null and length(id_number) = 18 order by member_no limit 3`,
  )));
  sample.close();
  const [a, b, c] = people as [typeof people[0], typeof people[0], typeof people[0]];
  writeFileSync(
    join(dir, '会员-补充.csv'),
    [
      '会员编号,姓名,身份证号,手机号,出生日期,所属工会,入会日期,备注,负责人身份证,联系人',
      `RT1,${a.name},${SPACED(a.id)},${PHONE_DASHED(a.phone)},,NOPE,2020-01-01,电话 ${PHONE_SPACED(b.phone)} 身份证 ${FULLWIDTH(b.id)},${DASHED(c.id)},${c.name}`,
      `RT2,${c.name},${BIRTH_ID},${FULLWIDTH(c.phone)},1987-06-16,NOPE,2020-01-01,${SPACED(c.id)},,`,
    ].join('\n') + '\n',
  );
  db = join(tempDir('ua-redteam-db-'), 'w.duckdb');
  const r = await ingestPaths(db, [dir]);
  expect(r.files.every((f) => !f.refused)).toBe(true);
  // the clear values, as an attacker who knows them would look for them
  const wh = await Db.open(db, { readOnly: true });
  for (const f of FAMILY_ORDER) {
    for (const col of FAMILIES[f].columns) {
      const kind = personalKind(col);
      if (!kind || kind === 'birth') continue;
      for (const t of [f, `${f}_history`]) {
        for (const { v } of await wh.all<{ v: string }>(`select distinct ${col.name}::varchar v from ${t} where ${col.name} is not null`)) {
          if (kind === 'id' && /^\d{17}[\dX]$/.test(v)) ids.add(v);
          else if (kind === 'phone' && /^1[3-9]\d{9}$/.test(v)) phones.add(v);
          else if (kind === 'name' && [...v].length >= 2) names.add(v);
        }
      }
    }
  }
  extra = String(await wh.value("select raw_table from ingest_file where file_name = '会员-补充.csv'"));
  units = String(await wh.value("select raw_table from ingest_file where file_name = '单位.csv'"));
  wh.close();
  for (const p of people) (ids.add(p.id), phones.add(p.phone), names.add(p.name));
  ids.add(BIRTH_ID);
}, 240_000);

afterAll(() => openStore(db).close());

const AUDITOR = { name: 'red-team', role: 'auditor' as const, orgScope: null };

/** `npm run query -- --format json SQL` as a real process. */
function cli(sql: string): Promise<{ code: number | null; rows: unknown[][]; text: string }> {
  return new Promise((done) => {
    const p = spawn(NODE, [join(ROOT, 'scripts/query.ts'), '--db', db, '--format', 'json', '--max-rows', '1000000', sql], { cwd: ROOT });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on('data', (d: Buffer) => out.push(d));
    p.stderr.on('data', (d: Buffer) => err.push(d));
    p.on('close', (code) => {
      const text = Buffer.concat(out).toString('utf8');
      const rows = code === 0 ? (JSON.parse(text) as Record<string, unknown>[]).map((o) => Object.values(o)) : [];
      done({ code, rows, text: text + Buffer.concat(err).toString('utf8') });
    });
  });
}

async function api(sql: string, unmask = false) {
  process.env.UNION_DB = db;
  const { POST } = await import('../../src/pages/api/audit/query.ts');
  const request = new Request('http://127.0.0.1/api/audit/query', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sql, unmask }) });
  const res = await (POST as (ctx: unknown) => Promise<Response>)({ request, locals: { user: AUDITOR } });
  const body = (await res.json()) as { rows?: unknown[][]; error?: { message: string } };
  return { status: res.status, rows: body.rows ?? [], text: JSON.stringify(body) };
}

// The check character of a 17-digit prefix `p` in plain SQL (GB 11643), as an attacker would write it.
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const check = (p: string) => `substr('10X98765432', ((${W.map((w, i) => `substr(${p}, ${i + 1}, 1)::int * ${w}`).join(' + ')}) % 11)::int + 1, 1)`;

// Each bypass of the issue as SQL ($EXTRA = the clerk's extra file, $UNITS = the units file with 联系人);
// `fails` = the query itself must be refused or fail.
const BYPASSES: [string, string, boolean?][] = [
  ['the masking macro as a keyed-hash oracle', "select ua_mask_key('530423198706151238')", true],
  [
    // ≤ 366 × 1000 candidates from the masked ID (county) and birth year, each with its check character,
    // compared with person_key as it is, as sha256 and as md5 (what 2,297/2,297 IDs fell to)
    'candidate IDs from the masked ID and birth year, compared with person_key',
    `with m as (select left(id_number, 6) p, year(birth_date) y from members
                where member_no in (select member_no from aid where person_key like 'P:%') limit 1),
     d as (select (m.y::varchar || '-01-01')::date + r.range::int as day, m.p, m.y from m, range(366) r),
     c as (select d.p || strftime(d.day, '%Y%m%d') || lpad(s.range::varchar, 3, '0') as p17 from d, range(1000) s where year(d.day) = d.y),
     k as (select p17 || ${check('p17')} as id from c),
     e as (select id, unnest(['P:' || left(sha256(id), 16), md5(id), id]) as enc from k)
     select e.id from e join aid a on a.person_key = e.enc limit 5`,
  ],
  ['_hash as an offline brute-force target', 'select distinct _hash from members union select distinct _hash from aid'],
  ['file SHA-256 as an oracle for small files', 'select file_name, sha256 from ingest_file'],
  ['the quarantine and its messages', 'select * from quarantine'],
  ['a raw file with free text, dashes, spaces and full-width digits', 'select * from $EXTRA'],
  ['联系人 in the units file', "select string_agg(t::varchar, ' ') from (select * from $UNITS) t"],
  ['names in every table: members, approvers, trainees, applicants', 'select m.name, a.approved_by, e.name, r.applicant from members m, aid a, enrollments e, rights_cases r limit 2000'],
  ['LIKE on the hidden digits', "select count(*) as n from members where id_number like '______19%' or phone like '___1%'"],
  ['ordering and min/max on masked values', 'select min(id_number), max(id_number), min(phone), max(name) from members'],
  ['an error message quoting a value', 'select cast(name as integer) from members', true],
  ['metadata: macros', "select * from duckdb_functions() where function_name like 'ua_%'"],
  ['metadata: view definitions', 'select * from duckdb_views()'],
  ['the pseudonym table', 'select * from person_refs', true],
];
let extra = '';
let units = '';
const bind = (sql: string) => sql.replaceAll('$EXTRA', extra).replaceAll('$UNITS', units);

describe('every bypass of #12, through npm run query and /api/audit/query', () => {
  // The CLI runs are real processes: started together (three at a time), checked one by one below.
  const viaCli = new Map<string, Awaited<ReturnType<typeof cli>>>();
  beforeAll(async () => {
    const todo = BYPASSES.map(([, text]) => bind(text));
    const worker = async () => {
      for (let sql = todo.shift(); sql !== undefined; sql = todo.shift()) viaCli.set(sql, await cli(sql));
    };
    await Promise.all([worker(), worker(), worker()]);
  }, 180_000);

  it('has the clear values to look for (the sample and the extra file are in the warehouse)', () => {
    expect(ids.size).toBeGreaterThan(100);
    expect(phones.size).toBeGreaterThan(50);
    expect(names.size).toBeGreaterThan(50);
  });

  it.each(BYPASSES)('%s', async (_label, text, fails) => {
    const sql = bind(text);
    const c = viaCli.get(sql)!;
    const w = await api(sql);
    if (fails) {
      expect(c.code).not.toBe(0);
      expect(w.status).toBeGreaterThanOrEqual(400);
    } else {
      expect(c.code, c.text).toBe(0);
      expect(w.status, w.text).toBe(200);
    }
    // nothing clear in the rows, nor in the whole text (error messages included)
    expect(leaks(c.rows)).toEqual([]);
    expect(leaks([[c.text]])).toEqual([]);
    expect(leaks(w.rows)).toEqual([]);
    expect(leaks([[w.text]])).toEqual([]);
  }, 120_000);

  it('finds the clear values when an auditor unmasks, and the log says so', async () => {
    const w = await api(`select 身份证号, 备注, 负责人身份证, 联系人 from ${extra}`, true);
    expect(w.status, w.text).toBe(200);
    expect(leaks(w.rows).length).toBeGreaterThanOrEqual(3);
    const last = (await listAudit(db, { user: 'red-team', limit: 1 }))[0]!;
    expect([last.masked, last.outcome]).toEqual([false, 'ok']);
  });

  it('says a birth date disagrees, not what the ID holds', async () => {
    const w = await api("select value, message_zh, message_en from quarantine where reason = 'birth_mismatch'");
    expect(w.rows.length).toBeGreaterThan(0);
    const text = JSON.stringify(w.rows);
    expect(text).toContain('出生日期与身份证号不符');
    expect(text).not.toMatch(/1987-06-15|19870615/);
  });

  it('leaves no copy of the pseudonym key in anything the sandbox can read', async () => {
    const key = readFileSync(keyPath(db), 'utf8').trim();
    for (const sql of ['select * from duckdb_functions()', 'select * from duckdb_views()', 'select * from duckdb_settings()', 'select * from duckdb_tables()']) {
      const r = await api(sql);
      expect(r.text).not.toContain(key);
    }
  });
});

describe('sweep: every table and column a masked session can read', () => {
  it('holds no clear ID number or mobile number, however written, and no clear name', async () => {
    const sb = await Sandbox.open(db, { maxRows: 10_000_000, timeoutMs: 120_000 });
    try {
      const tables = (await sb.query("select table_name from information_schema.tables where table_catalog = 'memory' and table_schema = 'main' order by 1")).rows.map((r) => String(r[0]));
      expect(tables).toContain(extra);
      expect(tables).not.toContain('person_refs');
      const found: Record<string, string[]> = {};
      let cells = 0;
      for (const t of tables) {
        const r = await sb.query(`select * from "${t}"`);
        cells += r.rows.length * r.columns.length;
        const l = leaks(r.rows);
        if (l.length) found[t] = l.slice(0, 5);
      }
      expect(found).toEqual({});
      expect(cells).toBeGreaterThan(10_000);
    } finally {
      sb.close();
    }
    // the same sweep finds them unmasked: it can fail
    const open = await Sandbox.open(db, { unmask: true, maxRows: 10_000_000 });
    try {
      expect(leaks((await open.query(`select * from ${extra}`)).rows).length).toBeGreaterThanOrEqual(3);
      expect(leaks((await open.query('select * from members')).rows).length).toBeGreaterThan(100);
    } finally {
      open.close();
    }
  }, 180_000);
});
