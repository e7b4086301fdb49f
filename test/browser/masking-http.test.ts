// #12 over HTTP against the real build: the bypasses of the issue posted to /api/audit/query by a
// signed-in auditor bring back no clear ID number, mobile number or name of the warehouse the
// server serves (read here directly, as an attacker who knows them would look for them), and the
// same query unmasked does (so the check can fail). The full list, the CLI and the sweep of every
// table are in test/auditor/red-team.test.ts.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { Db } from '../../src/lib/db/duckdb.ts';
import { normaliseDigits } from '../../src/lib/auditor/masking.ts';
import { signIn, type TestSession } from '../auth/sign-in.ts';

const base = inject('baseURL');
const dbPath = inject('dbPath');
let auditor: TestSession;
const clear = new Set<string>();

beforeAll(async () => {
  auditor = await signIn(dbPath, 'auditor', null, 'http-redteam');
  const db = await Db.open(dbPath, { readOnly: true });
  for (const r of await db.all<{ v: string }>('select id_number v from members union select phone from members union select name from members')) if (r.v) clear.add(r.v);
  db.close();
});

async function post(sql: string, unmask = false) {
  const res = await fetch(`${base}/api/audit/query`, {
    method: 'POST',
    headers: { cookie: auditor.header, 'content-type': 'application/json' },
    body: JSON.stringify({ sql, unmask }),
  });
  return { status: res.status, text: await res.text() };
}

/** Clear values in a response, after full-width digits and separators between digits are normalised. */
function leaks(text: string): string[] {
  const flat = normaliseDigits(text).replace(/(\d)[\s\-–—./]+(?=\d)/g, '$1');
  return [...clear].filter((v) => (/^\d/.test(v) ? flat.includes(v) : text.includes(`"${v}"`)));
}

describe('/api/audit/query, masked', () => {
  it.each([
    ['the keyed-hash macro', "select ua_mask_key('530423198706151238')", 422],
    ['personal columns and hashes', 'select name, id_number, phone, birth_date, _hash from members', 200],
    ['person keys', 'select person_key, approved_by from aid', 200],
    ['the quarantine and its messages', 'select * from quarantine', 200],
    ['an error quoting a value', 'select cast(name as integer) from members', 422],
    ['the pseudonym table', 'select * from person_refs', 422],
  ] as const)('%s', async (_label, sql, status) => {
    const r = await post(sql);
    if (status === 200) expect(r.status, r.text).toBe(200);
    else expect(r.status, r.text).toBeGreaterThanOrEqual(400);
    expect(leaks(r.text)).toEqual([]);
  });

  it('gives the clear values back to an auditor who unmasks', async () => {
    const r = await post('select name, id_number, phone from members', true);
    expect(r.status).toBe(200);
    expect(leaks(r.text).length).toBeGreaterThan(10);
  });
});
