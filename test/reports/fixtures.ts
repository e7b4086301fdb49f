// Hand-made report inputs: a street federation with three community unions (the numbers of the
// published example: 163/157 units, 1270/1211 people), an org with no data in the year, and an org
// with data in only one family. Figures are what the indicator reader returns, so the template is
// tested without a warehouse; the warehouse path is tested separately (load.test.ts).
import type { Figure, OrgRef, Slice, SummaryInput } from '../../reports/summary/types.ts';

export const GENERATED_AT = '2026-01-15T02:30:00.000Z';

const org = (code: string, name: string, type: string, typeZh: string, typeEn: string): OrgRef => ({ code, name, type, typeZh, typeEn });
const STREET = org('S01', '东湖街道工会联合会', 'street_federation', '街道(乡镇)工会联合会', 'Street federation');
const DISTRICT = org('D01', '青山区总工会', 'federation', '总工会', 'Federation');
const community = (n: number, name: string) => org(`S01-C0${n}`, name, 'community_union', '社区(联合)工会', 'Community union');

const count = (value: number | null, unit: Figure['unit'], previous: number | null = null): Figure => ({ value, unit, previous });
const rate = (num: number, den: number, prevNum: number | null = null, prevDen: number | null = null): Figure => ({
  value: den ? Math.round((num / den) * 10000) / 10000 : null,
  unit: '%',
  numerator: num,
  denominator: den,
  previous: prevNum !== null && prevDen ? Math.round((prevNum / prevDen) * 10000) / 10000 : null,
  previousNumerator: prevNum,
  previousDenominator: prevDen,
});
const slice = (key: string, zh: string, en: string, value: number | null): Slice => ({ key, zh, en, value });

const DEFINITIONS: SummaryInput['definitions'] = [
  { code: 'coverage.unionisation_rate', zh: '工会组建率', en: 'Unionisation rate', unit: '%', definitionZh: '已建会单位数 ÷ 应建会单位数', definitionEn: 'unionised units ÷ units that should unionise' },
  { code: 'coverage.membership_rate', zh: '职工入会率', en: 'Membership rate', unit: '%', definitionZh: '会员人数 ÷ 职工人数', definitionEn: 'members ÷ employees' },
  { code: 'relief.amount', zh: '帮扶金额', en: 'Aid paid', unit: '元', definitionZh: '当年发放的帮扶金额合计', definitionEn: 'Sum of aid paid in the year' },
];

function empty(o: OrgRef, parents: OrgRef[]): SummaryInput {
  return {
    org: o,
    parents,
    year: 2025,
    asOf: '2025-12-31',
    batch: { id: 3, finishedAt: '2026-01-10T01:00:00.000Z' },
    generatedAt: GENERATED_AT,
    figures: {},
    breakdowns: { unionsByType: [], reliefByCategory: [], activityByKind: [] },
    trend: [],
    children: [],
    definitions: DEFINITIONS,
  };
}

