// Every kind of bad input in the data contract lands in the quarantine with a reason a clerk can act
// on, names the file, row and column, and leaves the clean tables as they were.
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { BASE, ID_F, ID_M, UNIT_A, CLEAN_TABLES, query, tableCounts, tempDir, writeFiles } from '../helpers/warehouse.ts';
import { makeIdNumber } from '../../src/lib/ids/gb11643.ts';
import { makeCreditCode } from '../../src/lib/ids/gb32100.ts';

let template: string;
let baseCounts: Record<string, number>;
beforeAll(async () => {
  template = join(tempDir(), 'base.duckdb');
  await ingestPaths(template, [writeFiles({ ...BASE, 'hardship_files.csv': HARDSHIP })]);
  baseCounts = await tableCounts(template);
});

const HARDSHIP = `file_no,member_no,org_code,category,registered_on\nH1,M1,G1,deep,2023-01-01\n`;
const WRONG_CHECK = ID_F.slice(0, 17) + (ID_F[17] === '0' ? '1' : '0');
const MALE_ID = makeIdNumber('530423', '19900101', 3, '男');
const m = (row: string) => `member_no,name,id_number,gender,birth_date,org_code,unit_code,join_date,leave_date,is_cadre\n${row}\n`;
const aid = (row: string) => `voucher_no,paid_on,org_code,member_no,id_number,file_no,category,amount\n${row}\n`;

// [case, file name, content, reason, column, row]
const CASES: [string, string, string, string, string | null, number][] = [
  ['ID check character', 'members.csv', m(`M9,李华,${WRONG_CHECK},,,G1,,2020-01-01,,`), 'bad_id_number', 'id_number', 2],
  ['ID too short', 'members.csv', m(`M9,李华,53042319900101,,,G1,,2020-01-01,,`), 'bad_id_number', 'id_number', 2],
  ['gender vs ID', 'members.csv', m(`M9,李华,${MALE_ID},女,,G1,,2020-01-01,,`), 'gender_mismatch', 'gender', 2],
  ['birth date vs ID', 'members.csv', m(`M9,李华,${MALE_ID},,1991-01-01,G1,,2020-01-01,,`), 'birth_mismatch', 'birth_date', 2],
  ['unknown org', 'members.csv', m(`M9,李华,${MALE_ID},,,G404,,2020-01-01,,`), 'unknown_org', 'org_code', 2],
  ['unknown unit', 'members.csv', m(`M9,李华,${MALE_ID},,,G1,91530423MA0000000X,2020-01-01,,`), 'unknown_unit', 'unit_code', 2],
  ['leave before join', 'members.csv', m(`M9,李华,${MALE_ID},,,G1,,2020-01-01,2019-12-31,`), 'date_order', 'leave_date', 2],
  ['required name', 'members.csv', m(`M9,,${MALE_ID},,,G1,,2020-01-01,,`), 'required', 'name', 2],
  ['bad date', 'members.csv', m(`M9,李华,${MALE_ID},,,G1,,2020-02-30,,`), 'bad_date', 'join_date', 2],
  ['bad boolean', 'members.csv', m(`M9,李华,${MALE_ID},,,G1,,2020-01-01,,也许`), 'bad_bool', 'is_cadre', 2],
  ['bad credit code', 'units.csv', `unit_code,unit_name,area_org_code,should_unionise\n91530423MA0000000Z,某厂,C1,是\n`, 'bad_credit_code', 'unit_code', 2],
  ['unionised without date', 'units.csv', `unit_code,unit_name,area_org_code,union_org_code,should_unionise\n${UNIT_A.slice(0, 17)}${UNIT_A[17]},某厂,C1,G1,是\n`, 'required', 'unionised_on', 2],
  ['female > employees', 'headcounts.csv', `unit_code,as_of,employees,female_employees\n${UNIT_A},2024-12-31,10,11\n`, 'out_of_range', 'female_employees', 2],
  ['negative employees', 'headcounts.csv', `unit_code,as_of,employees\n${UNIT_A},2024-12-31,-5\n`, 'bad_int', 'employees', 2],
  ['money in 万', 'aid.csv', aid(`V9,2024-01-20,G1,M1,,,holiday,3.2万`), 'money_in_wan', 'amount', 2],
  ['zero amount', 'aid.csv', aid(`V9,2024-01-20,G1,M1,,,holiday,0`), 'bad_money', 'amount', 2],
  ['three decimals', 'aid.csv', aid(`V9,2024-01-20,G1,M1,,,holiday,12.345`), 'bad_money', 'amount', 2],
  ['unknown category', 'aid.csv', aid(`V9,2024-01-20,G1,M1,,,慰问品,500`), 'bad_enum', 'category', 2],
  ['unknown member', 'aid.csv', aid(`V9,2024-01-20,G1,M404,,,holiday,500`), 'unknown_member', 'member_no', 2],
  ['member vs ID', 'aid.csv', aid(`V9,2024-01-20,G1,M1,${ID_M},,holiday,500`), 'person_mismatch', 'id_number', 2],
  ['no recipient', 'aid.csv', aid(`V9,2024-01-20,G1,,,,holiday,500`), 'missing_person', null, 2],
  ['unknown hardship file', 'aid.csv', aid(`V9,2024-01-20,G1,M1,,H404,living,500`), 'unknown_file', 'file_no', 2],
  ['exit before registration', 'hardship_files.csv', `file_no,member_no,org_code,category,registered_on,exit_on\nH9,M2,G1,relative,2023-05-01,2023-04-30\n`, 'date_order', 'exit_on', 2],
  ['household of 0', 'hardship_files.csv', `file_no,member_no,org_code,category,household_size,registered_on\nH9,M2,G1,relative,0,2023-05-01\n`, 'out_of_range', 'household_size', 2],
  ['end before start', 'activities.csv', `activity_no,org_code,kind,title,start_date,end_date\nA9,G1,safety,安全月,2024-06-02,2024-06-01\n`, 'date_order', 'end_date', 2],
  ['participants as words', 'activities.csv', `activity_no,org_code,kind,title,start_date,participants\nA9,G1,safety,安全月,2024-06-02,约50\n`, 'bad_int', 'participants', 2],
  ['trainees of a non-training activity', 'enrollments.csv', `activity_no,member_no\nA2,M1\n`, 'not_training', 'activity_no', 2],
  ['unknown activity', 'enrollments.csv', `activity_no,member_no\nA404,M1\n`, 'unknown_activity', 'activity_no', 2],
  ['unknown parent org', 'orgs.csv', `org_code,org_name,parent_code,org_type\nG9,新工会,X404,grassroots_union\n`, 'unknown_org', 'parent_code', 2],
  ['second root', 'orgs.csv', `org_code,org_name,parent_code,org_type\nR2,另一个总工会,,federation\n`, 'root_conflict', 'parent_code', 2],
  ['unknown org type', 'orgs.csv', `org_code,org_name,parent_code,org_type\nG9,新工会,C1,协会\n`, 'bad_enum', 'org_type', 2],
  ['row with an extra cell', 'activities.csv', `activity_no,org_code,kind,title,start_date\nA9,G1,safety,安全月,2024-06-02,多余\n`, 'malformed_row', null, 2],
];

