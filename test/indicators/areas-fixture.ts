// The hand-made federation of the work areas of shared/indicators-2.md: the org tree of
// tree-fixture.ts with every edge the part-2 definitions care about (stocks at D vs flows in Y,
// revoked and expired titles and contracts, rows of one unit counted at its area whatever org filed
// them, a person under two orgs counted once). Y = 2024, D = 2024-12-31; 2023 and 2025 are opened by
// a headcount each. Expected values are worked out next to each assertion in areas-*.test.ts.
//
//   R  federation          founded 2000, women's committee
//   ├─ S1 street_federation  women's committee
//   │  ├─ C1 community_union  founded 2024-03-01, women's committee
//   │  │  ├─ G1 grassroots_union   founded 2024-05-01
//   │  │  └─ G2 grassroots_union   dissolved 2024-06-30, women's committee (gone at D)
//   │  └─ J1 joint_union            founded 2025-03-01, women's committee
//   └─ S2 street_federation  founded 2024-12-31 (on D)
//      ├─ C2 community_union
//      └─ E  grassroots_union
import type { Fixture } from './fixture.ts';

type Cell = string | number | boolean | null;
const row = (cols: string[], ...values: Cell[]) => Object.fromEntries(cols.map((c, i) => [c, values[i] ?? null]));

const UNIT = ['unit_code', 'area_org_code', 'should_unionise', 'union_org_code', 'unionised_on', 'registered_on', 'closed_on', 'ownership', 'industry'];
const unit = (...v: Cell[]) => ({ unit_name: `单位${v[0]}`, ...row(UNIT, ...v) });
const HEAD = ['unit_code', 'as_of', 'employees', 'female_employees'];
const MEMBER = ['member_no', 'org_code', 'join_date', 'leave_date', 'gender'];
const member = (...v: Cell[]) => ({ name: `会员${v[0]}`, id_number: `ID-${v[0]}`, ...row(MEMBER, ...v) });
const AID = ['voucher_no', 'org_code', 'paid_on', 'category', 'amount', 'in_kind_value', 'campaign', 'person_key'];
const CASE = ['case_no', 'org_code', 'received_on', 'channel', 'kind', 'workers_involved', 'closed_on', 'outcome', 'wages_recovered'];
const INSPECTION = ['unit_code', 'kind', 'inspected_on', 'org_code', 'issue_found', 'rectified_on'];
const CONTRACT = ['contract_no', 'org_code', 'type', 'scope', 'unit_code', 'signed_on', 'expires_on', 'workers_covered'];
const DEMOCRACY = ['unit_code', 'year', 'congress', 'sessions', 'delegates', 'open_affairs'];
const HOME = ['org_code', 'title', 'level', 'awarded_on', 'revoked_on'];
const HONOUR = ['person_key', 'org_code', 'honour', 'level', 'awarded_on', 'revoked_on', 'hardship'];
const FUND = ['receipt_no', 'org_code', 'received_on', 'campaign', 'donor_type', 'donors', 'amount', 'items', 'items_value'];
const DUES = ['unit_code', 'period_start', 'period_end', 'payroll', 'due', 'paid'];
const STATION = ['station_code', 'org_code', 'type', 'opened_on', 'closed_on'];
const PLACEMENT = ['person_key', 'org_code', 'placed_on', 'channel'];

