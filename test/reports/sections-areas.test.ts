// The summary sections of the work areas of shared/indicators-2.md (权益维护, 民主管理, 荣誉与职工之家,
// 经费与服务) written from the hand-made federation of test/indicators/areas-fixture.ts, whose figures
// are worked out in test/indicators/{rights,democracy,honours,funds}.test.ts. An org with nothing in
// an area gets no section.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/duckdb.ts';
import { loadSummaryInput } from '../../reports/summary/load.ts';
import { sectionContext } from '../../reports/summary/compose.ts';
import { SECTION_BUILDERS } from '../../reports/summary/sections/index.ts';
import type { SectionDraft } from '../../reports/summary/sections/types.ts';
import { buildWarehouse } from '../indicators/fixture.ts';
import { AREAS } from '../indicators/areas-fixture.ts';

let db: Db;
beforeAll(async () => {
  db = await buildWarehouse(AREAS);
});
afterAll(() => db?.close());

async function drafts(org: string, year = 2024): Promise<Record<string, SectionDraft | null>> {
  const ctx = sectionContext(await loadSummaryInput(db, org, year, { generatedAt: '2025-01-01T00:00:00+08:00' }));
  return Object.fromEntries(SECTION_BUILDERS.filter((b) => ['rights', 'democracy', 'honours', 'services'].includes(b.key)).map((b) => [b.key, b.build(ctx)]));
}

it('writes the four areas in the seeds’ order: 权益维护 and 民主管理 after 组织建设, the other two at the end', () => {
  const keys = SECTION_BUILDERS.map((b) => b.key);
  expect(keys.indexOf('rights')).toBe(keys.indexOf('organisation') + 1);
  expect(keys.indexOf('democracy')).toBe(keys.indexOf('rights') + 1);
  expect(keys.slice(-2)).toEqual(['honours', 'services']);
});

it('权益维护: cases, legal aid and mediation, supervision by kind, and what is still open', async () => {
  const d = (await drafts('R')).rights!;
  expect(d.paragraphs).toEqual([
    '全年受理职工维权案件7件，接待职工26人次，其中来信来访14人次；年内办结5件，处理率71.4%。',
    '为6名职工提供法律援助，成功调解劳动争议2件，调解成功率66.7%，帮助职工追回欠薪4501元。',
    '开展劳动法律监督检查，检查用人单位3家，发现问题3家，落实整改2家，整改率66.7%。',
    '其中，劳动法律监督检查2家、落实整改1家；安全生产和防暑降温检查2家、落实整改1家。',
  ]);
  expect(d.problems).toEqual(['检查发现问题的单位中仍有1家未落实整改，监督检查的后续跟踪需要加强。']);
});

it('民主管理: contracts and congresses by ownership ("签订率分别达到…", "均达到…")', async () => {
  expect((await drafts('R')).democracy!.paragraphs).toEqual([
    '全年新签订集体合同3份，截至年底有效集体合同3份，覆盖单位3家，综合性集体合同覆盖职工550人，已建会单位集体合同签订率66.7%。',
    '全辖区1户私营企业签订了集体合同，签订率达到100%。',
    '全辖区建立职工代表大会制度的单位4家，已建会单位职代会建制率66.7%，建立厂务公开制度的单位2家。',
    '其中1户国有企业、1户私营企业建立了职工代表大会制度，建制率均达到100%。',
    '全年召开职代会5次，190名职工代表参加。',
  ]);
});

it('荣誉与职工之家: titles by level and title, model workers awarded and standing', async () => {
  expect((await drafts('R')).honours!.paragraphs).toEqual([
    '深入开展建家活动，截至年底全辖区共有县级“合格职工之家”1个，县级“先进职工之家”1个，市级“先进职工之家”1个。',
    '全年新评劳动模范3名（省级1名、市级2名）；1名职工获得五一劳动奖章（全国1名）；截至年底全辖区有劳动模范2名，其中困难劳模2名。',
  ]);
});

it('经费与服务: funds by campaign, goods, dues, service network and placements', async () => {
  const r = (await drafts('R')).services!;
  expect(r.paragraphs[0]).toBe('全年筹集帮扶资金71001元，捐物210件，折价5500元。');
  expect(r.paragraphs[1]).toBe('其中，“送温暖”募集10001元；“金秋助学”募集8000元；“一日捐”募集3000元。');
  expect(r.paragraphs.slice(3)).toEqual([
    '全辖区已建成困难职工帮扶中心1个、职工服务中心1个、帮扶工作站（点）1个、创业示范基地1个，服务中心建成率66.7%。',
    '全年帮扶实现就业再就业4人次，涉及3人。',
  ]);
  // goods only, and dues paid past 100%
  expect((await drafts('S2')).services!.paragraphs.slice(0, 2)).toEqual(['全年收到捐物200件，折价4000元。', '全年应拨缴工会经费1200元，实缴1500元，经费收缴率125%。']);
});

it('an org with nothing in an area gets no section', async () => {
  const e = await drafts('E');
  expect(e.democracy).toBeNull();
  expect(e.honours).toBeNull();
  expect(e.services).toBeNull();
});

/** The sections of part 1 that part 2's registers add sentences to. */
async function partOne(org: string, key: 'organisation' | 'relief', year = 2024): Promise<string[]> {
  const ctx = sectionContext(await loadSummaryInput(db, org, year, { generatedAt: '2025-01-01T00:00:00+08:00' }));
  return SECTION_BUILDERS.find((b) => b.key === key)!.build(ctx)!.paragraphs;
}

it('组织建设 adds the new unions by type, new units, units of 200+ and women’s committees (organisation.test.ts)', async () => {
  // R 2024: founded C1, G1, S2 (one of each type); U2 registered; U1 U2 U5 U7 ≥ 200; committees R S1 C1;
  // female members M1 M2 of 240 female employees (0.8%)
  expect((await partOne('R', 'organisation'))[2]).toBe(
    '全年新建工会组织3个（街道乡镇工会1个、社区工会1个、基层工会1个）；新注册单位1家；' +
      '截至年底，全辖区200人以上企事业单位4家，建立女职工委员会3个，女职工入会率0.8%。',
  );
  // S2 alone: one type names itself; no committee (blank = no) and no female member: not written
  expect((await partOne('S2', 'organisation'))[2]).toBe('全年新建街道乡镇工会组织1个；截至年底，全街道200人以上企事业单位1家。');
});

it('帮扶救助 adds the campaigns in one breath, 人次 then 金额, largest first (aid.campaign)', async () => {
  // 金秋助学: V2 1000 + V3 500, in kind 200; 送温暖: V1 600 and V4's goods (300) — V5 has no campaign
  expect(await partOne('R', 'relief')).toContain(
    '开展帮扶活动，“金秋助学”资助2人次1500元，实物折价200元；“送温暖”慰问2人次600元，实物折价300元。',
  );
  // S2: 送温暖 only in goods: 人次 and the goods' value, no 0元
  expect(await partOne('S2', 'relief')).toContain('开展帮扶活动，“送温暖”慰问1人次，实物折价300元。');
});
