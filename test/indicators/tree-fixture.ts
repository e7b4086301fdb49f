// One small federation, written by hand, with every edge the dictionary's definitions care about.
// Expected values are worked out in the tests next to each assertion. Y = 2024, D = 2024-12-31.
//
//   R  federation
//   ├─ S1 street_federation
//   │  ├─ C1 community_union
//   │  │  ├─ G1 grassroots_union
//   │  │  └─ G2 grassroots_union   dissolved 2024-06-30
//   │  └─ J1 joint_union            founded 2025-03-01
//   └─ S2 street_federation
//      ├─ C2 community_union
//      └─ E  grassroots_union       no rows at all
import type { Fixture } from './fixture.ts';

const unit = (code: string, o: Record<string, string | boolean | null>) => ({
  unit_code: code,
  unit_name: `单位${code}`,
  union_org_code: null,
  unionised_on: null,
  registered_on: '2010-01-01',
  closed_on: null,
  should_unionise: true,
  ...o,
});

const member = (no: string, org: string, join: string, o: Record<string, string | boolean | null> = {}) => ({
  member_no: no,
  name: `会员${no}`,
  id_number: `ID-${no}`,
  org_code: org,
  join_date: join,
  leave_date: null,
  is_migrant_worker: false,
  is_cadre: false,
  ...o,
});

const pay = (voucher: string, org: string, paid: string, category: string, amount: string, fund: string | null, person: string) => ({
  voucher_no: voucher,
  org_code: org,
  paid_on: paid,
  category,
  amount,
  fund_source: fund,
  person_key: person,
});

const file = (no: string, org: string, registered: string, exit: string | null) => ({
  file_no: no,
  org_code: org,
  category: 'relative',
  registered_on: registered,
  exit_on: exit,
  person_key: `P-${no}`,
});

const act = (no: string, org: string, kind: string, start: string, o: Record<string, string | number | null> = {}) => ({
  activity_no: no,
  org_code: org,
  kind,
  title: `活动${no}`,
  start_date: start,
  participants: null,
  audience: null,
  hours: null,
  ...o,
});

const enrol = (activity: string, person: string, o: Record<string, string | boolean | null> = {}) => ({
  activity_no: activity,
  person_key: person,
  completed: true,
  certified: false,
  employed_on: null,
  ...o,
});

