// The indicator dictionary (../shared/indicators.md) as data. The mart SQL (queries/marts/), the
// report, the dashboard's KPI cards and tooltips and the PDFs all address indicators by these codes.
// Codes marked `component` are the numerators/denominators of rates that the dictionary names only
// in words (migrant members, cadres …); they are computed and shown like any other.
import type { Unit } from '../format/index.ts';
import {
  BY_ACTIVITY_KIND,
  BY_AID_CATEGORY,
  BY_AUDIENCE,
  BY_FUND_SOURCE,
  BY_ORG_TYPE,
  BY_OUTCOME_AUDIENCE,
  BY_CAMPAIGN,
  BY_INDUSTRY,
  BY_OWNERSHIP,
  BY_OWNERSHIP_INDUSTRY,
  type Breakdown,
  type Dimension,
} from './dimensions.ts';
import {
  CONGRESS, CONTRACTS, COVERAGE_ADDED, DUES, EMPLOYMENT, FUNDS, HONOURS, RELIEF_ADDED, RIGHTS, STATIONS, SUPERVISION, WOMEN,
} from './dictionary-areas.ts';

export type Kind = 'rate' | 'count' | 'money' | 'ratio';
export type IndicatorFamily =
  | 'coverage' | 'relief' | 'training' | 'activity'
  // part 2 (shared/indicators-2.md, codes in dictionary-areas.ts)
  | 'women' | 'rights' | 'supervision' | 'contracts' | 'congress' | 'honours' | 'funds' | 'dues' | 'stations' | 'employment';
export type Text = { zh: string; en: string };

export interface Indicator {
  code: string;
  family: IndicatorFamily;
  zh: string;
  en: string;
  unit: Unit;
  kind: Kind;
  definition: Text;
  formula: Text;
  /** For rates and ratios: the codes of the parts (a breakdown key `x:dim` uses `num:dim` / `den:dim`). */
  numerator?: string;
  denominator?: string;
  /** Stock at D (Dec 31 of Y) or flow within Y. */
  timing: 'stock' | 'flow';
  breakdowns: Breakdown[];
  component?: boolean;
}

export const FAMILY_LABELS: Record<IndicatorFamily, Text> = {
  coverage: { zh: '组织覆盖', en: 'Coverage' },
  relief: { zh: '帮扶救助', en: 'Relief' },
  training: { zh: '教育培训', en: 'Training' },
  activity: { zh: '活动与维权', en: 'Activities and rights' },
  women: { zh: '女职工', en: 'Women workers' },
  rights: { zh: '维权', en: 'Rights protection' },
  supervision: { zh: '劳动法律监督', en: 'Labour-law supervision' },
  contracts: { zh: '集体合同', en: 'Collective contracts' },
  congress: { zh: '民主管理', en: 'Democratic management' },
  honours: { zh: '荣誉', en: 'Honours' },
  funds: { zh: '募集资金', en: 'Funds raised' },
  dues: { zh: '工会经费', en: 'Union funds' },
  stations: { zh: '服务阵地', en: 'Service network' },
  employment: { zh: '就业帮扶', en: 'Employment help' },
};

export type Spec = Omit<Indicator, 'family' | 'breakdowns' | 'formula'> & { breakdowns?: Breakdown[]; formula?: Text };

function family(f: IndicatorFamily, specs: Spec[]): Indicator[] {
  return specs.map((s) => ({
    ...s,
    family: f,
    breakdowns: s.breakdowns ?? [],
    formula: s.formula ?? s.definition,
  }));
}

const D = { zh: '年末(12月31日)', en: 'the year end (31 Dec)' };
/** The should-unionise list by ownership, industry and both (shared/indicators-2.md). */
const UNIT_DIMS = [BY_OWNERSHIP, BY_INDUSTRY, BY_OWNERSHIP_INDUSTRY];

