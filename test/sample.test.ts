// The sample federation: deterministic, in the promised encodings, valid where it should be and bad
// exactly where bad-rows.json says. Generated at scale 0.05 (≈150 units) to stay fast.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genderFromId, isValidIdNumber } from '../src/lib/ids/gb11643.ts';
import { isValidCreditCode } from '../src/lib/ids/gb32100.ts';
import { FAMILIES, type FamilyName } from '../src/lib/ingest/families.ts';
import { generateSample, SAMPLE_FILES } from '../src/lib/sample/index.ts';
import type { BadRow } from '../src/lib/sample/writers.ts';
import { parseCsv } from './helpers/csv.ts';

const root = mkdtempSync(join(tmpdir(), 'sample-test-'));
const dirA = join(root, 'a');
const SCALE = 0.05;


/** Header name (canonical or Chinese) → canonical, for one family. */
function canonical(family: FamilyName, h: string): string {
  return FAMILIES[family].columns.find((c) => c.name === h || c.zh === h)?.name ?? h;
}

interface Table {
  header: string[];
  /** Excel row number → record keyed by canonical column name. */
  rows: Map<number, Record<string, string>>;
  width: Map<number, number>;
}

function table(family: FamilyName, rows: string[][]): Table {
  const header = rows[0]!.map((h) => canonical(family, h.replace(/^\uFEFF/, '')));
  const t: Table = { header, rows: new Map(), width: new Map() };
  rows.slice(1).forEach((r, i) => {
    t.rows.set(i + 2, Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
    t.width.set(i + 2, r.length);
  });
  return t;
}

function parseDate(v: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? t.toISOString().slice(0, 10) : null;
}

function enumCode(family: FamilyName, col: string, v: string): string | null {
  const values = FAMILIES[family].columns.find((c) => c.name === col)!.values!;
  const syn: Record<string, string> = { 金秋助学: 'education', 送温暖: 'holiday' };
  for (const [code, zh] of Object.entries(values)) if (v === code || v === zh) return code;
  return syn[v] ?? null;
}

const money = (v: string): number | null => (/^[\d,]+(\.\d{1,2})?元?$/.test(v) ? Number(v.replace(/[,元]/g, '')) : null);

let bad: BadRow[];
const T = {} as Record<FamilyName, Table>;
const badAt = (file: string) => new Set(bad.filter((b) => b.file === file).map((b) => b.row_no));
const good = (family: FamilyName, file: string) => [...T[family].rows].filter(([n]) => !badAt(file).has(n)).map(([, r]) => r);

beforeAll(async () => {
  ({ bad } = await generateSample({ out: dirA, scale: SCALE, seed: 7 }));
  const csv = (f: string) => parseCsv(readFileSync(join(dirA, f), 'utf8').replace(/^\uFEFF/, ''));
  T.orgs = table('orgs', csv('orgs.csv'));
  T.units = table('units', parseCsv(iconv.decode(readFileSync(join(dirA, '单位.csv')), 'gbk')));
  T.headcounts = table('headcounts', csv('职工人数.csv'));
  T.members = table('members', csv('members.csv'));
  T.aid = table('aid', csv('2021-2025年帮扶发放.csv'));
  T.activities = table('activities', csv('activities.csv'));
  T.enrollments = table('enrollments', csv('enrollments.csv'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dirA, '困难职工档案.xlsx'));
  const ws = wb.worksheets[0]!;
  const cells: string[][] = [];
  ws.eachRow((row) => {
    const vals = (row.values as ExcelJS.CellValue[]).slice(1);
    cells.push(vals.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v == null ? '' : String(v))));
  });
  T.hardship_files = table('hardship_files', cells);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('determinism', () => {
  const sha = (dir: string, f: string) => createHash('sha256').update(readFileSync(join(dir, f))).digest('hex');
  it('the same seed gives byte-identical files; another seed differs', async () => {
    await generateSample({ out: join(root, 'b'), scale: SCALE, seed: 7 });
    await generateSample({ out: join(root, 'c'), scale: SCALE, seed: 8 });
    for (const f of SAMPLE_FILES) expect(sha(join(root, 'b'), f), f).toBe(sha(dirA, f));
    expect(sha(join(root, 'c'), 'members.csv')).not.toBe(sha(dirA, 'members.csv'));
    expect(sha(join(root, 'c'), '困难职工档案.xlsx')).not.toBe(sha(dirA, '困难职工档案.xlsx'));
  });
});

describe('encodings and formats', () => {
  it('单位.csv is GBK: not UTF-8, decodes as GBK with Chinese headers and the extra 联系人 column', () => {
    const bytes = readFileSync(join(dirA, '单位.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const text = new TextDecoder('gbk').decode(bytes);
    expect(text.split('\r\n')[0]).toBe('单位名称,统一社会信用代码,联系人,应建会,所在区域组织代码,注册日期,所属工会组织代码,建会日期,注销日期,经济类型,行业门类');
    expect(text).toMatch(/,是,|,否,/);
  });
  it('职工人数.csv starts with a BOM; members.csv and orgs.csv do not', () => {
    expect([...readFileSync(join(dirA, '职工人数.csv')).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    for (const f of ['members.csv', 'orgs.csv']) expect(readFileSync(join(dirA, f))[0]).not.toBe(0xef);
  });
  it('the xlsx has the hardship sheet, Chinese headers and real date cells', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dirA, '困难职工档案.xlsx'));
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('困难职工档案');
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual(FAMILIES.hardship_files.columns.map((c) => c.zh));
    let dates = 0;
    let texts = 0;
    ws.eachRow((row, n) => {
      const v = row.getCell(8).value;
      if (n > 1 && v instanceof Date) dates++;
      if (n > 1 && typeof v === 'string' && /年/.test(v)) texts++;
    });
    expect(dates).toBeGreaterThan(texts);
  });
  it('aid uses mixed money, date and category forms', () => {
    const rows = good('aid', '2021-2025年帮扶发放.csv');
    expect(rows.some((r) => r.amount!.endsWith('元'))).toBe(true);
    expect(rows.some((r) => /^\d{8}$/.test(r.paid_on!))).toBe(true);
    expect(rows.some((r) => r.paid_on!.includes('/'))).toBe(true);
    expect(rows.some((r) => /^[a-z_]+$/.test(r.category!)) && rows.some((r) => /[\u4e00-\u9fff]/.test(r.category!))).toBe(true);
  });
});

describe('good rows', () => {
  it('every ID number and credit code is valid and genders agree', () => {
    for (const r of good('members', 'members.csv')) {
      expect(isValidIdNumber(r.id_number!), r.id_number).toBeNull();
      if (r.gender) expect(r.gender).toBe(genderFromId(r.id_number!));
    }
    for (const [f, file] of [['aid', '2021-2025年帮扶发放.csv'], ['hardship_files', '困难职工档案.xlsx'], ['enrollments', 'enrollments.csv']] as const) {
      for (const r of good(f, file)) if (r.id_number) expect(isValidIdNumber(r.id_number), `${f} ${r.id_number}`).toBeNull();
    }
    for (const r of good('units', '单位.csv')) expect(isValidCreditCode(r.unit_code!), r.unit_code).toBeNull();
  });

  it('references resolve and dates are in order', () => {
    const orgs = new Set(good('orgs', 'orgs.csv').map((r) => r.org_code));
    for (const r of good('orgs', 'orgs.csv')) if (r.parent_code) expect(orgs.has(r.parent_code)).toBe(true);
    const units = new Set<string>();
    for (const r of good('units', '单位.csv')) {
      units.add(r.unit_code!);
      expect(orgs.has(r.area_org_code!)).toBe(true);
      expect(Boolean(r.union_org_code)).toBe(Boolean(r.unionised_on));
      if (r.union_org_code) expect(orgs.has(r.union_org_code)).toBe(true);
    }
    for (const r of good('headcounts', '职工人数.csv')) {
      expect(units.has(r.unit_code!)).toBe(true);
      expect(Number(r.female_employees)).toBeLessThanOrEqual(Number(r.employees));
      if (r.migrant_employees) expect(Number(r.migrant_employees)).toBeLessThanOrEqual(Number(r.employees));
    }
    const members = new Map<string, string>();
    for (const r of good('members', 'members.csv')) {
      expect(members.has(r.member_no!)).toBe(false);
      members.set(r.member_no!, r.id_number!);
      expect(orgs.has(r.org_code!) && units.has(r.unit_code!)).toBe(true);
      if (r.leave_date) expect(r.leave_date >= r.join_date!).toBe(true);
    }
    const person = (r: Record<string, string>) => {
      if (r.member_no) {
        expect(members.has(r.member_no), r.member_no).toBe(true);
        if (r.id_number) expect(members.get(r.member_no)).toBe(r.id_number);
      } else expect(r.id_number).toBeTruthy();
    };
    const files = new Set<string>();
    for (const r of good('hardship_files', '困难职工档案.xlsx')) {
      files.add(r.file_no!);
      person(r);
      expect(orgs.has(r.org_code!)).toBe(true);
      const reg = parseDate(r.registered_on!)!;
      expect(reg).not.toBeNull();
      if (r.exit_on) expect(parseDate(r.exit_on)! >= reg).toBe(true);
    }
    const vouchers = new Set<string>();
    for (const r of good('aid', '2021-2025年帮扶发放.csv')) {
      expect(vouchers.has(r.voucher_no!)).toBe(false);
      vouchers.add(r.voucher_no!);
      person(r);
      expect(orgs.has(r.org_code!)).toBe(true);
      if (r.file_no) expect(files.has(r.file_no)).toBe(true);
      expect(parseDate(r.paid_on!), r.paid_on).not.toBeNull();
      expect(money(r.amount!)).toBeGreaterThan(0);
      expect(enumCode('aid', 'category', r.category!), r.category).not.toBeNull();
    }
    const training = new Set<string>();
    for (const r of good('activities', 'activities.csv')) {
      expect(orgs.has(r.org_code!)).toBe(true);
      expect(r.end_date! >= r.start_date!).toBe(true);
      if (enumCode('activities', 'kind', r.kind!) === 'training') training.add(r.activity_no!);
    }
    const keys = new Set<string>();
    for (const r of good('enrollments', 'enrollments.csv')) {
      expect(training.has(r.activity_no!)).toBe(true);
      if (r.member_no) person(r);
      const key = `${r.activity_no}|${r.id_number || members.get(r.member_no!) || r.name}`;
      expect(keys.has(key), key).toBe(false);
      keys.add(key);
    }
  });
});

describe('bad-rows.json', () => {
  it('lists 30–35 rows across the families', () => {
    expect(bad.length).toBeGreaterThanOrEqual(30);
    expect(bad.length).toBeLessThanOrEqual(35);
    // every register file but orgs.csv has some (test/ingest/sample.test.ts ingests them all)
    expect(new Set(bad.map((b) => b.file)).size).toBe(18);
  });

  it('each listed row is bad in the stated way', () => {
    const family: Record<string, FamilyName> = {
      'orgs.csv': 'orgs', '单位.csv': 'units', '职工人数.csv': 'headcounts', 'members.csv': 'members',
      '困难职工档案.xlsx': 'hardship_files', '2021-2025年帮扶发放.csv': 'aid', 'activities.csv': 'activities', 'enrollments.csv': 'enrollments',
    };
    const orgs = new Set(good('orgs', 'orgs.csv').map((r) => r.org_code));
    const kinds = new Map(good('activities', 'activities.csv').map((r) => [r.activity_no!, enumCode('activities', 'kind', r.kind!)]));
    // part 1's files; part 2's bad rows are checked by ingesting them (test/ingest/sample.test.ts)
    for (const b of bad.filter((x) => x.file in family)) {
      const f = family[b.file]!;
      const r = T[f].rows.get(b.row_no)!;
      expect(r, `${b.file} row ${b.row_no}`).toBeDefined();
      const v = b.column ? r[b.column]! : '';
      const what = `${b.file}:${b.row_no} ${b.reason}`;
      switch (b.reason) {
        case 'bad_id_number': expect(isValidIdNumber(v), what).toBe('check_char'); break;
        case 'bad_credit_code': expect(isValidCreditCode(v), what).toBe('check_char'); break;
        case 'gender_mismatch': expect(v, what).not.toBe(genderFromId(r.id_number!)); break;
        case 'date_order': {
          const [a, z] = f === 'members' ? [r.join_date!, r.leave_date!] : [r.registered_on!, r.exit_on!];
          expect(parseDate(z)! < parseDate(a)!, what).toBe(true);
          break;
        }
        case 'unknown_org': expect(orgs.has(v), what).toBe(false); break;
        case 'required': expect(v, what).toBe(''); break;
        case 'out_of_range': expect(Number(v) > Number(r.employees), what).toBe(true); break;
        case 'money_in_wan': expect(v, what).toMatch(/万/); break;
        case 'bad_money': expect(money(v) ?? 0, what).toBe(0); break;
        case 'bad_enum': expect(enumCode('aid', 'category', v), what).toBeNull(); break;
        case 'bad_date': expect(parseDate(v), what).toBeNull(); break;
        case 'malformed_row': expect(T[f].width.get(b.row_no)! > T[f].header.length, what).toBe(true); break;
        case 'conflicting_rows': {
          const same = bad.filter((o) => o.reason === 'conflicting_rows' && o.value === b.value);
          expect(same.length, what).toBe(2);
          expect(new Set(same.map((o) => T.aid.rows.get(o.row_no)!.amount)).size, what).toBe(2);
          break;
        }
        case 'bad_int': expect(v, what).not.toMatch(/^\d+$/); break;
        case 'not_training': expect(kinds.get(v), what).not.toBe('training'); break;
        default: throw new Error(`untested reason ${b.reason}`);
      }
    }
  });
});

describe('npm run data:sample (the CLI)', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['scripts/data/sample.ts', ...args], { encoding: 'utf8', cwd: join(import.meta.dirname, '..') });
  it('--help prints usage and exits 0', () => {
    const r = cli('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--scale N');
  });
  it('a bad --scale exits 2 with a message', () => {
    const r = cli('--scale', 'many');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--scale must be a number > 0');
  });
  it('writes every file and says how many rows each', () => {
    const r = cli('--out', join(root, 'cli'), '--scale', '0.02', '--seed', '5');
    expect(r.status, r.stderr).toBe(0);
    for (const f of SAMPLE_FILES) expect(r.stdout).toMatch(new RegExp(`${f.replace('.', '\\.')}\\s+\\d+ rows`));
    expect(r.stdout).toMatch(/Done: 20 files, .* 31 deliberate bad rows/);
  });
});