export const TREE: Fixture = {
  orgs: [
    { org_code: 'R', org_name: '示例区总工会', org_type: 'federation' },
    { org_code: 'S1', parent_code: 'R', org_type: 'street_federation' },
    { org_code: 'C1', parent_code: 'S1', org_type: 'community_union' },
    { org_code: 'G1', parent_code: 'C1', org_type: 'grassroots_union' },
    { org_code: 'G2', parent_code: 'C1', org_type: 'grassroots_union', dissolved_on: '2024-06-30' },
    { org_code: 'J1', parent_code: 'S1', org_type: 'joint_union', founded_on: '2025-03-01' },
    { org_code: 'S2', parent_code: 'R', org_type: 'street_federation' },
    { org_code: 'C2', parent_code: 'S2', org_type: 'community_union' },
    { org_code: 'E', parent_code: 'S2', org_type: 'grassroots_union' },
  ],
  units: [
    unit('U1', { area_org_code: 'C1', union_org_code: 'G1', unionised_on: '2015-01-01' }),
    unit('U2', { area_org_code: 'C1', registered_on: '2024-12-31' }), // registered on D: counts
    unit('U3', { area_org_code: 'C1', registered_on: '2025-01-01' }), // registered after D
    unit('U4', { area_org_code: 'C1', closed_on: '2024-06-30' }), // closed before D
    unit('U5', { area_org_code: 'C1', closed_on: '2024-12-31' }), // closed on D: gone
    unit('U6', { area_org_code: 'C1', should_unionise: false, union_org_code: 'J1', unionised_on: '2020-01-01' }),
    unit('U7', { area_org_code: 'S1', registered_on: null, union_org_code: 'G1', unionised_on: '2024-12-31' }),
    unit('U8', { area_org_code: 'C1', union_org_code: 'G1', unionised_on: '2025-02-01' }), // unionised after D
    unit('U9', { area_org_code: 'C2', union_org_code: 'C2', unionised_on: '2018-01-01' }),
  ],
  headcounts: [
    { unit_code: 'U1', as_of: '2024-06-30', employees: 100, migrant_employees: 40 },
    { unit_code: 'U1', as_of: '2024-12-31', employees: 120, migrant_employees: 50 }, // latest in 2024
    { unit_code: 'U1', as_of: '2025-03-31', employees: 999, migrant_employees: 9 }, // after D
    { unit_code: 'U1', as_of: '2023-12-31', employees: 110, migrant_employees: 45 },
    { unit_code: 'U7', as_of: '2024-12-31', employees: 30, migrant_employees: 5 },
    { unit_code: 'U9', as_of: '2023-12-31', employees: 70, migrant_employees: 7 },
    { unit_code: 'U9', as_of: '2024-06-30', employees: 80, migrant_employees: null },
    { unit_code: 'U6', as_of: '2024-12-31', employees: 500, migrant_employees: 100 }, // not "should"
    { unit_code: 'U8', as_of: '2024-12-31', employees: 60, migrant_employees: 6 }, // not yet unionised
  ],
  members: [
    member('M1', 'G1', '2015-05-01', { is_migrant_worker: true }),
    member('M2', 'G1', '2024-03-01', { is_cadre: true }),
    member('M3', 'G1', '2020-01-01', { leave_date: '2024-12-31', is_migrant_worker: true, is_cadre: true }), // leaves on D
    member('M4', 'G1', '2020-01-01', { leave_date: '2025-01-01' }),
    member('M5', 'C1', '2024-12-31', { is_migrant_worker: true, is_cadre: true }), // joins on D
    member('M6', 'C1', '2025-01-05'),
    member('M7', 'C2', '2019-01-01', { is_cadre: true }),
  ],
  aid: [
    pay('V1', 'G1', '2024-01-15', 'living', '1000.10', 'fiscal', 'P1'),
    pay('V2', 'G1', '2024-02-01', 'living', '500.05', 'union_funds', 'P1'),
    pay('V3', 'C1', '2024-09-10', 'medical', '2000.00', null, 'P2'),
    pay('V4', 'C2', '2024-12-31', 'education', '300.33', 'donation', 'P3'),
    pay('V5', 'G1', '2023-12-31', 'living', '999.00', 'fiscal', 'P1'),
    pay('V6', 'G1', '2025-01-01', 'living', '777.00', 'fiscal', 'P4'),
    pay('V8', 'G1', '2024-11-11', 'holiday', '50.00', 'higher_union', 'P5'),
    pay('V9', 'C2', '2024-05-05', 'medical', '100.00', 'union_funds', 'P2'),
  ],
  // the superseded first version of V8 (5,000 元) must never count
  aid_history: [pay('V8', 'G1', '2024-11-11', 'holiday', '5000.00', 'higher_union', 'P5')],
  hardship_files: [
    file('F1', 'G1', '2024-02-01', '2024-11-30'), // registered and exited in Y
    file('F2', 'G1', '2023-05-01', '2025-03-01'), // exits in a later year
    file('F3', 'C1', '2022-01-01', '2023-06-30'), // exited before Y
    file('F4', 'C1', '2025-01-10', null), // registered after D
    file('F5', 'C2', '2020-01-01', null),
    file('F6', 'C2', '2021-01-01', '2024-12-31'), // exits on D
    file('F7', 'G1', '2023-01-01', '2024-01-01'), // exits on the first day of Y
  ],
  activities: [
    act('T1', 'G1', 'training', '2024-03-01', { audience: 'cadre', hours: 8, participants: 99 }),
    act('T2', 'C1', 'training', '2024-06-01', { audience: 'hardship', hours: 20.5, participants: 10 }),
    act('T3', 'C2', 'training', '2024-10-01', { audience: 'unemployed', hours: 12.5, participants: 30 }), // no list
    act('T4', 'S1', 'training', '2024-12-31', { audience: 'workers', hours: 4.5 }),
    act('T5', 'G1', 'training', '2023-11-01', { audience: 'cadre', hours: 6 }),
    act('T6', 'R', 'training', '2024-04-01', { audience: 'cadre', hours: 2 }),
    act('A1', 'G1', 'culture_sports', '2024-05-01', { participants: 200 }),
    act('A2', 'C2', 'culture_sports', '2024-07-01'),
    act('A3', 'C1', 'volunteer', '2024-08-01', { participants: 15 }),
    act('A4', 'G1', 'safety', '2023-08-01', { participants: 40 }),
  ],
  enrollments: [
    enrol('T1', 'ID-M2'),
    enrol('T1', 'ID-M5', { completed: false }),
    enrol('T1', 'ID-M3'), // a cadre who leaves on D
    enrol('T1', 'N:张三', { completed: false }), // not a member
    enrol('T2', 'H1', { certified: true, employed_on: '2024-09-01' }),
    enrol('T2', 'H2', { certified: true }),
    enrol('T2', 'H3', { employed_on: '2024-10-01' }),
    enrol('T2', 'H4', { completed: false, certified: true }), // not completed: not certified either
    enrol('T2', 'H5', { completed: null, certified: null }), // blank = completed (the contract's default)
    enrol('T4', 'H1'),
    enrol('T4', 'W1'),
    enrol('T5', 'ID-M7'),
    enrol('T6', 'ID-M7'),
  ],
};

