// The indicator codes of ../shared/indicators-2.md (the work areas beyond coverage, relief and
// training) as data, in the shape of dictionary.ts, which merges them. Codes marked `component` are
// the parts of rates the spec names only in words (cases handled, mediations closed …).
// The SQL lives in queries/marts/{organisation,rights,democracy,honours,funds,services}.sql.
import type { Spec } from './dictionary.ts';
import {
  BY_ANY_ORG_TYPE, BY_CAMPAIGN, BY_CASE_KIND, BY_CENTRE_ORG_TYPE, BY_CHANNEL, BY_CONTRACT_SCOPE, BY_CONTRACT_TYPE,
  BY_DONOR_TYPE, BY_FUND_CAMPAIGN, BY_AID_CATEGORY, BY_HOME_TITLE, BY_INSPECTION_KIND, BY_LEVEL, BY_OWNERSHIP,
  BY_PLACEMENT_CHANNEL, BY_STATION_TYPE, BY_TITLE_LEVEL,
} from './dimensions.ts';

const D = { zh: '年末(12月31日)', en: 'the year end (31 Dec)' };

/** Added to coverage (组织覆盖). */
export const COVERAGE_ADDED: Spec[] = [
  { code: 'coverage.new_unions', zh: '新建工会组织', en: 'New unions', unit: '个', kind: 'count', timing: 'flow', breakdowns: [BY_ANY_ORG_TYPE],
    definition: { zh: '本级及下属组织中成立日期在当年的组织数，按组织类型', en: 'Orgs of the subtree founded in the year, by type' } },
  { code: 'coverage.new_units', zh: '新注册单位', en: 'Newly registered units', unit: '家', kind: 'count', timing: 'flow',
    definition: { zh: '辖区内注册日期在当年的单位数', en: 'Units in the area registered in the year' } },
  { code: 'coverage.units_200plus', zh: '200人以上单位', en: 'Units with 200+ employees', unit: '家', kind: 'count', timing: 'stock',
    definition: { zh: `辖区内${D.zh}存续、当年最近一次统计职工人数不少于200人的单位数`, en: `Units in the area standing at ${D.en} whose latest headcount of the year is 200 or more` } },
  { code: 'coverage.female_members', zh: '女会员人数', en: 'Female members', unit: '人', kind: 'count', timing: 'stock', component: true,
    definition: { zh: '年末在册会员中的女性人数', en: 'Members standing at the year end who are women' } },
  { code: 'coverage.female_employees', zh: '女职工人数', en: 'Female employees', unit: '人', kind: 'count', timing: 'stock', component: true,
    definition: { zh: '已建会单位当年最近一次统计的女职工人数之和', en: 'Sum of female employees in the latest headcount of the unionised units' } },
  { code: 'coverage.female_membership_rate', zh: '女职工入会率', en: 'Female membership rate', unit: '%', kind: 'rate', timing: 'stock',
    numerator: 'coverage.female_members', denominator: 'coverage.female_employees',
    definition: { zh: '女会员人数占已建会单位女职工人数的比例', en: 'Female members as a share of the female employees of unionised units' },
    formula: { zh: '女会员人数 ÷ 女职工人数', en: 'female members ÷ female employees' } },
];

export const WOMEN: Spec[] = [
  { code: 'women.committees', zh: '女职工委员会', en: 'Women workers’ committees', unit: '个', kind: 'count', timing: 'stock',
    definition: { zh: `本级及下属组织中${D.zh}存续且建有女职工委员会的组织数`, en: `Orgs of the subtree standing at ${D.en} with a women workers’ committee` } },
];

export const RELIEF_ADDED: Spec[] = [
  { code: 'relief.in_kind_value', zh: '实物帮扶', en: 'Aid in kind', unit: '元', kind: 'money', timing: 'flow', breakdowns: [BY_AID_CATEGORY, BY_CAMPAIGN],
    definition: { zh: '当年发放的帮扶中实物折价之和，按帮扶类别、帮扶活动', en: 'Value of goods given as aid in the year, by category and campaign' } },
];

