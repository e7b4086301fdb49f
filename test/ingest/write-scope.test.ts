// Who may write which rows (src/lib/ingest/write-scope.ts), through the real ingest on a warehouse
// made from the CSV fixture (F0 → S1, S2, S3 → S1C1, S1C2, S2C1 …). Every case starts from a copy
// of the same warehouse; given/expect rows worked out by hand, the reason in each comment.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths, type FileResult } from '../../src/lib/ingest/pipeline.ts';
import { FAMILIES, FAMILY_ORDER } from '../../src/lib/ingest/families.ts';
import { scopeRefs } from '../../src/lib/ingest/write-scope.ts';
import { writeFixture } from '../browser/fixture.ts';
import { query } from '../helpers/warehouse.ts';
import { makeIdNumber } from '../../src/lib/ids/gb11643.ts';

let dir: string;
let base: string;
let n = 0;
const ids: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ua-write-scope-'));
  base = join(dir, 'base.duckdb');
  writeFixture(join(dir, 'registers'));
  await ingestPaths(base, [join(dir, 'registers')], { user: 'test' });
  const one = async (sql: string) => String((await query(base, sql))[0]!.v);
  ids.s2Voucher = await one("select voucher_no as v from aid where org_code like 'S2%' order by voucher_no limit 1");
  ids.s1Voucher = await one("select voucher_no as v from aid where org_code like 'S1%' order by voucher_no limit 1");
  ids.s1Unit = await one("select unit_code as v from units where area_org_code like 'S1%' order by 1 limit 1");
  ids.s2Unit = await one("select unit_code as v from units where area_org_code like 'S2%' order by 1 limit 1");
  ids.s2Activity = await one("select activity_no as v from activities where org_code like 'S2%' and kind = 'training' order by 1 limit 1");
  // a member of S1 not enrolled in that training (so only the scope stands in the way)
  ids.s1Member = await one(`select member_no as v from members where org_code like 'S1%'
    and member_no not in (select member_no from enrollments where activity_no = '${ids.s2Activity}') order by 1 limit 1`);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh copy of the base warehouse, the files written, ingested with the given scope. */
async function upload(files: Record<string, string[]>, scope: string | null): Promise<{ db: string; files: FileResult[] }> {
  const run = join(dir, `run${++n}`);
  mkdirSync(run);
  const db = join(run, 'w.duckdb');
  copyFileSync(base, db);
  const paths = Object.entries(files).map(([name, lines]) => {
    writeFileSync(join(run, name), lines.join('\n') + '\n');
    return join(run, name);
  });
  const r = await ingestPaths(db, paths, { user: 'clerk', source: 'upload', scope });
  return { db, files: r.files };
}

const quarantine = (db: string) =>
  query<{ file_name: string; row_no: number; column_name: string | null; value: string | null; reason: string; message_zh: string; message_en: string }>(
    db,
    'select file_name, row_no, column_name, value, reason, message_zh, message_en from quarantine where batch_id = (select max(batch_id) from quarantine) order by file_name, row_no',
  );
const count = (r: FileResult) => [r.rows_read, r.loaded, r.quarantined, r.duplicates];