// People seen at several orgs of 2025 (2024's figures, tested against TREE, stay as they are): twice
// at the same org, and at orgs in different branches, so that one person's orgs give several
// consecutive pairs whose lowest common ancestors differ (training-persons, relief-persons,
// person-numbers). Added to TREE's own rows.
//   sessions X1 G1 hardship, X2 G1 hardship, X3 C2 workers, X4 E hardship, X5 C1 workers;
//   P1 in X1, X2, X3, X4 (G1 twice, C2, E); P2 in X3 (C2); P3 in X1 (G1) and X5 (C1)
//   payments Q1: W1 G1 living, W2 G1 living, W3 C2 medical, W4 E living; Q2: W5 C1 medical, W6 C2 living
const session = (no: string, org: string, start: string, audience: string) => act(no, org, 'training', start, { title: `培训${no}`, audience, hours: 2 });
const payTen = (voucher: string, org: string, paid: string, category: string, person: string) => pay(voucher, org, paid, category, '10.00', 'fiscal', person);

export const TRAINED_AT_SEVERAL: Pick<Fixture, 'activities' | 'enrollments'> = {
  activities: [
    ...(TREE.activities ?? []),
    session('X1', 'G1', '2025-02-01', 'hardship'),
    session('X2', 'G1', '2025-03-01', 'hardship'),
    session('X3', 'C2', '2025-04-01', 'workers'),
    session('X4', 'E', '2025-05-01', 'hardship'),
    session('X5', 'C1', '2025-06-01', 'workers'),
  ],
  enrollments: [
    ...(TREE.enrollments ?? []),
    enrol('X1', 'P1'), enrol('X2', 'P1'), enrol('X3', 'P1'), enrol('X4', 'P1'),
    enrol('X3', 'P2'),
    enrol('X1', 'P3'), enrol('X5', 'P3'),
  ],
};

export const AIDED_AT_SEVERAL: Pick<Fixture, 'aid'> = {
  aid: [
    ...(TREE.aid ?? []),
    payTen('W1', 'G1', '2025-02-01', 'living', 'Q1'),
    payTen('W2', 'G1', '2025-03-01', 'living', 'Q1'),
    payTen('W3', 'C2', '2025-04-01', 'medical', 'Q1'),
    payTen('W4', 'E', '2025-05-01', 'living', 'Q1'),
    payTen('W5', 'C1', '2025-06-01', 'medical', 'Q2'),
    payTen('W6', 'C2', '2025-07-01', 'living', 'Q2'),
  ],
};
