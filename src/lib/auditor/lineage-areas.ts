// Lineage of the work areas of shared/indicators-2.md (queries/marts/{organisation,rights,democracy,
// honours,funds,services}.sql, and the relief additions): for each code, the source table and the
// filter that repeats the mart's row by row, in the shape of lineage.ts's PARTS (which merges these).
// $S = the org's subtree, y = the year; unit-based figures take the unit's area (inspections, dues) or
// its home (unit_homes.sql: contracts, congresses, as 已建会单位), whoever filed the row.
import type { Part } from './lineage.ts';

/** Unit `u` covered at D (queries/marts/unit_homes.sql): its union named, unionised by D, that union standing at D. */
export const unitCovered = (u = 't') =>
  `(${u}.union_org_code is not null and ${u}.unionised_on <= y.as_of and exists (select 1 from orgs o where o.org_code = ${u}.union_org_code
    and (o.founded_on is null or o.founded_on <= y.as_of) and (o.dissolved_on is null or o.dissolved_on > y.as_of)))`;
/** Where unit `u` counts at D (unit_homes.sql): its union when covered, else its area. */
export const unitHome = (u = 't') => `(case when ${unitCovered(u)} then ${u}.union_org_code else ${u}.area_org_code end)`;

const count = { zh: '行数', en: 'number of rows' };
const sum = (col: string) => ({ zh: `${col} 之和`, en: `sum of ${col}` });
const distinct = (col: string) => ({ zh: `不同 ${col} 的个数`, en: `distinct ${col}` });

const inS = 't.org_code in $S';
const areaOf = (unit = 't.unit_code') => `(select u.area_org_code from units u where u.unit_code = ${unit})`;
const homeOf = (unit = 't.unit_code') => `(select ${unitHome('u')} from units u where u.unit_code = ${unit})`;
const ownershipOf = '(select u.ownership from units u where u.unit_code = t.unit_code)';
const standingUnit = '(t.registered_on is null or t.registered_on <= y.as_of) and (t.closed_on is null or t.closed_on > y.as_of)';
const standingOrg = '(t.founded_on is null or t.founded_on <= y.as_of) and (t.dissolved_on is null or t.dissolved_on > y.as_of)';
const unionisedUnit = `t.should_unionise and ${standingUnit} and ${unitHome()} in $S and ${unitCovered()}`;
const inYear = (col: string) => `${col} between y.starts_on and y.as_of`;
const inForce = 't.signed_on <= y.as_of and (t.expires_on is null or t.expires_on >= y.as_of)';
// the units covered at D by a contract in force then: single contracts' units, the others' contract_units
const coveredAtD = `t.unit_code in (
      select coalesce(cu.unit_code, c.unit_code) from contracts c
      left join contract_units cu on cu.contract_no = c.contract_no and c.scope <> 'single'
      where c.signed_on <= y.as_of and (c.expires_on is null or c.expires_on >= y.as_of))`;
const congressRow = `exists (select 1 from democracy d where d.unit_code = t.unit_code and d.year = y.year and d.congress)`;
const received = `${inS} and year(t.received_on) = y.year`;
const closedIn = `${inS} and year(t.closed_on) = y.year`;
const inspectedIn = `${areaOf()} in $S and year(t.inspected_on) = y.year`;
const standingHonour = 't.awarded_on <= y.as_of and (t.revoked_on is null or t.revoked_on > y.as_of)';
const democracyIn = `${homeOf()} in $S and t.year = y.year`;
const standingStation = 't.opened_on <= y.as_of and (t.closed_on is null or t.closed_on > y.as_of)';
const centreOrg = `${inS} and t.org_type in ('federation', 'street_federation') and ${standingOrg}`;
const latestEmployees = `(select arg_max(h.employees, h.as_of) from headcounts h where h.unit_code = t.unit_code and year(h.as_of) = y.year)`;