describe('uploads by an account limited to S1', () => {
  it('quarantine the rows of another street, load the rest, and say why (Chinese first)', async () => {
    const before = await query(base, 'select voucher_no, org_code, amount from aid where voucher_no = $v', { v: ids.s2Voucher! });
    const { db, files } = await upload(
      {
        'members.csv': [
          '会员编号,姓名,身份证号,所属工会,入会日期',
          `X1,甲,${makeIdNumber('110101', '1990-01-01', 11, '男')},S1C1,2024-01-01`, // 2 inside S1
          `X4,丁,${makeIdNumber('110101', '1990-01-02', 12, '男')},S2C1,2024-01-01`, // 3 another street's
          `X5,戊,${makeIdNumber('110101', '1990-01-03', 13, '男')},S1,2024-01-01`, //   4 S1 itself
        ],
        'aid.csv': [
          '凭证号,发放日期,发放单位,会员编号,帮扶类别,金额(元)',
          `${ids.s2Voucher},2024-05-01,S1C1,${ids.s1Member},living,1`, // 2 another street's voucher: key_outside_scope
          `${ids.s1Voucher},2024-05-01,S1C1,${ids.s1Member},living,2`, // 3 S1's own voucher corrected: supersedes
          `NEWV,2024-05-01,F0,${ids.s1Member},living,3`, //               4 paid by the federation: out_of_scope
        ],
        // rows that belong through a unit or an activity: the S2 unit's headcount (row 3) and an
        // enrollment in S2's training are outside S1
        'headcounts.csv': ['统一社会信用代码,统计日期,职工人数', `${ids.s1Unit},2025-12-31,10`, `${ids.s2Unit},2025-12-31,10`],
        'enrollments.csv': ['活动编号,会员编号', `${ids.s2Activity},${ids.s1Member}`],
      },
      'S1',
    );
    // files load in family order: headcounts, members, aid, enrollments
    expect(Object.fromEntries(files.map((f) => [f.file.split('/').pop(), count(f)]))).toEqual({
      'members.csv': [3, 2, 1, 0],
      'aid.csv': [3, 1, 2, 0],
      'headcounts.csv': [2, 1, 1, 0],
      'enrollments.csv': [1, 0, 1, 0],
    });
    expect(files[1]!.superseded).toBe(1);
    const q = await quarantine(db);
    expect(q.map((r) => [r.file_name, r.row_no, r.column_name, r.value, r.reason])).toEqual([
      ['aid.csv', 2, 'voucher_no', ids.s2Voucher, 'key_outside_scope'],
      ['aid.csv', 4, 'org_code', 'F0', 'out_of_scope'],
      ['enrollments.csv', 2, 'activity_no', ids.s2Activity, 'out_of_scope'],
      ['headcounts.csv', 3, 'unit_code', ids.s2Unit, 'out_of_scope'],
      ['members.csv', 3, 'org_code', 'S2C1', 'out_of_scope'],
    ]);
    const m = q.find((r) => r.file_name === 'members.csv')!;
    expect(m.message_zh).toBe('「所属工会」“S2C1”不在您的管辖范围（S1 及其下级组织）内。您的账户只能上传本组织及下级的记录；此行未导入，其余行照常导入。');
    expect(m.message_en).toMatch(/^"org_code" "S2C1" is outside your scope \(S1 and the orgs under it\)/);
    expect(q[0]!.message_zh).toContain(`编号“${ids.s2Voucher}”已由您管辖范围以外的组织登记`);
    expect((await query(db, "select member_no from members where member_no like 'X%' order by 1")).map((r) => r.member_no)).toEqual(['X1', 'X5']);
    // the other street's voucher keeps its amount; S1's own was corrected
    expect(await query(db, 'select voucher_no, org_code, amount from aid where voucher_no = $v', { v: ids.s2Voucher! })).toEqual(before);
    expect(await query(db, 'select amount from aid where voucher_no = $v', { v: ids.s1Voucher! })).toEqual([{ amount: 2 }]);
  });

  it('create and move orgs only inside the subtree; the subtree root stays put', async () => {
    const { db, files } = await upload(
      {
        'orgs.csv': [
          '组织代码,组织名称,上级组织代码,组织类型',
          'S1C9,新社区工会,S1,community_union', //          2 new, under S1: loads
          'S1C9G1,新基层工会,S1C9,grassroots_union', //     3 new, under the new S1C9: loads
          'S2C1,西城第一社区工会,S1,community_union', //    4 another street's org moved here: key_outside_scope
          'S2C9,x,S2,community_union', //                   5 new, under another street: out_of_scope
          'S1,东城街道总工会,S2,street_federation', //      6 the scope root moved away: out_of_scope
          'S1C2,东城第二社区工会,S1C1,community_union', //  7 moved inside the subtree: loads (supersedes)
        ],
      },
      'S1',
    );
    expect(count(files[0]!)).toEqual([6, 3, 3, 0]);
    expect((await quarantine(db)).map((r) => [r.row_no, r.reason])).toEqual([[4, 'key_outside_scope'], [5, 'out_of_scope'], [6, 'out_of_scope']]);
    const parents = await query(db, "select org_code, parent_code from orgs where org_code in ('S1', 'S1C2', 'S1C9', 'S1C9G1', 'S2C1', 'S2C9') order by 1");
    expect(parents.map((r) => `${r.org_code}<${r.parent_code}`)).toEqual(['S1<F0', 'S1C2<S1C1', 'S1C9<S1', 'S1C9G1<S1C9', 'S2C1<S2']);
  });

  it('has a scope rule for every family', () => {
    for (const f of FAMILY_ORDER) expect(scopeRefs(FAMILIES[f]).length, f).toBeGreaterThan(0);
  });
});

