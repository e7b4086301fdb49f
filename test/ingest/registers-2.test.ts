// The registers of data-contract-2, end to end on a real DuckDB file: every family's good file loads
// with its derived values, every rule quarantines with file, row, column and a message, a corrected
// re-issue supersedes, and a warehouse made before the added columns takes them without a change.
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { Db } from '../../src/lib/db/duckdb.ts';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { FAMILY_ORDER_2 } from '../../src/lib/ingest/families-2.ts';
import { FAMILIES, personalKind, type FamilyName } from '../../src/lib/ingest/families.ts';
import { REASONS, type ReasonCode } from '../../src/lib/ingest/reasons.ts';
import { sandboxQuery } from '../../src/lib/auditor/sandbox-process.ts';
import { ID_F, ID_M, UNIT_A, query, tempDir, writeFiles } from '../helpers/warehouse.ts';
import { BAD, GOOD, ID_X, type Expected } from '../helpers/registers-2.ts';

let good: string; // a warehouse holding GOOD
beforeAll(async () => {
  good = join(tempDir(), 'good.duckdb');
  const r = await ingestPaths(good, [writeFiles(GOOD)]);
  const refused = r.files.filter((f) => f.refused || f.quarantined);
  expect(refused, JSON.stringify(refused)).toEqual([]);
});

describe('a good file of every family', () => {
  it('is recognised by its name and loads every row', async () => {
    const rows = await query(db(), `select family, sum(loaded)::int as loaded from ingest_file group by family`);
    const loaded = Object.fromEntries(rows.map((r) => [r.family, r.loaded]));
    // the row counts of GOOD, family by family
    expect(loaded).toMatchObject({
      rights_cases: 3, inspections: 2, contracts: 2, contract_units: 2, democracy: 2, org_honours: 2,
      person_honours: 2, funds: 2, dues: 3, stations: 2, placements: 2, aid: 2, orgs: 4, units: 2,
    });
  });

  it('reads enum labels, and fills blanks as the contract says', async () => {
    // RC2: workers_involved blank = 1; channel 12351热线 → hotline; kind 法律援助 → legal_aid
    expect(await query(db(), `select case_no, channel, kind, workers_involved, outcome, wages_recovered::varchar w from rights_cases order by 1`)).toEqual([
      { case_no: 'RC1', channel: 'letter_visit', kind: 'legal_aid', workers_involved: 3, outcome: 'resolved', w: null },
      { case_no: 'RC2', channel: 'hotline', kind: 'mediation', workers_involved: 1, outcome: 'mediated', w: '12000.00' },
      { case_no: 'RC3', channel: 'online', kind: 'consultation', workers_involved: 1, outcome: null, w: null },
    ]);
    // due blank = 2% of payroll half-up: 1234.25 × 0.02 = 24.685 → 24.69; paid blank = 0; 0 is a value
    expect(await query(db(), `select period_start::varchar p, due::varchar due, paid::varchar paid from dues order by unit_code <> '${UNIT_A}', p`)).toEqual([
      { p: '2024-01-01', due: '24.69', paid: '24.69' },
      { p: '2024-07-01', due: '40000.00', paid: '0.00' },
      { p: '2024-01-01', due: '1000.00', paid: '0.00' },
    ]);
    // 2024年 → 2024; 合格/县级 → qualified/county; 帮扶站点 → help_station; donors blank = 1
    expect(await query(db(), `select distinct year from democracy`)).toEqual([{ year: 2024 }]);
    expect(await query(db(), `select org_code, title, level from org_honours order by 1`)).toEqual([
      { org_code: 'C1', title: 'advanced', level: 'city' },
      { org_code: 'G1', title: 'qualified', level: 'county' },
    ]);
    expect(await query(db(), `select station_code, type from stations order by 1`)).toEqual([
      { station_code: 'ST1', type: 'help_centre' },
      { station_code: 'ST2', type: 'help_station' },
    ]);
    expect(await query(db(), `select receipt_no, campaign, donors, amount::varchar a, items from funds order by 1`)).toEqual([
      { receipt_no: 'F1', campaign: 'one_day_pay', donors: 120, a: '3000.00', items: null },
      { receipt_no: 'F2', campaign: 'warmth', donors: 1, a: null, items: 200 },
    ]);
    expect(await query(db(), `select contract_no, type, scope, unit_code is null as no_unit from contracts order by 1`)).toEqual([
      { contract_no: 'K1', type: 'comprehensive', scope: 'single', no_unit: false },
      { contract_no: 'K2', type: 'wage', scope: 'regional', no_unit: true },
    ]);
  });

  it('resolves people through members: ID when known, else the name (placements only)', async () => {
    expect(await query(db(), `select member_no, person_key, honour, level, hardship from person_honours order by honour`)).toEqual([
      { member_no: null, person_key: ID_X, honour: 'medal', level: 'national', hardship: null },
      { member_no: 'M1', person_key: ID_F, honour: 'model_worker', level: 'province', hardship: true },
    ]);
    expect(await query(db(), `select member_no, person_key, channel from placements order by placed_on`)).toEqual([
      { member_no: 'M2', person_key: ID_M, channel: 'job_fair' },
      { member_no: null, person_key: 'N:赵六', channel: 'public_post' },
    ]);
  });

  it('loads the added columns of part 1 families, and aid without an amount when goods were given', async () => {
    expect(await query(db(), `select org_code, has_women_committee h from orgs order by 1`)).toEqual([
      { org_code: 'C1', h: false }, { org_code: 'G1', h: null }, { org_code: 'R', h: true }, { org_code: 'S1', h: null },
    ]);
    expect(await query(db(), `select ownership, industry from units order by registered_on`)).toEqual([
      { ownership: 'private', industry: 'F' },
      { ownership: 'private', industry: 'H' }, // 云岭小吃店: 私营, 住宿和餐饮业
    ]);
    expect(await query(db(), `select voucher_no, amount::varchar a, campaign, in_kind_value::varchar k from aid order by 1`)).toEqual([
      { voucher_no: 'V1', a: '500.00', campaign: 'warmth', k: null },
      { voucher_no: 'V2', a: null, campaign: 'warmth', k: '300.00' },
    ]);
  });
});