export const AREA_PARTS: Record<string, Part> = {
  'coverage.new_unions': { table: 'orgs', where: `${inS} and ${inYear('t.founded_on')}`, measure: count },
  'women.committees': { table: 'orgs', where: `${inS} and coalesce(t.has_women_committee, false) and ${standingOrg}`, measure: count },
  'coverage.new_units': { table: 'units', where: `t.area_org_code in $S and ${inYear('t.registered_on')}`, measure: count },
  'coverage.units_200plus': {
    table: 'units', where: `t.area_org_code in $S and ${standingUnit} and ${latestEmployees} >= 200`, measure: count,
  },
  'coverage.female_members': {
    table: 'members',
    where: `${inS} and t.gender = '女' and year(t.join_date) <= y.year and (t.leave_date is null or year(t.leave_date) > y.year)`,
    measure: count,
  },
  'coverage.female_employees': {
    table: 'headcounts',
    where: `year(t.as_of) = y.year and t.unit_code in (select t.unit_code from units t, y where ${unionisedUnit})`,
    qualify: 'qualify row_number() over (partition by t.unit_code order by t.as_of desc) = 1',
    measure: { zh: 'female_employees 之和 (每个已建会单位当年最近一次统计)', en: 'sum of female_employees (latest headcount of each unionised unit)' },
  },
  'relief.in_kind_value': { table: 'aid', where: `${inS} and year(t.paid_on) = y.year`, measure: sum('in_kind_value') },
  'rights.cases': { table: 'rights_cases', where: received, measure: count },
  'rights.person_times': {
    table: 'rights_cases', where: received, computed: 'coalesce(t.workers_involved, 1) as _workers',
    measure: { zh: '_workers 之和 (workers_involved, 空白按1)', en: 'sum of _workers (workers_involved, blank = 1)' },
  },
  'rights.letters_visits': {
    table: 'rights_cases', where: `${received} and t.channel = 'letter_visit'`, computed: 'coalesce(t.workers_involved, 1) as _workers',
    measure: { zh: '_workers 之和', en: 'sum of _workers' },
  },
  'rights.cases_handled': { table: 'rights_cases', where: `${received} and t.closed_on <= y.as_of`, measure: count },
  'rights.legal_aid_cases': { table: 'rights_cases', where: `${received} and t.kind = 'legal_aid'`, measure: count },
  'rights.legal_aid_persons': {
    table: 'rights_cases', where: `${received} and t.kind = 'legal_aid'`, computed: 'coalesce(t.workers_involved, 1) as _workers',
    measure: { zh: '_workers 之和', en: 'sum of _workers' },
  },
  'rights.disputes_mediated': { table: 'rights_cases', where: `${closedIn} and t.kind = 'mediation' and t.outcome = 'mediated'`, measure: count },
  'rights.mediations_closed': { table: 'rights_cases', where: `${closedIn} and t.kind = 'mediation'`, measure: count },
  'rights.wages_recovered': { table: 'rights_cases', where: closedIn, measure: sum('wages_recovered') },
  'supervision.units_inspected': { table: 'inspections', where: inspectedIn, measure: distinct('unit_code') },
  'supervision.units_with_issues': { table: 'inspections', where: `${inspectedIn} and t.issue_found`, measure: distinct('unit_code') },
  'supervision.units_rectified': {
    table: 'inspections', where: `${inspectedIn} and t.issue_found and t.rectified_on <= y.as_of`, measure: distinct('unit_code'),
  },
  'contracts.signed': { table: 'contracts', where: `${inS} and ${inYear('t.signed_on')}`, measure: count },
  'contracts.in_force': { table: 'contracts', where: `${inS} and ${inForce}`, measure: count },
  'contracts.workers_covered': {
    table: 'contracts', where: `${inS} and ${inForce}`, totalWhere: "t.type = 'comprehensive'", measure: sum('workers_covered'),
  },
  'contracts.units_covered': { table: 'units', where: `${unitHome()} in $S and ${standingUnit} and ${coveredAtD}`, measure: count },
  'contracts.unionised_covered': { table: 'units', where: `${unionisedUnit} and ${coveredAtD}`, measure: count },
  'congress.units_established': { table: 'democracy', where: `${democracyIn} and t.congress`, dimExpr: ownershipOf, measure: count },
  'congress.unionised_established': { table: 'units', where: `${unionisedUnit} and ${congressRow}`, measure: count },
  'congress.open_affairs_units': { table: 'democracy', where: `${democracyIn} and t.open_affairs`, dimExpr: ownershipOf, measure: count },
  'congress.sessions': { table: 'democracy', where: democracyIn, dimExpr: ownershipOf, measure: sum('sessions') },
  'congress.delegates': { table: 'democracy', where: democracyIn, dimExpr: ownershipOf, measure: sum('delegates') },
  'honours.workers_homes': { table: 'org_honours', where: `${inS} and ${standingHonour}`, measure: count },
  'honours.model_workers': {
    table: 'person_honours', where: `${inS} and t.honour = 'model_worker' and ${standingHonour}`, measure: distinct('person_key'),
  },
  'honours.model_workers_hardship': {
    table: 'person_honours', where: `${inS} and t.honour = 'model_worker' and ${standingHonour} and t.hardship`, measure: distinct('person_key'),
  },
  'honours.model_workers_awarded': {
    table: 'person_honours', where: `${inS} and t.honour = 'model_worker' and ${inYear('t.awarded_on')}`, measure: distinct('person_key'),
  },
  'honours.medals_awarded': {
    table: 'person_honours', where: `${inS} and t.honour = 'medal' and ${inYear('t.awarded_on')}`, measure: distinct('person_key'),
  },
  'funds.raised': { table: 'funds', where: `${inS} and year(t.received_on) = y.year`, measure: sum('amount') },
  'funds.donor_times': {
    table: 'funds', where: `${inS} and year(t.received_on) = y.year and t.amount is not null`, computed: 'coalesce(t.donors, 1) as _donors',
    measure: { zh: '_donors 之和 (有金额的记录: donors, 空白按1)', en: 'sum of _donors (rows with an amount: donors, blank = 1)' },
  },
  'funds.items': { table: 'funds', where: `${inS} and year(t.received_on) = y.year`, measure: sum('items') },
  'funds.items_value': { table: 'funds', where: `${inS} and year(t.received_on) = y.year`, measure: sum('items_value') },
  'dues.due': {
    table: 'dues', where: `${areaOf()} in $S and year(t.period_end) = y.year`, computed: 'coalesce(t.due, round(t.payroll * 0.02, 2)) as _due',
    measure: { zh: '_due 之和 (due, 空白按工资总额的2%)', en: 'sum of _due (due, blank = 2% of payroll)' },
  },
  'dues.collected': {
    table: 'dues', where: `${areaOf()} in $S and year(t.period_end) = y.year`, computed: 'coalesce(t.paid, 0) as _paid',
    measure: { zh: '_paid 之和', en: 'sum of _paid' },
  },
  'stations.count': { table: 'stations', where: `${inS} and ${standingStation}`, measure: count },
  'stations.centre_orgs': { table: 'orgs', where: centreOrg, measure: count },
  'stations.centre_orgs_with': {
    table: 'orgs',
    where: `${centreOrg} and exists (select 1 from stations s where s.org_code = t.org_code
      and s.type in ('help_centre', 'service_centre') and s.opened_on <= y.as_of and (s.closed_on is null or s.closed_on > y.as_of))`,
    measure: count,
  },
  'employment.placements': { table: 'placements', where: `${inS} and year(t.placed_on) = y.year`, measure: count },
  'employment.persons': { table: 'placements', where: `${inS} and year(t.placed_on) = y.year`, measure: distinct('person_key') },
};

/** Breakdown dimensions of the part-2 codes → the column (after `t.`) or expression they filter. */
export const AREA_DIM_COLUMNS: Record<string, string> = {
  campaign: 'campaign',
  ownership: 'ownership',
  industry: 'industry',
  'ownership.industry': "ownership || '.' || t.industry",
  channel: 'channel',
  type: 'type',
  scope: 'scope',
  title: 'title',
  level: 'level',
  'title.level': "title || '.' || t.level",
  donor_type: 'donor_type',
};