const received = { zh: '当年受理', en: 'received in the year' };
export const RIGHTS: Spec[] = [
  { code: 'rights.cases', zh: '受理维权案件', en: 'Cases received', unit: '件', kind: 'count', timing: 'flow', breakdowns: [BY_CHANNEL, BY_CASE_KIND],
    definition: { zh: '本级及下属工会当年受理的维权案件数，按来源渠道、案件类别', en: 'Rights cases received by the subtree’s unions in the year, by channel and kind' } },
  { code: 'rights.person_times', zh: '接待职工', en: 'Workers received', unit: '人次', kind: 'count', timing: 'flow', breakdowns: [BY_CHANNEL, BY_CASE_KIND],
    definition: { zh: `${received.zh}案件涉及职工人数之和(空白按1人)`, en: `Sum of workers involved in the cases ${received.en} (blank = 1)` } },
  { code: 'rights.letters_visits', zh: '来信来访', en: 'Letters and visits', unit: '人次', kind: 'count', timing: 'flow',
    definition: { zh: '来信来访渠道受理案件涉及的职工人次', en: 'Workers received through letters and visits (rights.person_times:letter_visit)' } },
  { code: 'rights.cases_handled', zh: '已办结案件', en: 'Cases handled', unit: '件', kind: 'count', timing: 'flow', component: true,
    definition: { zh: `${received.zh}且在${D.zh}前办结的案件数`, en: `Cases ${received.en} and closed by ${D.en}` } },
  { code: 'rights.handling_rate', zh: '处理率', en: 'Handling rate', unit: '%', kind: 'rate', timing: 'flow',
    numerator: 'rights.cases_handled', denominator: 'rights.cases',
    definition: { zh: '当年受理案件中年末前办结的比例', en: 'Share of the cases received in the year closed by the year end' },
    formula: { zh: '已办结案件 ÷ 受理维权案件', en: 'cases handled ÷ cases received' } },
  { code: 'rights.legal_aid_cases', zh: '法律援助案件', en: 'Legal-aid cases', unit: '件', kind: 'count', timing: 'flow',
    definition: { zh: `${received.zh}的法律援助案件数`, en: `Legal-aid cases ${received.en}` } },
  { code: 'rights.legal_aid_persons', zh: '法律援助职工', en: 'Workers given legal aid', unit: '人', kind: 'count', timing: 'flow',
    definition: { zh: `${received.zh}法律援助案件涉及职工人数之和(每案每人计一次)`, en: `Workers involved in the legal-aid cases ${received.en} (each worker once per case)` } },
  { code: 'rights.disputes_mediated', zh: '成功调解劳动争议', en: 'Disputes mediated', unit: '件', kind: 'count', timing: 'flow',
    definition: { zh: '当年办结且调解成功的劳动争议调解案件数', en: 'Mediation cases closed in the year with a successful mediation' } },
  { code: 'rights.mediations_closed', zh: '办结调解案件', en: 'Mediations closed', unit: '件', kind: 'count', timing: 'flow', component: true,
    definition: { zh: '当年办结的劳动争议调解案件数', en: 'Mediation cases closed in the year' } },
  { code: 'rights.mediation_success_rate', zh: '调解成功率', en: 'Mediation success rate', unit: '%', kind: 'rate', timing: 'flow',
    numerator: 'rights.disputes_mediated', denominator: 'rights.mediations_closed',
    definition: { zh: '当年办结调解案件中调解成功的比例', en: 'Share of the mediations closed in the year that succeeded' },
    formula: { zh: '成功调解劳动争议 ÷ 办结调解案件', en: 'disputes mediated ÷ mediations closed' } },
  { code: 'rights.wages_recovered', zh: '追回欠薪', en: 'Wages recovered', unit: '元', kind: 'money', timing: 'flow', breakdowns: [BY_CASE_KIND],
    definition: { zh: '当年办结案件追回工资之和，按案件类别', en: 'Wages recovered by the cases closed in the year, by kind' } },
];