describe('reporting years', () => {
  it('run from the first to the last dated event of any register; the stored mart from the first annual one', async () => {
    // events in GOOD: UNIT_A unionised 2015, ST1 opened 2015 … aid, activities, cases, funds … 2024;
    // headcounts none, aid and activities only in 2024: the annual registers start in 2024
    const years = await query(db(), `select year, annual from reportable_years order by year`);
    expect(years.map((y) => y.year)).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    expect(years.filter((y) => y.annual).map((y) => y.year)).toEqual([2024]);
    expect(await query(db(), `select year, starts_on, as_of from indicator_years`)).toEqual([{ year: 2024, starts_on: '2024-01-01', as_of: '2024-12-31' }]);
  });

  it('open with units alone (no annual register: every reportable year is stored)', async () => {
    const dbPath = join(tempDir(), 'units.duckdb');
    await ingestPaths(dbPath, [writeFiles({ 'orgs.csv': GOOD['orgs.csv']!, 'units.csv': GOOD['units.csv']! })]);
    // UNIT_A was unionised on 2015-05-01; founding and registration dates open no year
    expect(await query(dbPath, `select year, annual from reportable_years`)).toEqual([{ year: 2015, annual: true }]);
    expect(await query(dbPath, `select year from indicator_years`)).toEqual([{ year: 2015 }]);
  });
});

describe('enum spellings', () => {
  it('are read per column: 调解 is a mediation case in 案件类别 and a legal-aid activity in 活动类别', async () => {
    const dbPath = join(tempDir(), 'syn.duckdb');
    copyFileSync(good, dbPath);
    const r = await ingestPaths(dbPath, [writeFiles({
      '维权案件-2.csv': '案件编号,受理工会,受理日期,来源渠道,案件类别\nRC20,G1,2024-06-01,来访,调解\n',
      '活动-2.csv': '活动编号,组织单位,活动类别,名称,开始日期\nA20,G1,调解,调解进企业,2024-06-01\n',
      '劳模-2.csv': '会员编号,管理工会,荣誉,级别,授予日期\nM2,G1,“五一”劳动奖章,国家级,2024-04-28\n',
    })]);
    for (const f of r.files) expect(f, f.file).toMatchObject({ loaded: 1, quarantined: 0 });
    expect(await query(dbPath, `select channel, kind from rights_cases where case_no = 'RC20'`)).toEqual([{ channel: 'letter_visit', kind: 'mediation' }]);
    expect(await query(dbPath, `select kind from activities where activity_no = 'A20'`)).toEqual([{ kind: 'legal_aid' }]);
    expect(await query(dbPath, `select honour, level from person_honours where member_no = 'M2'`)).toEqual([{ honour: 'medal', level: 'national' }]);
  });
});