export function federation(): SummaryInput {
  return {
    ...empty(STREET, [DISTRICT]),
    figures: {
      'coverage.units_should': count(163, '家', 160),
      'coverage.units_unionised': count(157, '家', 152),
      'coverage.unionisation_rate': rate(157, 163, 155, 163),
      'coverage.employees': count(1270, '人', 1240),
      'coverage.members': count(1211, '人', 1160),
      'coverage.membership_rate': rate(1211, 1270, 1160, 1240),
      'coverage.migrant_membership_rate': rate(212, 260, 190, 251),
      'coverage.new_members': count(96, '人', 88),
      'coverage.unions_by_type': count(24, '个', 23),
      'relief.amount': count(335000, '元', 308755.3),
      'relief.person_times': count(412, '人次', 390),
      'relief.persons': count(268, '人'),
      'relief.avg_per_person_time': count(813.11, '元/人次'),
      'relief.files_active': count(58, '户', 61),
      'relief.files_open': count(41, '户'),
      'relief.files_new': count(9, '户'),
      'relief.exits': count(17, '户'),
      'relief.exit_rate': rate(17, 58, 12, 61),
      'training.sessions': count(14, '期', 11),
      'training.person_times': count(655, '人次', 590),
      'training.persons': count(530, '人'),
      'training.hours': count(3930.5, '学时'),
      'training.cadre_rate': rate(61, 72, 50, 70),
      'training.certification_rate': rate(44, 52),
      'training.employment_rate': rate(31, 52),
      'activity.count': count(86, '场', 80),
      'activity.participants': count(5120, '人次', 4870),
      // Breakdowns as the reader returns them (code:dimension). Relief by category: 人次 and 金额.
      'relief.amount:living': count(150000, '元'),
      'relief.person_times:living': count(180, '人次'),
      'relief.amount:medical': count(120000, '元'),
      'relief.person_times:medical': count(46, '人次'),
      'relief.amount:education': count(65000, '元'),
      'relief.person_times:education': count(26, '人次'),
      'relief.amount:holiday': count(0, '元'),
      'relief.amount:union_funds': count(185000, '元'),
      'relief.amount:higher_union': count(120000, '元'),
      'relief.amount:donation': count(30000, '元'),
      'training.person_times:cadre': count(72, '人次'),
      'training.person_times:workers': count(451, '人次'),
      'training.person_times:hardship': count(80, '人次'),
      'training.person_times:unemployed': count(52, '人次'),
      'coverage.unions_by_type:community_union': count(6, '个'),
      'coverage.unions_by_type:joint_union': count(3, '个'),
      'coverage.unions_by_type:grassroots_union': count(15, '个'),
      // 86 activities, of which 14 training (counted under training) and 10 职代会 (not 场).
      'activity.count:culture_sports': count(40, '场'),
      'activity.participants:culture_sports': count(3200, '人次'),
      'activity.count:legal_education': count(22, '场'),
      'activity.participants:legal_education': count(1100, '人次'),
      'activity.count:training': count(14, '场'),
      'activity.participants:training': count(655, '人次'),
      'activity.count:congress': count(10, '场'),
      'activity.participants:congress': count(165, '人次'),
    },
    breakdowns: {
      unionsByType: [
        slice('community_union', '社区(联合)工会', 'Community unions', 6),
        slice('joint_union', '区域/行业联合工会', 'Joint unions', 3),
        slice('grassroots_union', '独立基层工会', 'Grassroots unions', 15),
      ],
      reliefByCategory: [
        slice('living', '生活救助', 'Living assistance', 150000),
        slice('medical', '医疗救助', 'Medical assistance', 120000),
        slice('education', '助学', 'Education grants', 65000),
        slice('holiday', '节日慰问', 'Holiday visits', 0),
      ],
      activityByKind: [
        slice('culture_sports', '文体活动', 'Culture and sports', 40),
        slice('legal_education', '普法宣传', 'Legal education', 22),
        slice('training', '培训', 'Training', 14),
        slice('congress', '职代会', 'Workers’ congresses', 10),
      ],
    },
    trend: [
      { year: 2023, members: 1105, membershipRate: 0.9132, reliefAmount: 280000 },
      { year: 2024, members: 1160, membershipRate: 0.9355, reliefAmount: 308755.3 },
      { year: 2025, members: 1211, membershipRate: 0.9535, reliefAmount: 335000 },
    ],
    children: [
      { org: community(1, '东湖社区工会'), figures: { 'coverage.members': count(520, '人'), 'coverage.membership_rate': rate(520, 540), 'coverage.unionisation_rate': rate(70, 72), 'relief.amount': count(150000, '元'), 'training.person_times': count(300, '人次'), 'activity.count': count(40, '场') } },
      { org: community(2, '西湖社区工会'), figures: { 'coverage.members': count(480, '人'), 'coverage.membership_rate': rate(480, 500), 'coverage.unionisation_rate': rate(60, 62), 'relief.amount': count(185000, '元'), 'training.person_times': count(355, '人次'), 'activity.count': count(46, '场') } },
      // A new community union with members but no headcounts yet: its rates must read "—".
      { org: community(3, '南岸社区联合工会'), figures: { 'coverage.members': count(211, '人'), 'coverage.membership_rate': rate(211, 0), 'coverage.unionisation_rate': rate(0, 0) } },
    ],
  };
}

/** An org that exists but has nothing at all in the year. */
export function noData(): SummaryInput {
  return empty(community(4, '北山社区工会'), [DISTRICT, STREET]);
}

/** An org with aid payments only (no members, units, training or activities registered). */
export function reliefOnly(): SummaryInput {
  return {
    ...empty(community(5, '临江社区工会'), [DISTRICT, STREET]),
    figures: {
      'relief.amount': count(12800, '元'),
      'relief.person_times': count(16, '人次'),
      'relief.persons': count(16, '人'),
      'relief.avg_per_person_time': count(800, '元/人次'),
      'relief.exit_rate': rate(0, 0),
      'relief.amount:holiday': count(12800, '元'),
      'relief.person_times:holiday': count(16, '人次'),
    },
    breakdowns: { unionsByType: [], reliefByCategory: [slice('holiday', '节日慰问', 'Holiday visits', 12800)], activityByKind: [] },
  };
}