export const INDICATORS: Indicator[] = [
  ...family('coverage', [
    { code: 'coverage.units_should', zh: '应建会单位数', en: 'Units that should unionise', unit: '家', kind: 'count', timing: 'stock', breakdowns: UNIT_DIMS,
      definition: { zh: `应建会、${D.zh}前注册(或无注册日期)且未注销的单位数。已建会单位计入覆盖它的工会(所属工会${D.zh}存续)，不论其所在辖区；其余单位计入所在辖区。独立基层工会、联合工会即按其覆盖的单位计算`, en: `Units that should unionise, registered by ${D.en} (or undated) and not closed by then. A unionised unit counts at the union covering it (standing at ${D.en}), wherever it sits; any other unit in its area. So an independent or joint union counts the units it covers` } },
    { code: 'coverage.units_unionised', zh: '已建会单位数', en: 'Unionised units', unit: '家', kind: 'count', timing: 'stock', breakdowns: UNIT_DIMS,
      definition: { zh: `应建会单位中有所属工会、建会日期不晚于${D.zh}且该工会${D.zh}存续(未撤销)的单位数`, en: `Of the units that should unionise, those with a union standing at ${D.en} (not dissolved) and a unionisation date on or before then` } },
    { code: 'coverage.unionisation_rate', zh: '工会组建率', en: 'Unionisation rate', unit: '%', kind: 'rate', timing: 'stock', breakdowns: UNIT_DIMS,
      numerator: 'coverage.units_unionised', denominator: 'coverage.units_should',
      definition: { zh: '已建会单位数占应建会单位数的比例', en: 'Share of the units that should unionise that have a union' },
      formula: { zh: '已建会单位数 ÷ 应建会单位数', en: 'unionised units ÷ units that should unionise' } },
    { code: 'coverage.unions_by_type', zh: '基层工会组织数', en: 'Base-level unions', unit: '个', kind: 'count', timing: 'stock', breakdowns: [BY_ORG_TYPE],
      definition: { zh: `本级及下属组织中${D.zh}存续(已成立、未撤销)的基层工会(社区工会、联合工会、独立基层工会)数，按类型`, en: `Community, joint and grassroots unions of the subtree standing at ${D.en} (founded, not dissolved), by type` } },
    { code: 'coverage.employees', zh: '职工人数', en: 'Employees', unit: '人', kind: 'count', timing: 'stock',
      definition: { zh: '已建会单位当年最近一次(不晚于年末)统计的职工人数之和，计入覆盖该单位的工会', en: 'Sum of the latest headcount within the year (on or before 31 Dec) of the unionised units, counted at the union covering each' } },
    { code: 'coverage.members', zh: '会员人数', en: 'Members', unit: '人', kind: 'count', timing: 'stock',
      definition: { zh: `本级及下属工会中入会日期不晚于${D.zh}且未在此前(含当日)离会的会员数`, en: `Members of the subtree's unions who joined on or before ${D.en} and had not left by then (leaving on 31 Dec counts as left)` } },
    { code: 'coverage.membership_rate', zh: '职工入会率', en: 'Membership rate', unit: '%', kind: 'rate', timing: 'stock',
      numerator: 'coverage.members', denominator: 'coverage.employees',
      definition: { zh: '会员人数占已建会单位职工人数的比例(工会按其覆盖的单位计算)', en: 'Members as a share of the employees of unionised units (a union: of the units it covers)' },
      formula: { zh: '会员人数 ÷ 职工人数', en: 'members ÷ employees' } },
    { code: 'coverage.migrant_members', zh: '农民工会员人数', en: 'Migrant-worker members', unit: '人', kind: 'count', timing: 'stock', component: true,
      definition: { zh: '年末在册会员中的农民工人数', en: 'Members standing at the year end who are migrant workers' } },
    { code: 'coverage.migrant_employees', zh: '农民工人数', en: 'Migrant employees', unit: '人', kind: 'count', timing: 'stock', component: true,
      definition: { zh: '已建会单位当年最近一次统计的农民工人数之和', en: 'Sum of migrant employees in the latest headcount of the unionised units' } },
    { code: 'coverage.migrant_membership_rate', zh: '农民工入会率', en: 'Migrant-worker membership rate', unit: '%', kind: 'rate', timing: 'stock',
      numerator: 'coverage.migrant_members', denominator: 'coverage.migrant_employees',
      definition: { zh: '农民工会员人数占已建会单位农民工人数的比例', en: 'Migrant-worker members as a share of the migrant employees of unionised units' },
      formula: { zh: '农民工会员人数 ÷ 农民工人数', en: 'migrant members ÷ migrant employees' } },
    { code: 'coverage.new_members', zh: '新发展会员', en: 'New members', unit: '人', kind: 'count', timing: 'flow',
      definition: { zh: '入会日期在当年的会员数', en: 'Members whose join date is in the year' } },
    ...COVERAGE_ADDED,
  ]),
  ...family('relief', [
    { code: 'relief.amount', zh: '帮扶金额', en: 'Aid paid', unit: '元', kind: 'money', timing: 'flow', breakdowns: [BY_AID_CATEGORY, BY_FUND_SOURCE, BY_CAMPAIGN],
      definition: { zh: '本级及下属组织当年发放的帮扶金额合计，按帮扶类别、资金来源', en: 'Aid paid in the year by the subtree, by category and fund source' } },
    { code: 'relief.person_times', zh: '帮扶人次', en: 'Aid person-times', unit: '人次', kind: 'count', timing: 'flow', breakdowns: [BY_AID_CATEGORY, BY_CAMPAIGN],
      definition: { zh: '当年帮扶发放记录数', en: 'Aid payments (rows) in the year' } },
    { code: 'relief.persons', zh: '受助人数', en: 'People aided', unit: '人', kind: 'count', timing: 'flow', breakdowns: [BY_AID_CATEGORY, BY_CAMPAIGN],
      definition: { zh: '当年受助的不同人数', en: 'Distinct recipients in the year' } },
    { code: 'relief.files_active', zh: '在档困难职工', en: 'Hardship files on record', unit: '户', kind: 'count', timing: 'flow',
      definition: { zh: '当年任一时点在档的困难职工档案数：建档不晚于年末，且未脱困或脱困日期在当年或以后', en: 'Hardship files on record at any time in the year: registered by 31 Dec and not exited before the year' } },
    { code: 'relief.files_open', zh: '年末在档', en: 'Files open at year end', unit: '户', kind: 'count', timing: 'stock',
      definition: { zh: '建档不晚于年末且年末前(含当日)未脱困的档案数', en: 'Files registered by 31 Dec with no exit on or before then' } },
    { code: 'relief.files_new', zh: '新建档', en: 'New files', unit: '户', kind: 'count', timing: 'flow',
      definition: { zh: '建档日期在当年的档案数', en: 'Files registered in the year' } },
    { code: 'relief.exits', zh: '脱困', en: 'Exits from hardship', unit: '户', kind: 'count', timing: 'flow',
      definition: { zh: '脱困日期在当年的档案数', en: 'Files with an exit date in the year' } },
    { code: 'relief.exit_rate', zh: '脱困率', en: 'Exit rate', unit: '%', kind: 'rate', timing: 'flow',
      numerator: 'relief.exits', denominator: 'relief.files_active',
      definition: { zh: '当年脱困户数占在档困难职工户数的比例', en: 'Exits in the year as a share of the files on record in the year' },
      formula: { zh: '脱困 ÷ 在档困难职工', en: 'exits ÷ files on record' } },
    { code: 'relief.avg_per_person_time', zh: '人均帮扶', en: 'Aid per person-time', unit: '元/人次', kind: 'ratio', timing: 'flow',
      numerator: 'relief.amount', denominator: 'relief.person_times',
      definition: { zh: '帮扶金额除以帮扶人次', en: 'Aid paid divided by aid person-times' },
      formula: { zh: '帮扶金额 ÷ 帮扶人次', en: 'aid paid ÷ person-times' } },
    ...RELIEF_ADDED,
  ]),
  ...family('training', [
    { code: 'training.sessions', zh: '培训期数', en: 'Training sessions', unit: '期', kind: 'count', timing: 'flow', breakdowns: [BY_AUDIENCE],
      definition: { zh: '本级及下属组织当年开班的培训期数', en: 'Training activities of the subtree starting in the year' } },
    { code: 'training.person_times', zh: '培训人次', en: 'Training person-times', unit: '人次', kind: 'count', timing: 'flow', breakdowns: [BY_AUDIENCE],
      definition: { zh: '上述培训的学员报名数(无学员名单的培训按参加人次计)', en: 'Enrollments of those sessions (participants where a session has no enrollments)' } },
    { code: 'training.persons', zh: '培训人数', en: 'People trained', unit: '人', kind: 'count', timing: 'flow', breakdowns: [BY_AUDIENCE],
      definition: { zh: '上述培训的不同学员人数', en: 'Distinct enrolled people' } },
    { code: 'training.hours', zh: '培训学时', en: 'Training hours', unit: '学时', kind: 'count', timing: 'flow', breakdowns: [BY_AUDIENCE],
      definition: { zh: '各期学时 × 结业学员数之和', en: 'Sum of session hours × completed enrollments' } },
    { code: 'training.cadres', zh: '工会干部人数', en: 'Union cadres', unit: '人', kind: 'count', timing: 'stock', component: true,
      definition: { zh: '年末在册会员中的工会干部人数', en: 'Members standing at the year end who are union cadres' } },
    { code: 'training.cadres_trained', zh: '参训工会干部', en: 'Cadres trained', unit: '人', kind: 'count', timing: 'flow', component: true,
      definition: { zh: '年末在册工会干部中当年结业过工会干部培训的人数', en: 'Cadres standing at the year end who completed a cadre course that started in the year' } },
    { code: 'training.cadre_rate', zh: '工会干部培训率', en: 'Cadre training rate', unit: '%', kind: 'rate', timing: 'flow',
      numerator: 'training.cadres_trained', denominator: 'training.cadres',
      definition: { zh: '当年结业工会干部培训的在册干部占年末工会干部人数的比例', en: 'Cadres who completed a cadre course in the year as a share of the cadres at the year end' },
      formula: { zh: '参训工会干部 ÷ 工会干部人数', en: 'cadres trained ÷ cadres' } },
    { code: 'training.completed', zh: '结业人次', en: 'Completed enrollments', unit: '人次', kind: 'count', timing: 'flow', component: true, breakdowns: [BY_OUTCOME_AUDIENCE],
      definition: { zh: '困难职工、下岗失业人员培训的结业人次', en: 'Completed enrollments of courses for workers in hardship and unemployed workers' } },
    { code: 'training.certified', zh: '取证人次', en: 'Certificates obtained', unit: '人次', kind: 'count', timing: 'flow', component: true, breakdowns: [BY_OUTCOME_AUDIENCE],
      definition: { zh: '上述结业学员中取得证书的人次', en: 'Of those completed enrollments, the certified' } },
    { code: 'training.employed', zh: '培训后就业人次', en: 'Employed after training', unit: '人次', kind: 'count', timing: 'flow', component: true, breakdowns: [BY_OUTCOME_AUDIENCE],
      definition: { zh: '上述结业学员中有就业日期的人次', en: 'Of those completed enrollments, those with an employment date' } },
    { code: 'training.certification_rate', zh: '取证率', en: 'Certification rate', unit: '%', kind: 'rate', timing: 'flow', breakdowns: [BY_OUTCOME_AUDIENCE],
      numerator: 'training.certified', denominator: 'training.completed',
      definition: { zh: '困难职工、下岗失业人员培训结业学员的取证比例', en: 'Certified share of the completed enrollments of hardship and unemployed courses' },
      formula: { zh: '取证人次 ÷ 结业人次', en: 'certified ÷ completed enrollments' } },
    { code: 'training.employment_rate', zh: '培训后就业率', en: 'Employment after training', unit: '%', kind: 'rate', timing: 'flow', breakdowns: [BY_OUTCOME_AUDIENCE],
      numerator: 'training.employed', denominator: 'training.completed',
      definition: { zh: '困难职工、下岗失业人员培训结业学员中实现就业的比例', en: 'Share of the completed enrollments of hardship and unemployed courses with an employment date' },
      formula: { zh: '培训后就业人次 ÷ 结业人次', en: 'employed ÷ completed enrollments' } },
  ]),
  ...family('activity', [
    { code: 'activity.count', zh: '活动场次', en: 'Activities', unit: '场', kind: 'count', timing: 'flow', breakdowns: [BY_ACTIVITY_KIND],
      definition: { zh: '本级及下属组织当年开始的活动场次，按类别', en: 'Activities of the subtree starting in the year, by kind' } },
    { code: 'activity.participants', zh: '参加人次', en: 'Participants', unit: '人次', kind: 'count', timing: 'flow', breakdowns: [BY_ACTIVITY_KIND],
      definition: { zh: '上述活动的参加人次之和(培训有学员名单时以名单为准)，按类别', en: 'Sum of participants of those activities (enrollments for training that has them), by kind' } },
  ]),
  ...family('women', WOMEN),
  ...family('rights', RIGHTS),
  ...family('supervision', SUPERVISION),
  ...family('contracts', CONTRACTS),
  ...family('congress', CONGRESS),
  ...family('honours', HONOURS),
  ...family('funds', FUNDS),
  ...family('dues', DUES),
  ...family('stations', STATIONS),
  ...family('employment', EMPLOYMENT),
];