const inspected = { zh: '当年接受检查', en: 'inspected in the year' };
export const SUPERVISION: Spec[] = [
  { code: 'supervision.units_inspected', zh: '检查单位', en: 'Units inspected', unit: '家', kind: 'count', timing: 'flow', breakdowns: [BY_INSPECTION_KIND],
    definition: { zh: `辖区内${inspected.zh}的不同单位数，按检查类别`, en: `Distinct units in the area ${inspected.en}, by kind` } },
  { code: 'supervision.units_with_issues', zh: '发现问题单位', en: 'Units with issues', unit: '家', kind: 'count', timing: 'flow', breakdowns: [BY_INSPECTION_KIND],
    definition: { zh: '当年检查发现问题的单位数', en: 'Units with an inspection in the year that found an issue' } },
  { code: 'supervision.units_rectified', zh: '落实整改单位', en: 'Units rectified', unit: '家', kind: 'count', timing: 'flow', breakdowns: [BY_INSPECTION_KIND],
    definition: { zh: `发现问题单位中在${D.zh}前落实整改的单位数`, en: `Units with issues whose inspection was rectified by ${D.en}` } },
  { code: 'supervision.rectification_rate', zh: '整改率', en: 'Rectification rate', unit: '%', kind: 'rate', timing: 'flow', breakdowns: [BY_INSPECTION_KIND],
    numerator: 'supervision.units_rectified', denominator: 'supervision.units_with_issues',
    definition: { zh: '落实整改单位占发现问题单位的比例', en: 'Units rectified as a share of the units with issues' },
    formula: { zh: '落实整改单位 ÷ 发现问题单位', en: 'units rectified ÷ units with issues' } },
];

const inForce = { zh: `${D.zh}有效`, en: `in force at ${D.en}` };
export const CONTRACTS: Spec[] = [
  { code: 'contracts.signed', zh: '签订集体合同', en: 'Contracts signed', unit: '份', kind: 'count', timing: 'flow', breakdowns: [BY_CONTRACT_TYPE, BY_CONTRACT_SCOPE],
    definition: { zh: '本级及下属工会当年签订的集体合同数，按类别、签订形式', en: 'Collective contracts signed by the subtree’s unions in the year, by type and form' } },
  { code: 'contracts.in_force', zh: '有效集体合同', en: 'Contracts in force', unit: '份', kind: 'count', timing: 'stock', breakdowns: [BY_CONTRACT_TYPE, BY_CONTRACT_SCOPE],
    definition: { zh: `${inForce.zh}的集体合同数(签订不晚于年末，未到期或无到期日)`, en: `Contracts ${inForce.en} (signed by then, not expired before it)` } },
  { code: 'contracts.units_covered', zh: '覆盖单位', en: 'Units covered', unit: '家', kind: 'count', timing: 'stock', breakdowns: [BY_OWNERSHIP],
    definition: { zh: `辖区内${D.zh}存续、被${inForce.zh}集体合同覆盖的不同单位数，按经济类型`, en: `Distinct units in the area standing at ${D.en} covered by a contract in force then, by ownership` } },
  { code: 'contracts.unionised_covered', zh: '已签合同的已建会单位', en: 'Unionised units covered', unit: '家', kind: 'count', timing: 'stock', component: true, breakdowns: [BY_OWNERSHIP],
    definition: { zh: `已建会单位中被${inForce.zh}集体合同覆盖的单位数`, en: `Unionised units covered by a contract ${inForce.en}` } },
  { code: 'contracts.signing_rate', zh: '集体合同签订率', en: 'Contract signing rate', unit: '%', kind: 'rate', timing: 'stock', breakdowns: [BY_OWNERSHIP],
    numerator: 'contracts.unionised_covered', denominator: 'coverage.units_unionised',
    definition: { zh: '已建会单位中签订集体合同(年末有效)的比例，按经济类型', en: 'Share of the unionised units covered by a contract in force at the year end, by ownership' },
    formula: { zh: '已签合同的已建会单位 ÷ 已建会单位数', en: 'unionised units covered ÷ unionised units' } },
  { code: 'contracts.workers_covered', zh: '覆盖职工', en: 'Workers covered', unit: '人', kind: 'count', timing: 'stock', breakdowns: [BY_CONTRACT_TYPE],
    definition: { zh: `${inForce.zh}的综合性集体合同覆盖职工人数之和；按类别时各类别分别合计`, en: `Workers covered by the comprehensive contracts ${inForce.en}; by type, each type its own sum` } },
];