export const AREAS: Fixture = {
  orgs: [
    { org_code: 'R', org_type: 'federation', founded_on: '2000-01-01', has_women_committee: true },
    { org_code: 'S1', parent_code: 'R', org_type: 'street_federation', has_women_committee: true },
    { org_code: 'C1', parent_code: 'S1', org_type: 'community_union', founded_on: '2024-03-01', has_women_committee: true },
    { org_code: 'G1', parent_code: 'C1', org_type: 'grassroots_union', founded_on: '2024-05-01', has_women_committee: false },
    { org_code: 'G2', parent_code: 'C1', org_type: 'grassroots_union', dissolved_on: '2024-06-30', has_women_committee: true },
    { org_code: 'J1', parent_code: 'S1', org_type: 'joint_union', founded_on: '2025-03-01', has_women_committee: true },
    { org_code: 'S2', parent_code: 'R', org_type: 'street_federation', founded_on: '2024-12-31' },
    { org_code: 'C2', parent_code: 'S2', org_type: 'community_union' },
    { org_code: 'E', parent_code: 'S2', org_type: 'grassroots_union' },
  ],
  units: [
    unit('U1', 'C1', true, 'G1', '2015-01-01', '2010-01-01', null, 'private', 'P'),
    unit('U2', 'C1', true, null, null, '2024-12-31', null, 'private', 'C'), // registered on D: new and standing
    unit('U3', 'C1', true, null, null, '2025-01-01', null, 'state', null), // registered after D
    unit('U4', 'C1', true, null, null, '2010-01-01', '2024-06-30', 'state', null), // closed before D
    unit('U5', 'S1', true, 'S1', '2020-01-01', null, null, 'state', null), // undated, no industry
    unit('U6', 'C2', true, 'C2', '2018-01-01', '2010-01-01', null, null, 'P'), // no ownership: totals only
    unit('U7', 'C2', false, 'C2', '2019-01-01', '2010-01-01', null, 'private', 'P'), // not "should"
    unit('U8', 'C1', true, 'G1', '2025-02-01', '2010-01-01', null, 'state', 'C'), // unionised after D
  ],
  headcounts: [
    row(HEAD, 'U1', '2023-12-31', 240, 90),
    row(HEAD, 'U1', '2024-12-31', 250, 100),
    row(HEAD, 'U1', '2025-12-31', 260, 110),
    row(HEAD, 'U2', '2024-12-31', 300, 0),
    row(HEAD, 'U4', '2024-03-31', 500, 200), // closed before D: not 200+
    row(HEAD, 'U5', '2024-12-31', 200, 80), // the latest of the year: 200 counts as 200+
    row(HEAD, 'U5', '2024-06-30', 199, 70),
    row(HEAD, 'U6', '2024-12-31', 150, 60),
    row(HEAD, 'U7', '2024-12-31', 1000, 400), // 200+ though not "should"; not unionised for the rates
  ],
  members: [
    member('M1', 'G1', '2015-05-01', null, '女'),
    member('M2', 'G1', '2024-03-01', null, '女'),
    member('M3', 'C2', '2020-01-01', '2024-12-31', '女'), // leaves on D
    member('M4', 'C1', '2020-01-01', null, '男'),
    member('M5', 'C1', '2025-01-05', null, '女'), // joins after D
    member('M6', 'G1', '2020-01-01', null, null),
  ],
  aid: [
    row(AID, 'V1', 'G1', '2024-01-15', 'holiday', '600.00', null, 'warmth', 'P1'),
    row(AID, 'V2', 'G1', '2024-09-01', 'education', '1000.00', '200.00', 'golden_autumn', 'P2'),
    row(AID, 'V3', 'C1', '2024-09-02', 'education', '500.00', null, 'golden_autumn', 'P2'), // P2 again, another org
    row(AID, 'V4', 'C2', '2024-01-20', 'holiday', null, '300.00', 'warmth', 'P3'), // in kind only
    row(AID, 'V5', 'C2', '2024-02-01', 'living', '100.00', null, null, 'P4'), // no campaign
  ],
  rights_cases: [
    row(CASE, 'K1', 'G1', '2024-02-01', 'letter_visit', 'consultation', 3, '2024-02-10', 'resolved'),
    row(CASE, 'K2', 'C1', '2024-03-01', 'letter_visit', 'legal_aid', null, '2025-01-10', 'resolved'), // closed after D
    row(CASE, 'K3', 'C2', '2024-05-01', 'hotline', 'legal_aid', 5, '2024-06-01', 'resolved', '3000.50'),
    row(CASE, 'K4', 'G1', '2023-11-01', 'online', 'mediation', 2, '2024-01-15', 'mediated', '1000.00'), // received 2023
    row(CASE, 'K5', 'S1', '2024-07-01', 'other', 'mediation', 1, '2024-12-31', 'not_mediated'), // closed on D
    row(CASE, 'K6', 'C1', '2024-08-01', 'hotline', 'mediation', 4, '2024-09-01', 'mediated'),
    row(CASE, 'K7', 'E', '2024-12-31', 'letter_visit', 'wage_arrears', 10), // open
    row(CASE, 'K8', 'C2', '2025-01-02', 'letter_visit', 'complaint', 1),
    row(CASE, 'K9', 'G2', '2024-04-04', 'online', 'wage_arrears', 2, '2024-05-05', 'resolved', '500.00'),
  ],
  inspections: [
    row(INSPECTION, 'U1', 'labour_law', '2024-03-01', 'S1', true, '2024-05-01'),
    row(INSPECTION, 'U1', 'safety', '2024-07-01', 'R', false),
    row(INSPECTION, 'U2', 'labour_law', '2024-04-01', 'S1', true, '2025-02-01'), // rectified after D
    row(INSPECTION, 'U2', 'labour_law', '2024-09-01', 'S1', false),
    row(INSPECTION, 'U6', 'safety', '2024-06-01', 'R', true, '2024-12-31'), // inspected by R, counted at C2
    row(INSPECTION, 'U6', 'safety', '2024-08-01', 'R', true), // same unit again: one unit
    row(INSPECTION, 'U5', 'labour_law', '2023-05-01', 'S1', true, '2023-06-01'),
  ],
  contracts: [
    row(CONTRACT, 'H1', 'C1', 'comprehensive', 'single', 'U1', '2024-03-01', '2026-12-31', 250),
    row(CONTRACT, 'H2', 'S1', 'wage', 'regional', null, '2023-06-01', '2024-12-30', 80), // expires the day before D
    row(CONTRACT, 'H3', 'R', 'comprehensive', 'industry', null, '2022-01-01', '2024-06-30', 500),
    row(CONTRACT, 'H4', 'C2', 'women', 'single', 'U6', '2024-05-01', '2024-12-31', 60), // last day in force = D
    row(CONTRACT, 'H5', 'G1', 'comprehensive', 'single', 'U8', '2025-01-15', null, 70),
    row(CONTRACT, 'H6', 'C2', 'comprehensive', 'regional', null, '2024-10-01', null, 300),
  ],
  contract_units: [
    { contract_no: 'H2', unit_code: 'U5' },
    { contract_no: 'H2', unit_code: 'U2' },
    { contract_no: 'H3', unit_code: 'U6' },
    { contract_no: 'H6', unit_code: 'U7' },
    { contract_no: 'H6', unit_code: 'U6' }, // U6 covered twice: one unit
  ],
  democracy: [
    row(DEMOCRACY, 'U1', 2024, true, 1, 100, true),
    row(DEMOCRACY, 'U5', 2024, true, 2, 30, null),
    row(DEMOCRACY, 'U2', 2024, false, 0, null, true),
    row(DEMOCRACY, 'U6', 2023, true, 1, 20, false),
    row(DEMOCRACY, 'U7', 2024, true, 1, 50, false),
    row(DEMOCRACY, 'U4', 2024, true, 1, 10, false), // closed mid-year: its row still counts
  ],
  org_honours: [
    row(HOME, 'G1', 'qualified', 'county', '2020-01-01'),
    row(HOME, 'G1', 'advanced', 'county', '2022-01-01'), // G1 holds two titles: two
    row(HOME, 'C1', 'advanced', 'city', '2024-12-31'), // awarded on D
    row(HOME, 'C2', 'model', 'province', '2019-01-01', '2024-06-01'), // revoked before D
    row(HOME, 'S1', 'qualified', 'county', '2025-03-01'),
    row(HOME, 'E', 'qualified', 'county', '2021-01-01', '2024-12-31'), // revoked on D
  ],
  person_honours: [
    row(HONOUR, 'P1', 'G1', 'model_worker', 'county', '2018-04-28', null, true),
    row(HONOUR, 'P1', 'C1', 'model_worker', 'city', '2024-05-01', null, false), // P1 at two levels, two orgs
    row(HONOUR, 'P2', 'C2', 'model_worker', 'province', '2024-04-28', '2024-10-01', false), // awarded and revoked in Y
    row(HONOUR, 'P3', 'S1', 'model_worker', 'national', '2010-04-28', null, true),
    row(HONOUR, 'P4', 'G1', 'medal', 'national', '2024-04-30'),
    row(HONOUR, 'P4', 'G1', 'model_worker', 'county', '2025-04-28'),
    row(HONOUR, 'P5', 'E', 'medal', 'province', '2023-05-01'),
    row(HONOUR, 'P6', 'G2', 'model_worker', 'city', '2024-04-01', '2024-12-31', true), // revoked on D
  ],
  funds: [
    row(FUND, 'R1', 'G1', '2024-03-01', 'one_day_pay', 'workers', 30, '3000.00'),
    row(FUND, 'R2', 'C1', '2024-05-01', 'warmth', 'units', null, '10000.50'),
    row(FUND, 'R3', 'C2', '2024-06-01', null, 'public', null, null, 200, '4000.00'), // goods only
    row(FUND, 'R4', 'S1', '2024-12-31', null, 'fiscal', null, '50000.00', 10, '1500.00'),
    row(FUND, 'R5', 'G1', '2023-12-31', 'one_day_pay', 'workers', 20, '2000.00'),
    row(FUND, 'R6', 'R', '2024-01-01', 'golden_autumn', 'higher_union', 1, '8000.00'),
  ],
  dues: [
    row(DUES, 'U1', '2024-01-01', '2024-06-30', '100000.00', null, '2000.00'), // due blank: 2% = 2000.00
    row(DUES, 'U1', '2024-07-01', '2024-12-31', '100000.25', null, '1500.00'), // 2% = 2000.005 → 2000.01
    row(DUES, 'U6', '2024-01-01', '2024-12-31', '50000.00', '1200.00', '1500.00'), // arrears paid: over 100%
    row(DUES, 'U5', '2023-01-01', '2023-12-31', '10000.00', null, null), // paid blank = 0
  ],
  stations: [
    row(STATION, 'T1', 'R', 'help_centre', '2015-01-01'),
    row(STATION, 'T2', 'S1', 'service_centre', '2024-12-31'), // opened on D
    row(STATION, 'T3', 'S2', 'help_station', '2020-01-01'), // a station, not a centre
    row(STATION, 'T4', 'C1', 'help_station', '2023-01-01', '2024-06-30'), // closed before D
    row(STATION, 'T5', 'G1', 'startup_base', '2022-01-01'),
    row(STATION, 'T6', 'S2', 'service_centre', '2025-02-01'),
  ],
  placements: [
    row(PLACEMENT, 'P1', 'G1', '2024-02-01', 'job_fair'),
    row(PLACEMENT, 'P1', 'C1', '2024-06-01', 'referral'), // P1 again, another org
    row(PLACEMENT, 'P2', 'C2', '2024-03-01', 'referral'),
    row(PLACEMENT, 'P3', 'G1', '2024-12-31', 'public_post'),
    row(PLACEMENT, 'P1', 'G1', '2023-05-05', 'job_fair'),
    row(PLACEMENT, 'P4', 'E', '2025-01-01', 'other'),
  ],
};
