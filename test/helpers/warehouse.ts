// Test helpers: temp folders with register files, and a look inside a warehouse file.
import { copyFileSync, mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db, type Params, type Row } from '../../src/lib/db/duckdb.ts';
import { makeIdNumber } from '../../src/lib/ids/gb11643.ts';
import { makeCreditCode } from '../../src/lib/ids/gb32100.ts';

export function tempDir(prefix = 'ua-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes files (string → UTF-8, Buffer as is) into a fresh folder and returns it. */
export function writeFiles(files: Record<string, string | Buffer>, dir = tempDir()): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** A copy of warehouse `base` (with its pseudonym key) in a fresh folder: each test writes its own. */
export function copyWarehouse(base: string): string {
  const db = join(tempDir(), 'w.duckdb');
  copyFileSync(base, db);
  copyFileSync(`${base}.pseudonym-key`, `${db}.pseudonym-key`);
  return db;
}

export async function query<T extends Row = Row>(dbPath: string, text: string, params?: Params): Promise<T[]> {
  const db = await Db.open(dbPath, { readOnly: true });
  try {
    return await db.all<T>(text, params);
  } finally {
    db.close();
  }
}

export const CLEAN_TABLES = ['orgs', 'units', 'headcounts', 'members', 'hardship_files', 'aid', 'activities', 'enrollments'];

/** Row counts of every clean, history and bookkeeping table: a fingerprint of what a run changed. */
export async function tableCounts(dbPath: string): Promise<Record<string, number>> {
  if (!existsSync(dbPath)) return {};
  const tables = [...CLEAN_TABLES, ...CLEAN_TABLES.map((t) => `${t}_history`), 'quarantine', 'ingest_batch', 'ingest_file'];
  const rows = await query(dbPath, tables.map((t) => `select '${t}' as t, count(*) as n from ${t}`).join(' union all '));
  return Object.fromEntries(rows.map((r) => [r.t as string, r.n as number]));
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

// A tiny valid federation every bad-input test starts from.
export const ID_F = makeIdNumber('530423', '19900101', 1, '女');
export const ID_M = makeIdNumber('530423', '19851231', 2, '男');
export const UNIT_A = makeCreditCode('530423', '12345678');
export const UNIT_B = makeCreditCode('530423', '87654321');

export const BASE = {
  'orgs.csv': `org_code,org_name,parent_code,org_type,founded_on
R,云岭县总工会,,federation,2000-01-01
S1,城关街道工会联合会,R,street_federation,2001-03-05
C1,东门社区工会,S1,community_union,2005-03-05
G1,云岭商贸公司工会,C1,grassroots_union,2010-01-01
`,
  'units.csv': `unit_code,unit_name,area_org_code,union_org_code,unionised_on,should_unionise,registered_on
${UNIT_A},云岭商贸有限公司,C1,G1,2015-05-01,是,2010-01-01
${UNIT_B},云岭小吃店,C1,,,否,2018-06-01
`,
  'members.csv': `member_no,name,id_number,gender,org_code,unit_code,join_date,is_cadre
M1,张丽,${ID_F},女,G1,${UNIT_A},2016-01-01,是
M2,王强,${ID_M},男,G1,${UNIT_A},2017-03-01,否
`,
  'activities.csv': `activity_no,org_code,kind,title,start_date,participants,audience,hours
A1,G1,training,工会干部培训班,2024-04-01,30,cadre,8
A2,G1,culture_sports,职工运动会,2024-05-01,200,,
`,
};

/** A register of n activities of G1 in 2024 (kind 'safety'), numbered from `from`: each upload of a test adds its own. */
export const activitiesFile = (from: number, n: number): string =>
  writeFiles({
    'activities.csv':
      'activity_no,org_code,kind,title,start_date,participants\n' +
      Array.from({ length: n }, (_, i) => `K${from + i},G1,safety,安全月,2024-06-01,10\n`).join(''),
  });