const ofYear = { zh: '当年职代会登记', en: 'the year’s democracy rows' };
export const CONGRESS: Spec[] = [
  { code: 'congress.units_established', zh: '建立职代会制度单位', en: 'Units with a workers’ congress', unit: '家', kind: 'count', timing: 'stock', breakdowns: [BY_OWNERSHIP],
    definition: { zh: `辖区内${ofYear.zh}中建立职代会制度的单位数，按经济类型`, en: `Units in the area whose row of ${ofYear.en} has a congress system, by ownership` } },
  { code: 'congress.unionised_established', zh: '建立职代会的已建会单位', en: 'Unionised units with a congress', unit: '家', kind: 'count', timing: 'stock', component: true, breakdowns: [BY_OWNERSHIP],
    definition: { zh: '已建会单位中当年建立职代会制度的单位数(无登记按未建立)', en: 'Unionised units whose row of the year has a congress (no row = no)' } },
  { code: 'congress.establishment_rate', zh: '职代会建制率', en: 'Congress establishment rate', unit: '%', kind: 'rate', timing: 'stock', breakdowns: [BY_OWNERSHIP],
    numerator: 'congress.unionised_established', denominator: 'coverage.units_unionised',
    definition: { zh: '已建会单位中建立职代会制度的比例', en: 'Share of the unionised units with a workers’ congress system' },
    formula: { zh: '建立职代会的已建会单位 ÷ 已建会单位数', en: 'unionised units with a congress ÷ unionised units' } },
  { code: 'congress.open_affairs_units', zh: '建立厂务公开制度单位', en: 'Units with open affairs', unit: '家', kind: 'count', timing: 'stock', breakdowns: [BY_OWNERSHIP],
    definition: { zh: `${ofYear.zh}中建立厂务(校务、院务)公开制度的单位数`, en: `Units whose row of ${ofYear.en} has open affairs` } },
  { code: 'congress.sessions', zh: '召开职代会', en: 'Congress sessions', unit: '次', kind: 'count', timing: 'flow', breakdowns: [BY_OWNERSHIP],
    definition: { zh: `${ofYear.zh}的召开次数之和`, en: `Sum of sessions in ${ofYear.en}` } },
  { code: 'congress.delegates', zh: '职工代表', en: 'Workers’ delegates', unit: '人', kind: 'count', timing: 'flow', breakdowns: [BY_OWNERSHIP],
    definition: { zh: `${ofYear.zh}的职工代表人数之和`, en: `Sum of delegates in ${ofYear.en}` } },
];

const standing = { zh: `${D.zh}有效(已授予、未撤销)`, en: `standing at ${D.en} (awarded, not revoked)` };
export const HONOURS: Spec[] = [
  { code: 'honours.workers_homes', zh: '职工之家', en: 'Workers’ homes', unit: '个', kind: 'count', timing: 'stock', breakdowns: [BY_HOME_TITLE, BY_LEVEL, BY_TITLE_LEVEL],
    definition: { zh: `本级及下属组织${standing.zh}的职工之家称号数，按称号、级别`, en: `Workers’-home titles of the subtree’s orgs ${standing.en}, by title and level` } },
  { code: 'honours.model_workers', zh: '劳动模范', en: 'Model workers', unit: '人', kind: 'count', timing: 'stock', breakdowns: [BY_LEVEL],
    definition: { zh: `${standing.zh}劳动模范称号的不同人数，按级别`, en: `Distinct people with a model-worker honour ${standing.en}, by level` } },
  { code: 'honours.model_workers_hardship', zh: '困难劳模', en: 'Model workers in hardship', unit: '人', kind: 'count', timing: 'stock', breakdowns: [BY_LEVEL],
    definition: { zh: '上述劳动模范中标注为困难劳模的人数', en: 'Of those, people marked in hardship on a standing honour' } },
  { code: 'honours.model_workers_awarded', zh: '新评劳模', en: 'Model workers awarded', unit: '人', kind: 'count', timing: 'flow', breakdowns: [BY_LEVEL],
    definition: { zh: '当年被授予劳动模范称号的不同人数，按级别', en: 'Distinct people awarded a model-worker honour in the year, by level' } },
  { code: 'honours.medals_awarded', zh: '五一劳动奖章', en: 'May Day medals', unit: '人', kind: 'count', timing: 'flow', breakdowns: [BY_LEVEL],
    definition: { zh: '当年获得五一劳动奖章的不同人数，按级别', en: 'Distinct people awarded a May Day labour medal in the year, by level' } },
];

export const FUNDS: Spec[] = [
  { code: 'funds.raised', zh: '募集资金', en: 'Funds raised', unit: '元', kind: 'money', timing: 'flow', breakdowns: [BY_FUND_CAMPAIGN, BY_DONOR_TYPE],
    definition: { zh: '本级及下属工会当年收到的募集资金合计，按活动、来源', en: 'Money received by the subtree’s unions in the year, by campaign and donor' } },
  { code: 'funds.donor_times', zh: '捐款人次', en: 'Donations', unit: '人次', kind: 'count', timing: 'flow', breakdowns: [BY_FUND_CAMPAIGN],
    definition: { zh: '有金额的捐款记录的捐款人数之和(空白按1)', en: 'Sum of donors (blank = 1) of the rows with an amount' } },
  { code: 'funds.items', zh: '捐物', en: 'Items donated', unit: '件', kind: 'count', timing: 'flow',
    definition: { zh: '当年收到的捐物件数之和', en: 'Items donated in the year' } },
  { code: 'funds.items_value', zh: '捐物折价', en: 'Value of items donated', unit: '元', kind: 'money', timing: 'flow',
    definition: { zh: '当年收到捐物的折价之和', en: 'Value of the items donated in the year' } },
];