describe('an auditor limited to a subtree', () => {
  it('sees the per-unit registers of its units only (democracy, dues, contract_units: by the unit)', async () => {
    // G1 is UNIT_A's union; UNIT_B (area C1, no union) is outside G1's subtree
    const o = { orgScope: 'G1' };
    const units = async (t: string) => (await sandboxQuery(db(), `select distinct unit_code from ${t}`, o)).rows.flat();
    for (const t of ['democracy', 'dues', 'contract_units']) expect(await units(t), t).toEqual([UNIT_A]);
    expect((await sandboxQuery(db(), 'select case_no from rights_cases', o)).rows.flat()).toEqual(['RC1']);
  });
});

describe('a bad file of every family', () => {
  let dbPath: string;
  let batch: number;
  beforeAll(async () => {
    dbPath = join(tempDir(), 'bad.duckdb');
    copyFileSync(good, dbPath);
    const r = await ingestPaths(dbPath, [writeFiles(Object.fromEntries(BAD.map((b) => [b.file, b.content])))]);
    batch = r.batch!;
    for (const f of r.files) expect(f.loaded, f.file).toBe(0);
  });

  it('quarantines exactly the rows and cells each rule names', async () => {
    const got = await query(dbPath, `select file_name, row_no, column_name, reason from quarantine where batch_id = $b`, { b: batch });
    const key = (e: Expected) => e.join(' · ');
    const expected = BAD.flatMap((b) => b.expected);
    // the row of 工会经费-bad overlapping both stored halves of 2024 is reported once per period
    expected.push(['工会经费-bad.csv', 6, 'period_start', 'period_overlap']);
    expect(got.map((r) => key([r.file_name, r.row_no, r.column_name, r.reason] as Expected)).sort()).toEqual(expected.map(key).sort());
  });

  it('writes a message a clerk can act on, Chinese first, naming the column and value', async () => {
    const q = await query(dbPath, `select family, column_name, column_zh, value, reason, message_zh, message_en from quarantine where batch_id = $b`, { b: batch });
    for (const r of q) {
      expect(String(r.message_zh), r.reason as string).toMatch(/^[「\u4e00-\u9fff]/);
      expect(String(r.message_zh)).not.toMatch(/\{|undefined|null/);
      expect(String(r.message_en)).not.toMatch(/\{|undefined|null/);
      if (r.column_zh && REASONS[r.reason as ReasonCode].zh.includes('{col}')) expect(String(r.message_zh)).toContain(`「${r.column_zh}」`);
      // the value is quoted, unless it is personal data (#12: a message never shows what the mask hides)
      const col = FAMILIES[r.family as FamilyName]?.columns.find((c) => c.name === r.column_name);
      if (r.value && col && personalKind(col)) expect(String(r.message_zh)).not.toContain(String(r.value));
      else if (r.value) expect(String(r.message_zh)).toContain(String(r.value));
    }
    const overlap = q.filter((r) => r.reason === 'period_overlap').map((r) => r.message_zh as string);
    expect(overlap).toContainEqual(expect.stringContaining('2024-07-01 至 2024-12-31'));
    expect(overlap).toContainEqual(expect.stringContaining('2022-06-01 至 2022-12-31（第8行）'));
    const contract = q.find((r) => r.reason === 'unknown_contract')!;
    expect(contract.message_zh).toBe('「合同编号」“K404”不是已登记的合同编号。请先上传集体合同登记表，或更正合同编号。');
  });
});

describe('a corrected re-issue', () => {
  it('supersedes the stored row of every family, which moves to its history', async () => {
    const dbPath = join(tempDir(), 're.duckdb');
    copyFileSync(good, dbPath);
    // one changed row per family, under new file names (the same bytes would be skipped whole);
    // contract_units is all key: a row there is either the same or another row
    const re = (file: string, from: string, to: string) => [`re-${file}`, GOOD[file]!.replace(from, to)] as const;
    const files = Object.fromEntries([
      re('rights_cases.csv', 'RC3,S1,2024-12-30,online,consultation,,,,,,', 'RC3,S1,2024-12-30,online,consultation,,,,2025-01-05,resolved,'),
      re('inspections.csv', '否,,', '是,消防通道堵塞,2024-08-01'),
      re('contracts.csv', '2025-12-31,2023-01-15,120', '2026-12-31,2023-01-15,120'),
      re('职代会.csv', '2024年,是,1,35,是', '2024年,是,2,35,是'),
      re('职工之家.csv', '2021-05-01,2024-02-01', '2021-05-01,'),
      re('劳模.csv', '2019-04-28,,是', '2019-04-28,,否'),
      re('funds.csv', '120,3000', '121,3050'),
      re('工会经费.csv', '2000000,40000,,', '2000000,40000,40000,2025-01-10'),
      re('服务站点.csv', '2023-12-31', '2024-06-30'),
      re('就业帮扶.csv', 'public_post,,', 'public_post,,社区公益岗'),
    ]);
    for (const [name, content] of Object.entries(files)) expect(content, name).not.toBe(GOOD[name.slice(3)]);
    const r = await ingestPaths(dbPath, [writeFiles(files)]);
    // every file: one row superseded, the others duplicates
    for (const f of r.files) expect(f, f.file).toMatchObject({ loaded: 1, superseded: 1, quarantined: 0 });
    const families = FAMILY_ORDER_2.filter((f) => f !== 'contract_units'); // its rows are all key: no content to change
    const counts = await query(dbPath, families.map((f) => `select '${f}' f, count(*)::int n, min(_superseded_by_batch) b from ${f}_history`).join(' union all '));
    expect(counts).toEqual(families.map((f) => ({ f, n: 1, b: r.batch })));
    expect(await query(dbPath, `select case_no, outcome from rights_cases_history`)).toEqual([{ case_no: 'RC3', outcome: null }]);
    expect(await query(dbPath, `select case_no, outcome from rights_cases where case_no = 'RC3'`)).toEqual([{ case_no: 'RC3', outcome: 'resolved' }]);
  });
});

describe('a warehouse made before the added columns', () => {
  it('gets them, keeps its rows unchanged, and takes a re-issue with them as a correction', async () => {
    const dbPath = join(tempDir(), 'old.duckdb');
    const base = Object.fromEntries(Object.entries(GOOD).filter(([n]) => ['orgs.csv', 'units.csv'].includes(n)));
    const oldOrgs = base['orgs.csv']!.replace(/,女职工委员会|,是$|,否$|,$/gm, '');
    await ingestPaths(dbPath, [writeFiles({ 'orgs.csv': oldOrgs })]);
    // as an older version made it: no has_women_committee anywhere
    const db = await Db.open(dbPath);
    await db.run('alter table orgs drop column has_women_committee; alter table orgs_history drop column has_women_committee');
    db.close();
    // the same rows under another name: the blank added column leaves their hash as it was
    const again = await ingestPaths(dbPath, [writeFiles({ '组织2.csv': oldOrgs })]);
    expect(again.files[0]).toMatchObject({ rows_read: 4, duplicates: 4, loaded: 0 });
    // R and C1 now say whether they have a women's committee: a change; S1 and G1 blank: the same
    const r = await ingestPaths(dbPath, [writeFiles({ 'orgs-v2.csv': base['orgs.csv']! })]);
    expect(r.files[0]).toMatchObject({ rows_read: 4, loaded: 2, superseded: 2, duplicates: 2 });
    expect(await query(dbPath, `select org_code, has_women_committee h, _superseded_by_batch b from orgs_history order by 1`)).toEqual([
      { org_code: 'C1', h: null, b: r.batch },
      { org_code: 'R', h: null, b: r.batch },
    ]);
  });
});

function db(): string {
  return good;
}
