// Exports over HTTP against the real build: every format masked by default (read back with DuckDB,
// apache-arrow and exceljs), unmasking only for auditors and marked in the audit log, refusals as
// JSON errors, and cross-site form posts refused by Astro's origin check.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { Db } from '../../src/lib/db/duckdb.ts';
import { listAudit } from '../../src/lib/auditor/audit-log.ts';
import { signIn, type TestSession } from '../auth/sign-in.ts';

const base = inject('baseURL');
const dbPath = inject('dbPath');
const dir = mkdtempSync(join(tmpdir(), 'ua-export-test-'));
const SQL = 'select member_no, name, id_number from members order by member_no limit 5';
const FULL_ID = /^\d{17}[\dX]$/;
const MASKED_ID = /^\d{6}\*{12}$/;
let auditor: TestSession;
let staff: TestSession;

async function exportAs(who: TestSession, format: string, unmask = false) {
  return fetch(`${base}/api/audit/export`, {
    method: 'POST',
    headers: { cookie: who.header, 'content-type': 'application/json' },
    body: JSON.stringify({ sql: SQL, format, unmask }),
  });
}

beforeAll(async () => {
  auditor = await signIn(dbPath, 'auditor', null, 'x-auditor');
  staff = await signIn(dbPath, 'staff', null, 'x-staff');
});

describe('exports', () => {
  it('csv, json, xlsx, parquet and arrow are masked by default', async () => {
    const ids: Record<string, string[]> = {};
    // (Response.text() would drop the BOM, which is what Excel needs to see: decode keeping it.)
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await (await exportAs(auditor, 'csv')).arrayBuffer());
    expect(csv.startsWith('\uFEFFmember_no,name,id_number\r\n')).toBe(true);
    ids.csv = csv.trim().split('\r\n').slice(1).map((l) => l.split(',')[2]!);
    ids.json = ((await (await exportAs(auditor, 'json')).json()) as { id_number: string }[]).map((r) => r.id_number);
    const xlsxPath = join(dir, 'r.xlsx');
    writeFileSync(xlsxPath, Buffer.from(await (await exportAs(auditor, 'xlsx')).arrayBuffer()));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxPath);
    ids.xlsx = [];
    wb.worksheets[0]!.eachRow((row, n) => n > 1 && ids.xlsx!.push(String(row.getCell(3).value)));
    const pqPath = join(dir, 'r.parquet');
    const pq = await exportAs(auditor, 'parquet');
    expect(pq.headers.get('content-disposition')).toMatch(/\.parquet"/);
    writeFileSync(pqPath, Buffer.from(await pq.arrayBuffer()));
    const db = await Db.open(':memory:');
    ids.parquet = (await db.all<{ id_number: string }>(`select id_number from read_parquet('${pqPath}')`)).map((r) => r.id_number);
    db.close();
    const arrow = tableFromIPC(new Uint8Array(await (await exportAs(auditor, 'arrow')).arrayBuffer()));
    ids.arrow = arrow.getChild('id_number')!.toArray() as string[];
    for (const [format, list] of Object.entries(ids)) {
      expect(list, format).toHaveLength(5);
      expect(list.every((id) => MASKED_ID.test(id)), format).toBe(true);
    }
  });

  it('unmasks for an auditor who asks, and logs it as unmasked', async () => {
    const res = await exportAs(auditor, 'csv', true);
    expect(res.headers.get('content-disposition')).toMatch(/-unmasked\.csv"/);
    const rows = (await res.text()).trim().split('\r\n').slice(1);
    expect(rows.every((l) => FULL_ID.test(l.split(',')[2]!))).toBe(true);
    const last = (await listAudit(dbPath, { user: 'x-auditor', limit: 1 }))[0]!;
    expect([last.source, last.masked, last.rows, last.outcome]).toEqual(['export', false, 5, 'ok']);
  });

  it('refuses staff (403), writes (400 with the reason) and cross-site form posts', async () => {
    expect((await exportAs(staff, 'csv', true)).status).toBe(403);
    const bad = await fetch(`${base}/api/audit/query`, {
      method: 'POST',
      headers: { cookie: auditor.header, 'content-type': 'application/json' },
      body: JSON.stringify({ sql: 'delete from members' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/read-only/);
    const csrf = await fetch(`${base}/api/audit/export`, {
      method: 'POST',
      headers: { cookie: auditor.header, origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ sql: SQL, format: 'csv', unmask: 'true' }).toString(),
    });
    expect(csrf.status).toBe(403);
  });

  it('the schema browser shows only the scope’s row counts', async () => {
    const limited = await signIn(dbPath, 'auditor', 'S1', 'x-auditor-s1');
    const get = async (s: TestSession) =>
      new Map(((await (await fetch(`${base}/api/audit/schema`, { headers: { cookie: s.header } })).json()) as { name: string; rows: number }[]).map((t) => [t.name, t.rows]));
    const all = await get(auditor);
    const mine = await get(limited);
    expect(mine.get('members')!).toBeGreaterThan(0);
    expect(mine.get('members')!).toBeLessThan(all.get('members')!);
    expect(mine.get('quarantine') ?? 0).toBe(0);
  });
});