const duesRows = { zh: '辖区内所属期止在当年的经费拨缴记录', en: 'dues rows of the area’s units with period_end in the year' };
export const DUES: Spec[] = [
  { code: 'dues.due', zh: '应拨缴经费', en: 'Union funds due', unit: '元', kind: 'money', timing: 'flow',
    definition: { zh: `${duesRows.zh}的应拨缴额之和(空白按工资总额的2%)`, en: `Sum of due of the ${duesRows.en} (blank = 2% of payroll)` } },
  { code: 'dues.collected', zh: '实缴经费', en: 'Union funds collected', unit: '元', kind: 'money', timing: 'flow',
    definition: { zh: `${duesRows.zh}的实缴额之和`, en: `Sum of paid of the ${duesRows.en}` } },
  { code: 'dues.collection_rate', zh: '经费收缴率', en: 'Collection rate', unit: '%', kind: 'rate', timing: 'flow',
    numerator: 'dues.collected', denominator: 'dues.due',
    definition: { zh: '实缴经费占应拨缴经费的比例(补缴可使其超过100%)', en: 'Funds collected as a share of funds due (late arrears can take it past 100%)' },
    formula: { zh: '实缴经费 ÷ 应拨缴经费', en: 'collected ÷ due' } },
];

export const STATIONS: Spec[] = [
  { code: 'stations.count', zh: '服务站点', en: 'Service points', unit: '个', kind: 'count', timing: 'stock', breakdowns: [BY_STATION_TYPE],
    definition: { zh: `本级及下属工会主办、${D.zh}在用的服务站点数，按类型`, en: `Service points run by the subtree’s unions open at ${D.en}, by type` } },
  { code: 'stations.centre_orgs', zh: '应建服务中心的工会', en: 'Federations expected to run a centre', unit: '个', kind: 'count', timing: 'stock', component: true, breakdowns: [BY_CENTRE_ORG_TYPE],
    definition: { zh: `${D.zh}存续的总工会、街道(乡镇)工会联合会数`, en: `Federations and street federations standing at ${D.en}` } },
  { code: 'stations.centre_orgs_with', zh: '建成服务中心的工会', en: 'Federations running a centre', unit: '个', kind: 'count', timing: 'stock', component: true, breakdowns: [BY_CENTRE_ORG_TYPE],
    definition: { zh: '其中主办在用的困难职工帮扶中心或职工服务中心的', en: 'Of those, the ones running an open help centre or service centre' } },
  { code: 'stations.coverage_rate', zh: '服务中心建成率', en: 'Service-centre coverage', unit: '%', kind: 'rate', timing: 'stock', breakdowns: [BY_CENTRE_ORG_TYPE],
    numerator: 'stations.centre_orgs_with', denominator: 'stations.centre_orgs',
    definition: { zh: '总工会、街道(乡镇)工会联合会中建成帮扶中心或服务中心的比例', en: 'Share of the federations and street federations running a help or service centre' },
    formula: { zh: '建成服务中心的工会 ÷ 应建服务中心的工会', en: 'federations running a centre ÷ federations' } },
];

export const EMPLOYMENT: Spec[] = [
  { code: 'employment.placements', zh: '帮扶就业', en: 'Job placements', unit: '人次', kind: 'count', timing: 'flow', breakdowns: [BY_PLACEMENT_CHANNEL],
    definition: { zh: '本级及下属工会当年帮扶实现就业的记录数，按就业渠道', en: 'Placements made by the subtree’s unions in the year (rows), by channel' } },
  { code: 'employment.persons', zh: '帮扶就业人数', en: 'People placed', unit: '人', kind: 'count', timing: 'flow', breakdowns: [BY_PLACEMENT_CHANNEL],
    definition: { zh: '上述就业帮扶的不同人数', en: 'Distinct people placed in the year' } },
];
