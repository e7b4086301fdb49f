// Rows that give every key of shared/indicators-2.md something to count at org R in 2024 (mart.test.ts
// "every dictionary key is computed"): one row per value of each breakdown, and one unit per
// ownership × industry pair. Orgs: R (federation) › C (community) › G (grassroots), R › J (joint), and
// NF (federation) and NS (street federation) under R, all but R founded in 2024.
import { CAMPAIGNS, CASE_CHANNELS, CASE_KINDS, CONTRACT_SCOPES, CONTRACT_TYPES, DONOR_TYPES, FUND_CAMPAIGNS, HOME_TITLES, HONOUR_LEVELS,
  INDUSTRIES, INSPECTION_KINDS, OWNERSHIP, PLACEMENT_CHANNELS, STATION_TYPES } from '../../src/lib/ingest/families-2.ts';
import { AID_CATEGORIES } from '../../src/lib/ingest/families.ts';
import type { Fixture, Org, Rows } from './fixture.ts';

const keys = (o: object) => Object.keys(o);

export function everyKeyAreas(): Omit<Fixture, 'orgs'> & { orgs: Org[] } {
  const units: Rows = [];
  const headcounts: Rows = [];
  const democracy: Rows = [];
  const contractUnits: Rows = [];
  for (const ownership of keys(OWNERSHIP)) {
    for (const industry of keys(INDUSTRIES)) {
      const unit_code = `U-${ownership}-${industry}`;
      units.push({ unit_code, unit_name: unit_code, area_org_code: 'C', union_org_code: 'G', unionised_on: '2020-01-01',
        should_unionise: true, registered_on: '2024-06-01', ownership, industry });
      headcounts.push({ unit_code, as_of: '2024-12-31', employees: 250, female_employees: 100 });
      democracy.push({ unit_code, year: 2024, congress: true, sessions: 1, delegates: 5, open_affairs: true });
      contractUnits.push({ contract_no: 'K-comprehensive-regional', unit_code });
    }
  }
  const contracts: Rows = [];
  for (const type of keys(CONTRACT_TYPES)) {
    for (const scope of keys(CONTRACT_SCOPES)) {
      contracts.push({ contract_no: `K-${type}-${scope}`, org_code: 'G', type, scope, unit_code: scope === 'single' ? 'U-state-A' : null,
        signed_on: '2024-03-01', expires_on: null, workers_covered: 10 });
    }
  }
  const cats = keys(AID_CATEGORIES);
  const campaigns = keys(CAMPAIGNS);
  return {
    orgs: [
      { org_code: 'R', org_type: 'federation', has_women_committee: true },
      { org_code: 'C', parent_code: 'R', org_type: 'community_union', founded_on: '2024-01-01' },
      { org_code: 'J', parent_code: 'R', org_type: 'joint_union', founded_on: '2024-01-01' },
      { org_code: 'G', parent_code: 'C', org_type: 'grassroots_union', founded_on: '2024-01-01' },
      { org_code: 'NF', parent_code: 'R', org_type: 'federation', founded_on: '2024-01-01' },
      { org_code: 'NS', parent_code: 'R', org_type: 'street_federation', founded_on: '2024-01-01' },
    ],
    units,
    headcounts,
    members: [{ member_no: 'W', name: 'w', id_number: 'ID-W', org_code: 'G', join_date: '2024-02-01', gender: '女' }],
    aid: cats.map((category, i) => ({
      voucher_no: `VK${i}`, org_code: 'G', paid_on: '2024-07-01', amount: '3.00', in_kind_value: '5.00', person_key: `PK${i}`,
      category, campaign: campaigns[i % campaigns.length]!,
    })),
    rights_cases: keys(CASE_CHANNELS).flatMap((channel) =>
      keys(CASE_KINDS).map((kind) => ({
        case_no: `R-${channel}-${kind}`, org_code: 'G', received_on: '2024-02-01', channel, kind, workers_involved: 2,
        closed_on: '2024-03-01', outcome: kind === 'mediation' ? 'mediated' : 'resolved', wages_recovered: '100.00',
      })),
    ),
    inspections: keys(INSPECTION_KINDS).map((kind) => ({
      unit_code: 'U-state-A', kind, inspected_on: '2024-04-01', org_code: 'G', issue_found: true, rectified_on: '2024-05-01',
    })),
    contracts,
    contract_units: contractUnits,
    democracy,
    org_honours: keys(HOME_TITLES).flatMap((title) =>
      keys(HONOUR_LEVELS).map((level) => ({ org_code: 'G', title, level, awarded_on: '2024-04-28' })),
    ),
    person_honours: keys(HONOUR_LEVELS).flatMap((level) => [
      { person_key: `H-${level}`, org_code: 'G', honour: 'model_worker', level, awarded_on: '2024-04-28', hardship: true },
      { person_key: `H-${level}`, org_code: 'G', honour: 'medal', level, awarded_on: '2024-04-28', hardship: null },
    ]),
    funds: keys(FUND_CAMPAIGNS).flatMap((campaign) =>
      keys(DONOR_TYPES).map((donor_type) => ({
        receipt_no: `F-${campaign}-${donor_type}`, org_code: 'G', received_on: '2024-05-01', campaign, donor_type, donors: 2,
        amount: '10.00', items: 1, items_value: '3.00',
      })),
    ),
    dues: [{ unit_code: 'U-state-A', period_start: '2024-01-01', period_end: '2024-12-31', payroll: '1000.00', paid: '20.00', paid_on: '2024-12-01' }],
    stations: [
      ...keys(STATION_TYPES).map((type) => ({ station_code: `S-${type}`, station_name: type, org_code: 'R', type, opened_on: '2024-01-01' })),
      { station_code: 'S-NS', station_name: 'NS', org_code: 'NS', type: 'service_centre', opened_on: '2024-01-01' },
    ],
    placements: keys(PLACEMENT_CHANNELS).map((channel, i) => ({ person_key: `PL${i}`, org_code: 'G', placed_on: '2024-06-01', channel })),
  };
}
