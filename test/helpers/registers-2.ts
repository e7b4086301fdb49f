// Register files of data-contract-2 for the tests: a good file per family on top of BASE (the tiny
// federation of warehouse.ts), and a bad file per family whose every row breaks exactly one rule.
import { makeIdNumber } from '../../src/lib/ids/gb11643.ts';
import { makeCreditCode } from '../../src/lib/ids/gb32100.ts';
import { BASE, ID_F, ID_M, UNIT_A, UNIT_B } from './warehouse.ts';

/** A valid code of a unit nobody registered. */
export const UNIT_C = makeCreditCode('530423', '11112222');
/** UNIT_A with a wrong check character. */
export const UNIT_BAD = UNIT_A.slice(0, 17) + (UNIT_A[17] === '0' ? '1' : '0');
/** A valid ID of a person who is not a member. */
export const ID_X = makeIdNumber('530423', '19700505', 7, '男');

const csv = (header: string, rows: string[]) => `${header}\n${rows.join('\n')}\n`;

const H = {
  rights: 'case_no,org_code,received_on,channel,kind,workers_involved,applicant,unit_code,closed_on,outcome,wages_recovered',
  inspections: '被检查单位代码,检查类别,检查日期,检查工会,发现问题,问题描述,整改日期',
  contracts: 'contract_no,org_code,type,scope,unit_code,signed_on,expires_on,filed_on,workers_covered',
  contractUnits: 'contract_no,unit_code',
  democracy: '统一社会信用代码,年度,建立职代会制度,召开次数,职工代表人数,建立厂务公开制度',
  orgHonours: 'org_code,title,level,awarded_on,revoked_on',
  personHonours: 'member_no,id_number,name,org_code,honour,level,awarded_on,revoked_on,hardship',
  funds: 'receipt_no,received_on,org_code,campaign,donor_type,donor,donors,amount,items,items_value',
  dues: 'unit_code,period_start,period_end,payroll,due,paid,paid_on',
  stations: 'station_code,station_name,org_code,type,unit_code,opened_on,closed_on',
  placements: 'member_no,id_number,name,org_code,placed_on,channel,employer_code,employer_name',
  aid: 'voucher_no,paid_on,org_code,member_no,category,amount,campaign,in_kind_value',
};

/** BASE with the added columns of part 1's families, and a good file of every part-2 family. */
export const GOOD: Record<string, string> = {
  ...BASE,
  'orgs.csv': `org_code,org_name,parent_code,org_type,founded_on,女职工委员会
R,云岭县总工会,,federation,2000-01-01,是
S1,城关街道工会联合会,R,street_federation,2001-03-05,
C1,东门社区工会,S1,community_union,2005-03-05,否
G1,云岭商贸公司工会,C1,grassroots_union,2010-01-01,
`,
  'units.csv': BASE['units.csv']
    .replace('registered_on\n', 'registered_on,经济类型,行业门类\n')
    .replace('2010-01-01\n', '2010-01-01,private,F\n')
    .replace('2018-06-01\n', '2018-06-01,私营,住宿和餐饮业\n'),
  'aid.csv': csv(H.aid, ['V1,2024-01-20,G1,M1,holiday,500,送温暖,', 'V2,2024-01-21,G1,M2,holiday,,warmth,300']),
  'rights_cases.csv': csv(H.rights, [
    `RC1,G1,2024-03-01,来信来访,法律援助,3,张三,${UNIT_A},2024-04-01,resolved,`,
    'RC2,C1,2024-05-01,12351热线,mediation,,,,2024-05-20,mediated,12000',
    'RC3,S1,2024-12-30,online,consultation,,,,,,',
  ]),
  'inspections.csv': csv(H.inspections, [`${UNIT_A},两法一条例,2024-06-01,C1,是,未签劳动合同,2024-07-01`, `${UNIT_B},safety,2024-07-15,C1,否,,`]),
  'contracts.csv': csv(H.contracts, [`K1,G1,comprehensive,single,${UNIT_A},2023-01-01,2025-12-31,2023-01-15,120`, 'K2,C1,工资专项,区域,,2024-03-01,,,300']),
  'contract_units.csv': csv(H.contractUnits, [`K2,${UNIT_A}`, `K2,${UNIT_B}`]),
  '职代会.csv': csv(H.democracy, [`${UNIT_A},2024年,是,1,35,是`, `${UNIT_B},2024,否,0,,`]),
  '职工之家.csv': csv(H.orgHonours, ['G1,合格,县级,2020-05-01,', 'C1,advanced,city,2021-05-01,2024-02-01']),
  '劳模.csv': csv(H.personHonours, ['M1,,张丽,G1,劳动模范,省级,2019-04-28,,是', `,${ID_X},李四,S1,五一劳动奖章,全国,2024-04-28,,`]),
  'funds.csv': csv(H.funds, ['F1,2024-05-10,R,一日捐,workers,,120,3000,,', 'F2,2024-01-15,C1,warmth,units,云岭商贸有限公司,,,200,8000']),
  '工会经费.csv': csv(H.dues, [
    `${UNIT_A},2024-01-01,2024-06-30,1234.25,,24.69,2024-07-10`,
    `${UNIT_A},2024-07-01,2024-12-31,2000000,40000,,`,
    `${UNIT_B},2024-01-01,2024-12-31,50000,,0,`,
  ]),
  '服务站点.csv': csv(H.stations, ['ST1,云岭县困难职工帮扶中心,R,help_centre,,2015-01-01,', `ST2,东门社区帮扶站点,C1,帮扶站点,${UNIT_A},2018-03-01,2023-12-31`]),
  '就业帮扶.csv': csv(H.placements, [`M2,,,C1,2024-03-15,春送岗位,${UNIT_A},云岭商贸有限公司`, ',,赵六,C1,2024-04-01,public_post,,']),
};