/** The KPI cards of each family, in order. */
export const HEADLINES: Record<IndicatorFamily, string[]> = {
  coverage: ['coverage.unionisation_rate', 'coverage.membership_rate', 'coverage.members', 'coverage.new_members'],
  relief: ['relief.amount', 'relief.person_times', 'relief.files_open', 'relief.exit_rate'],
  training: ['training.sessions', 'training.person_times', 'training.cadre_rate', 'training.certification_rate'],
  activity: ['activity.count', 'activity.participants'],
  women: ['women.committees'],
  rights: ['rights.cases', 'rights.person_times', 'rights.handling_rate', 'rights.disputes_mediated'],
  supervision: ['supervision.units_inspected', 'supervision.units_rectified', 'supervision.rectification_rate'],
  contracts: ['contracts.signed', 'contracts.units_covered', 'contracts.signing_rate'],
  congress: ['congress.units_established', 'congress.establishment_rate', 'congress.open_affairs_units'],
  honours: ['honours.workers_homes', 'honours.model_workers', 'honours.model_workers_awarded'],
  funds: ['funds.raised', 'funds.donor_times', 'funds.items'],
  dues: ['dues.due', 'dues.collected', 'dues.collection_rate'],
  stations: ['stations.count', 'stations.coverage_rate'],
  employment: ['employment.placements', 'employment.persons'],
};