/** A federation with many children, to make the child table span pages (header repeated). */
export function manyChildren(n = 90): SummaryInput {
  const base = federation();
  const kids = Array.from({ length: n }, (_, i) => ({
    org: org(`S01-G${String(i + 1).padStart(3, '0')}`, `第${i + 1}基层工会`, 'grassroots_union', '独立基层工会', 'Grassroots union'),
    figures: { 'coverage.members': count(10 + i, '人'), 'coverage.membership_rate': rate(10 + i, 12 + i), 'activity.count': count(i % 4, '场') },
  }));
  return { ...base, children: kids };
}

/** A county federation (总工会) whose aid fell sharply and whose membership rate slipped: both must
 *  appear under 存在的问题, not among the achievements. */
export function county(): SummaryInput {
  const base = federation();
  const COUNTY = org('530423000', '云岭县总工会', 'federation', '总工会', 'Federation');
  return {
    ...base,
    org: COUNTY,
    parents: [],
    figures: {
      ...base.figures,
      'coverage.units_should': count(2396, '家', 2310),
      'coverage.units_unionised': count(2204, '家', 2150),
      'coverage.unionisation_rate': rate(2204, 2396, 2150, 2310),
      'coverage.employees': count(50566, '人', 49870),
      'coverage.members': count(45120, '人', 45300),
      // 45120/50566 = 89.2%, 45300/49870 = 90.8%: down 1.6 points → a problem.
      'coverage.membership_rate': rate(45120, 50566, 45300, 49870),
      // 28900 against 54800: down 47.3% → a problem, not an achievement.
      'relief.amount': count(28900, '元', 54800),
      'relief.amount:living': count(28900, '元'),
      'relief.person_times:living': count(37, '人次'),
      'relief.amount:medical': count(0, '元'),
      'relief.amount:education': count(0, '元'),
      'relief.amount:union_funds': count(28900, '元'),
      'relief.amount:higher_union': count(0, '元'),
      'relief.amount:donation': count(0, '元'),
      'relief.person_times': count(37, '人次', 60),
      'relief.persons': count(31, '人'),
    },
  };
}

/** A community union: small numbers (no 同比 under the base), one child-free org. */
export function communityUnion(): SummaryInput {
  return {
    ...empty(org('S01-C01', '东湖社区工会', 'community_union', '社区(联合)工会', 'Community union'), [DISTRICT, STREET]),
    figures: {
      'coverage.units_should': count(12, '家', 11),
      'coverage.units_unionised': count(11, '家', 10),
      'coverage.unionisation_rate': rate(11, 12, 10, 11),
      'coverage.employees': count(540, '人', 520),
      'coverage.members': count(520, '人', 498),
      'coverage.membership_rate': rate(520, 540, 498, 520),
      'coverage.new_members': count(22, '人', 25),
      'relief.amount': count(43700, '元', 41200),
      'relief.person_times': count(94, '人次', 90),
      'relief.persons': count(61, '人'),
      'relief.amount:holiday': count(27700, '元'),
      'relief.person_times:holiday': count(80, '人次'),
      'relief.amount:medical': count(16000, '元'),
      'relief.person_times:medical': count(14, '人次'),
      'relief.amount:union_funds': count(38600, '元'),
      'relief.amount:donation': count(5100, '元'),
      'activity.count': count(9, '场', 8),
      'activity.participants': count(410, '人次'),
      'activity.count:culture_sports': count(6, '场'),
      'activity.participants:culture_sports': count(350, '人次'),
      'activity.count:volunteer': count(2, '场'),
      'activity.participants:volunteer': count(40, '人次'),
      'activity.count:legal_aid': count(1, '场'),
      'activity.participants:legal_aid': count(20, '人次'),
    },
  };
}

/** A joint union: its coverage is over the units it covers (all unionised), so no 组建率 is written. */
export function jointUnion(): SummaryInput {
  return {
    ...empty(org('S01-J01', '东湖街道餐饮行业联合工会', 'joint_union', '区域/行业联合工会', 'Joint union'), [DISTRICT, STREET]),
    figures: {
      'coverage.units_should': count(12, '家', 12),
      'coverage.units_unionised': count(12, '家', 12),
      'coverage.unionisation_rate': rate(12, 12, 12, 12),
      'coverage.employees': count(350, '人', 330),
      'coverage.members': count(320, '人', 290),
      'coverage.membership_rate': rate(320, 350, 290, 330),
      'coverage.unions_by_type': count(1, '个', 1),
    },
  };
}
