// Uploads by a subtree-limited account: files whose rows reference orgs (or units, activities)
// outside the subtree are refused before the ingest, with the rows to look at.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../src/lib/db/duckdb.ts';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { checkUploadScope } from '../../src/lib/auditor/upload-scope.ts';
import { writeFixture } from '../browser/fixture.ts';

let dir: string;
let db: string;
let s2Unit: string;
let s1Activity: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ua-upscope-'));
  db = join(dir, 'warehouse.duckdb');
  writeFixture(join(dir, 'registers'));
  await ingestPaths(db, [join(dir, 'registers')], { user: 'test' });
  const w = await Db.open(db, { readOnly: true });
  s2Unit = String(await w.value("select unit_code from units where area_org_code like 'S2%' limit 1"));
  s1Activity = String(await w.value("select activity_no from activities where org_code like 'S1%' and kind = 'training' limit 1"));
  w.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: string[]): string {
  const sub = join(dir, 'up', String(Math.random()).slice(2));
  mkdirSync(sub, { recursive: true });
  writeFileSync(join(sub, name), lines.join('\n') + '\n');
  return join(sub, name);
}

describe('upload scope', () => {
  it('accepts files inside the subtree, including orgs and activities added in the same upload', async () => {
    const paths = [
      file('members.csv', ['会员编号,姓名,身份证号,所属工会,入会日期', 'X1,甲,110101199001011234,S1C1,2024-01-01', 'X2,乙,,S1,2024-01-01', 'X3,丙,,,2024-01-01']),
      file('orgs.csv', ['组织代码,组织名称,上级组织代码,组织类型', 'S1C9,新社区工会,S1,community_union', 'S1C9G1,新基层工会,S1C9,grassroots_union']),
      file('activities.csv', ['活动编号,组织单位,活动类别,名称,开始日期', 'NEW1,S1C9,training,新培训,2024-05-01']),
      file('enrollments.csv', ['活动编号,会员编号', `${s1Activity},X1`, 'NEW1,X1']),
    ];
    expect(await checkUploadScope(db, paths, 'S1')).toEqual([]);
  });

  it.each([
    ['members of another street', 'members.csv', ['会员编号,姓名,身份证号,所属工会,入会日期', 'X1,甲,,S1C1,2024-01-01', 'X4,丁,,S2C1,2024-01-01'], /rows 3 \(S2C1\)/],
    ['aid paid by the federation', '帮扶发放.csv', ['凭证号,发放日期,发放单位,会员编号,帮扶类别,金额(元)', 'V9,2024-01-01,F0,M1,living,100'], /rows 2 \(F0\)/],
    ['a headcount of a unit elsewhere', 'headcounts.csv', ['统一社会信用代码,统计日期,职工人数', `UNIT,2024-12-31,10`], /outside your scope/],
    // registers kept per unit (data-contract-2): the unit decides, as for headcounts
    ['a congress row of a unit elsewhere', '职代会.csv', ['统一社会信用代码,年度,建立职代会制度', 'UNIT,2024,是'], /outside your scope/],
    ['dues of a unit elsewhere', '工会经费.csv', ['统一社会信用代码,所属期起,所属期止,工资总额(元)', 'UNIT,2024-01-01,2024-12-31,100000'], /outside your scope/],
    ['a contract covering a unit elsewhere', '合同覆盖单位.csv', ['合同编号,统一社会信用代码', 'K1,UNIT'], /outside your scope/],
    ['a rights case of another street', '维权案件.csv', ['案件编号,受理工会,受理日期,来源渠道,案件类别', 'WQ1,S2C1,2024-01-01,hotline,consultation'], /rows 2 \(S2C1\)/],
    ['an org under another street', 'orgs.csv', ['组织代码,组织名称,上级组织代码,组织类型', 'S2C9,x,S2,community_union'], /rows 2 \(S2\)/],
    ['a new top-level org', 'orgs.csv', ['组织代码,组织名称,上级组织代码,组织类型', 'ROOT2,x,,federation'], /new top-level org/],
  ])('refuses %s', async (_label, name, lines, message) => {
    const path = file(name, lines.map((l) => l.replace('UNIT', s2Unit)));
    const r = await checkUploadScope(db, [path], 'S1');
    expect(r.map((x) => x.path)).toEqual([path]);
    expect(r[0]!.message).toMatch(message);
    expect(r[0]!.message).toMatch(/不属于您管辖范围/);
  });
});