/** [file, row, column, reason]: what the quarantine must hold after BAD is ingested on top of GOOD. */
export type Expected = [string, number, string | null, string];

const bad = (file: string, header: string, rows: [string, string | null, string][]) => ({
  file,
  content: csv(header, rows.map((r) => r[0])),
  expected: rows.map(([, col, reason], i): Expected => [file, i + 2, col, reason]),
});

export const BAD = [
  bad('units-bad.csv', 'unit_code,unit_name,area_org_code,should_unionise,经济类型', [[`${UNIT_C},某厂,C1,否,外星`, 'ownership', 'bad_enum']]),
  bad('aid-bad.csv', H.aid, [
    ['V9,2024-01-20,G1,M1,holiday,,warmth,', 'amount', 'required'], // neither amount nor in-kind value
    ['V10,2024-01-20,G1,M1,holiday,100,冬季送温暖,', 'campaign', 'bad_enum'],
    ['V11,2024-01-20,G1,M1,holiday,,,0', 'in_kind_value', 'bad_money'], // given (so amount may be blank) but not > 0
  ]),
  bad('rights_cases-bad.csv', H.rights, [
    ['RC9,G404,2024-03-01,letter_visit,consultation,,,,,,', 'org_code', 'unknown_org'],
    ['RC10,G1,2024-03-01,hotline,consultation,,,,2024-02-01,resolved,', 'closed_on', 'date_order'],
    ['RC11,G1,2024-03-01,hotline,consultation,,,,2024-04-01,,', 'outcome', 'required'],
    ['RC12,G1,2024-03-01,hotline,wage_arrears,,,,,resolved,500', 'closed_on', 'required'], // one problem for both cells
    ['RC13,G1,2024-03-01,hotline,consultation,,,,2024-04-01,mediated,', 'outcome', 'out_of_range'],
    ['RC14,G1,2024-03-01,hotline,consultation,0,,,,,', 'workers_involved', 'out_of_range'],
    [`RC15,G1,2024-03-01,hotline,consultation,,,${UNIT_BAD},,,`, 'unit_code', 'bad_credit_code'],
  ]),
  bad('inspections-bad.csv', H.inspections, [
    [`${UNIT_C},labour_law,2024-06-01,C1,是,,`, 'unit_code', 'unknown_unit'],
    [`${UNIT_A},labour_law,2024-06-02,G404,是,,`, 'org_code', 'unknown_org'],
    [`${UNIT_A},labour_law,2024-06-03,C1,是,,2024-05-01`, 'rectified_on', 'date_order'],
    [`${UNIT_A},safety,2024-06-04,C1,否,,2024-06-05`, 'rectified_on', 'out_of_range'],
  ]),
  bad('contracts-bad.csv', H.contracts, [
    [`K9,G404,comprehensive,single,${UNIT_A},2024-01-01,,,`, 'org_code', 'unknown_org'],
    [`K10,G1,comprehensive,single,${UNIT_C},2024-01-01,,,`, 'unit_code', 'unknown_unit'],
    ['K11,G1,comprehensive,single,,2024-01-01,,,', 'unit_code', 'required'],
    [`K12,C1,wage,industry,${UNIT_A},2024-01-01,,,`, 'unit_code', 'out_of_range'],
    [`K13,G1,women,single,${UNIT_A},2024-01-01,2023-12-31,,`, 'expires_on', 'date_order'],
    [`K14,G1,women,single,${UNIT_A},2024-01-01,,2023-12-01,`, 'filed_on', 'date_order'],
  ]),
  bad('contract_units-bad.csv', H.contractUnits, [
    [`K404,${UNIT_A}`, 'contract_no', 'unknown_contract'],
    [`K1,${UNIT_B}`, 'contract_no', 'out_of_range'], // K1 is a single-unit contract
    [`K2,${UNIT_C}`, 'unit_code', 'unknown_unit'],
  ]),
  bad('职代会-bad.csv', H.democracy, [
    [`${UNIT_C},2024,是,1,10,`, 'unit_code', 'unknown_unit'],
    [`${UNIT_A},1900,是,1,10,`, 'year', 'out_of_range'],
    [`${UNIT_A},2023,否,2,,`, 'sessions', 'out_of_range'],
    [`${UNIT_A},二〇二三,是,,,`, 'year', 'bad_int'],
  ]),
  bad('职工之家-bad.csv', H.orgHonours, [
    ['G404,qualified,county,2020-01-01,', 'org_code', 'unknown_org'],
    ['G1,model,province,2020-01-01,2019-01-01', 'revoked_on', 'date_order'],
    ['G1,优秀,county,2020-01-01,', 'title', 'bad_enum'],
  ]),
  bad('劳模-bad.csv', H.personHonours, [
    ['M404,,,G1,model_worker,county,2020-01-01,,', 'member_no', 'unknown_member'],
    [`M1,${ID_M},,G1,model_worker,county,2020-01-01,,`, 'id_number', 'person_mismatch'],
    [',,王五,G1,model_worker,county,2020-01-01,,', null, 'missing_person'], // a name alone identifies nobody here
    ['M2,,,G404,medal,county,2020-01-01,,', 'org_code', 'unknown_org'],
    ['M2,,,G1,medal,city,2020-01-01,2019-01-01,', 'revoked_on', 'date_order'],
  ]),
  bad('funds-bad.csv', H.funds, [
    ['F9,2024-01-01,G404,,,,,100,,', 'org_code', 'unknown_org'],
    ['F10,2024-01-01,G1,,,,,,,', 'amount', 'required'],
    ['F11,2024-01-01,G1,,,,0,100,,', 'donors', 'out_of_range'],
    ['F12,2024-01-01,G1,,,,,,0,', 'items', 'out_of_range'],
    ['F13,2024-01-01,G1,一日捐,,,,3.2万,,', 'amount', 'money_in_wan'],
  ]),
  bad('工会经费-bad.csv', H.dues, [
    [`${UNIT_C},2024-01-01,2024-12-31,1000,,,`, 'unit_code', 'unknown_unit'],
    [`${UNIT_B},2024-06-30,2024-01-01,1000,,,`, 'period_end', 'date_order'],
    [`${UNIT_B},2020-07-01,2021-06-30,1000,,,`, 'period_end', 'out_of_range'],
    [`${UNIT_B},2023-01-01,2023-06-30,1000,,20,`, 'paid_on', 'required'],
    [`${UNIT_A},2024-03-01,2024-09-30,1000,,,`, 'period_start', 'period_overlap'], // both stored halves of 2024 …
    [`${UNIT_B},2022-01-01,2022-06-30,1000,,,`, 'period_start', 'period_overlap'], // … and the next row
    [`${UNIT_B},2022-06-01,2022-12-31,1000,,,`, 'period_start', 'period_overlap'],
  ]),
  bad('服务站点-bad.csv', H.stations, [
    ['ST9,某站,G404,help_station,,2020-01-01,', 'org_code', 'unknown_org'],
    [`ST10,某站,C1,help_station,${UNIT_C},2020-01-01,`, 'unit_code', 'unknown_unit'],
    ['ST11,某站,C1,help_station,,2020-01-01,2019-01-01', 'closed_on', 'date_order'],
    ['ST12,某站,C1,驿站,,2020-01-01,', 'type', 'bad_enum'],
  ]),
  bad('就业帮扶-bad.csv', H.placements, [
    ['M2,,,G404,2024-05-01,referral,,', 'org_code', 'unknown_org'],
    [',,,C1,2024-05-01,referral,,', null, 'missing_person'],
    [`M2,,,C1,2024-05-01,referral,${UNIT_BAD},`, 'employer_code', 'bad_credit_code'],
    ['M404,,,C1,2024-05-01,referral,,', 'member_no', 'unknown_member'],
  ]),
];