const BY_CODE = new Map(INDICATORS.map((i) => [i.code, i]));

export interface Resolved {
  key: string;
  indicator: Indicator;
  dimension?: Dimension;
  breakdown?: Breakdown;
  numerator?: string;
  denominator?: string;
  zh: string;
  en: string;
}

/** Resolves `code` or `code:dim`; undefined when the dictionary has no such key. */
export function resolve(key: string): Resolved | undefined {
  const [code = '', dim] = key.split(':');
  const indicator = BY_CODE.get(code);
  if (!indicator) return undefined;
  const part = (c?: string) => (c && dim ? `${c}:${dim}` : c);
  if (dim === undefined) return { key, indicator, numerator: indicator.numerator, denominator: indicator.denominator, zh: indicator.zh, en: indicator.en };
  for (const breakdown of indicator.breakdowns) {
    const dimension = breakdown.dims.find((d) => d.key === dim);
    if (dimension) {
      return {
        key, indicator, dimension, breakdown,
        numerator: part(indicator.numerator), denominator: part(indicator.denominator),
        zh: `${indicator.zh}·${dimension.zh}`, en: `${indicator.en}: ${dimension.en}`,
      };
    }
  }
  return undefined;
}

/** Every key the mart holds: each code, then each of its breakdowns, in dictionary order. */
export function allKeys(): string[] {
  return INDICATORS.flatMap((i) => [i.code, ...i.breakdowns.flatMap((b) => b.dims.map((d) => `${i.code}:${d.key}`))]);
}

export function indicatorsOf(f: IndicatorFamily): Indicator[] {
  return INDICATORS.filter((i) => i.family === f);
}