describe('the org tree stays a tree, whoever uploads', () => {
  const closure = (db: string) => query(db, 'select count(*) as n from org_closure');

  it('refuses the root under a community (a cycle), leaving the closure as it was', async () => {
    const { db, files } = await upload({ 'orgs.csv': ['组织代码,组织名称,上级组织代码,组织类型', 'F0,示例市总工会,S1C1,federation'] }, null);
    expect(count(files[0]!)).toEqual([1, 0, 1, 0]);
    const q = await quarantine(db);
    expect(q.map((r) => [r.column_name, r.value, r.reason])).toEqual([['parent_code', 'F0', 'org_cycle']]);
    // the walk up from F0: S1C1 → S1 → F0
    expect(q[0]!.message_zh).toContain('（F0 → S1C1 → S1 → F0）');
    expect(await closure(db)).toEqual(await closure(base));
  });

  it('refuses loops of new orgs, an org under its own child, and the children of a quarantined org', async () => {
    const { db, files } = await upload(
      {
        'orgs.csv': [
          '组织代码,组织名称,上级组织代码,组织类型',
          'N1,甲,N2,joint_union', // 2 ┐ a loop of two new orgs
          'N2,乙,N1,joint_union', // 3 ┘
          'S1,东城街道总工会,S1C1,street_federation', // 4 S1 under its own child
          'N3,丙,S3,joint_union', // 5 fine
          'P1,甲,S2,not_a_type', // 6 bad org type: quarantined
          'P1C,乙,P1,community_union', // 7 its parent did not load
          'P1CC,丙,P1C,grassroots_union', // 8 nor did its parent's parent (second round)
        ],
      },
      null,
    );
    expect(count(files[0]!)).toEqual([7, 1, 6, 0]);
    const q = await quarantine(db);
    expect(q.map((r) => [r.row_no, r.reason])).toEqual([
      [2, 'org_cycle'], [3, 'org_cycle'], [4, 'org_cycle'], [6, 'bad_enum'], [7, 'org_detached'], [8, 'org_detached'],
    ]);
    expect(q[4]!.message_zh).toContain('组织“P1C”的上级组织 P1 未能导入');
  });

  it('allows only one root on a first load', async () => {
    const run = join(dir, 'first');
    mkdirSync(run);
    writeFileSync(join(run, 'orgs.csv'), ['组织代码,组织名称,上级组织代码,组织类型', 'A,甲,,federation', 'B,乙,,federation', 'A1,丙,A,street_federation'].join('\n') + '\n');
    const db = join(run, 'w.duckdb');
    const r = await ingestPaths(db, [join(run, 'orgs.csv')], { user: 'test' });
    // two roots: both quarantined (we cannot tell which is right), and A1 hangs on nothing
    expect(count(r.files[0]!)).toEqual([3, 0, 3, 0]);
    expect((await quarantine(db)).map((x) => [x.row_no, x.reason])).toEqual([[2, 'multiple_roots'], [3, 'multiple_roots'], [4, 'org_detached']]);
  });
});