describe.each(CASES)('%s', (_name, fileName, content, reason, column, row) => {
  it(`is quarantined as ${reason}, with file, row, column and a message; clean tables unchanged`, async () => {
    const db = join(tempDir(), 'w.duckdb');
    copyFileSync(template, db);
    const dir = writeFiles({ [fileName]: content });
    const result = await ingestPaths(db, [dir]);
    const f = result.files[0]!;
    expect(f).toMatchObject({ rows_read: 1, loaded: 0, quarantined: 1, duplicates: 0, refused: null });
    const q = await query(db, `select * from quarantine where batch_id = $b`, { b: result.batch });
    expect(q.map((r) => r.reason)).toContain(reason);
    const hit = q.find((r) => r.reason === reason)!;
    expect(hit).toMatchObject({ file_name: fileName, row_no: row, column_name: column });
    expect(String(hit.message_zh)).not.toMatch(/\{|undefined|null/);
    expect(String(hit.message_en)).not.toMatch(/\{|undefined|null|Allowed: \./);
    // an enum error lists the allowed values in the reader's language ('Allowed: .' once, empty)
    if (reason === 'bad_enum' && column === 'category') {
      expect(String(hit.message_en)).toContain('Allowed: living (生活救助), medical (医疗救助)');
      expect(String(hit.message_zh)).toContain('允许：生活救助(living)、医疗救助(medical)');
    }
    const after = await tableCounts(db);
    for (const t of CLEAN_TABLES) expect(after[t], t).toBe(baseCounts[t]);
  });
});

describe('a file with good and bad rows', () => {
  it('loads the good ones, quarantines the bad ones, and reconciles', async () => {
    const db = join(tempDir(), 'w.duckdb');
    copyFileSync(template, db);
    const dir = writeFiles({
      '2024年帮扶发放.csv': aid(`V1,2024/1/20,G1,M1,,,节日慰问,"1,200.50"\nV2,2024.1.21,G1,,${ID_M},,medical,800元\nV3,20240122,G1,M1,,H1,living,3.2万\nV4,2024年1月23日,G1,M2,,,金秋助学,500`),
    });
    const [f] = (await ingestPaths(db, [dir])).files;
    expect(f).toMatchObject({ family: 'aid', rows_read: 4, loaded: 3, quarantined: 1, duplicates: 0 });
    const rows = await query(db, `select voucher_no, paid_on, category, amount::varchar as amount, member_no, id_number, person_key from aid order by 1`);
    expect(rows).toEqual([
      { voucher_no: 'V1', paid_on: '2024-01-20', category: 'holiday', amount: '1200.50', member_no: 'M1', id_number: ID_F, person_key: ID_F },
      { voucher_no: 'V2', paid_on: '2024-01-21', category: 'medical', amount: '800.00', member_no: 'M2', id_number: ID_M, person_key: ID_M },
      { voucher_no: 'V4', paid_on: '2024-01-23', category: 'education', amount: '500.00', member_no: 'M2', id_number: ID_M, person_key: ID_M },
    ]);
  });

  it('quarantines every row of a key given twice with different content', async () => {
    const db = join(tempDir(), 'w.duckdb');
    copyFileSync(template, db);
    const dir = writeFiles({ 'aid.csv': aid(`V1,2024-01-20,G1,M1,,,holiday,500\nV1,2024-01-20,G1,M1,,,holiday,600\nV2,2024-01-20,G1,M1,,,holiday,500\nV2,2024-01-20,G1,M1,,,holiday,500`) });
    const [f] = (await ingestPaths(db, [dir])).files;
    expect(f).toMatchObject({ rows_read: 4, loaded: 1, quarantined: 2, duplicates: 1 });
    const q = await query(db, `select row_no, reason, message_zh from quarantine order by row_no`);
    expect(q.map((r) => [r.row_no, r.reason])).toEqual([[2, 'conflicting_rows'], [3, 'conflicting_rows']]);
    expect(q[0]!.message_zh).toContain('2、3');
  });
});

it('numbers the rows after broken lines as Excel shows them', async () => {
  const db = join(tempDir(), 'w.duckdb');
  copyFileSync(template, db);
  const rows = ['A5,G1,safety,安全月,2024-06-02', 'A6,G1,safety,多余,2024-06-02,x', 'A7,G1,safety,安全月,2024-06-02',
    'A8,G1', 'A9,G1,safety,安全月,2024-13-02'];
  const dir = writeFiles({ 'activities.csv': `activity_no,org_code,kind,title,start_date\n${rows.join('\n')}\n` });
  const [f] = (await ingestPaths(db, [dir])).files;
  expect(f).toMatchObject({ rows_read: 5, loaded: 2, quarantined: 3 });
  const q = await query(db, `select row_no, reason from quarantine where batch_id = 2 order by row_no`);
  expect(q).toEqual([{ row_no: 3, reason: 'malformed_row' }, { row_no: 5, reason: 'malformed_row' }, { row_no: 6, reason: 'bad_date' }]);
  expect(await query(db, `select activity_no, _row_no from activities where activity_no in ('A5', 'A7') order by 1`)).toEqual([
    { activity_no: 'A5', _row_no: 2 }, { activity_no: 'A7', _row_no: 4 },
  ]);
});

// References are generated from the contract (a column's `references`), the same for every family:
// a credit code with a typo is one problem (its check character), not also "unknown unit", which
// would send the clerk looking for a unit that the typo invented.
it('reports a malformed unit code once, as malformed, in every family that references units', async () => {
  const db = join(tempDir(), 'w.duckdb');
  copyFileSync(template, db);
  const typo = UNIT_A.slice(0, 17) + (UNIT_A[17] === '0' ? '1' : '0');
  const unregistered = makeCreditCode('530423', '11112222');
  const dir = writeFiles({ 'headcounts.csv': `unit_code,as_of,employees,female_employees\n${typo},2024-12-31,10,5\n${unregistered},2024-12-31,10,5\n` });
  const [f] = (await ingestPaths(db, [dir])).files;
  expect(f).toMatchObject({ rows_read: 2, loaded: 0, quarantined: 2 });
  const q = await query(db, `select row_no, column_name, reason from quarantine order by row_no, reason`);
  expect(q).toEqual([
    { row_no: 2, column_name: 'unit_code', reason: 'bad_credit_code' },
    // well formed but not registered
    { row_no: 3, column_name: 'unit_code', reason: 'unknown_unit' },
  ]);
});
