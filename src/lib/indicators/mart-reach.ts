// Where a changed row of each register reaches the mart (src/lib/indicators/mart-update.ts): the
// org whose own figures it enters and the first year it counts in. The update recomputes those orgs,
// their ancestors and the years from there on; a register that is missing here reaches every org and
// every year (correct, only slower).

const UNIT_FROM = `case when registered_on is null then null  -- an undated unit counts in every year
    else year(least(registered_on, unionised_on, closed_on)) end`;

/** The orgs a unit may count at (unit_homes.sql): its area, and its union when it names one. */
const UNIT_HOMES = `select unit_code, area_org_code as org_code from units
    union all select unit_code, union_org_code from units where union_org_code is not null`;

/**
 * How each source table's rows reach the mart: per changed row, the org whose own figures it enters
 * (its ancestors follow) and the first year it counts in (null: every year). `{rows}` stands for the
 * batch's changed rows: the new versions and the versions they replaced. A table not listed here
 * reaches every org and every year (correct, only slower); `orgs` is not listed on purpose: it
 * renumbers the tree and rebuilds the mart.
 */
export const REACH: Record<string, string> = {
  // a unit counts at its area or, when covered at D, at its union (coverage.sql): both are reached
  // (a null org_code would mean "every org": a unit without a union adds no union row)
  units: `select area_org_code as org_code, ${UNIT_FROM} as from_year from {rows}
    union all
    select union_org_code, ${UNIT_FROM} from {rows} where union_org_code is not null
    -- part 2 counts a unit's inspections and dues at its area, its congresses at its home (area or
    -- union), by its ownership, whether or not it stands yet: a change reaches back to their years
    union all
    select r.area_org_code, year(i.inspected_on) from {rows} as r join inspections as i using (unit_code)
    union all
    select r.area_org_code, d.year from {rows} as r join democracy as d using (unit_code)
    union all
    select r.union_org_code, d.year from {rows} as r join democracy as d using (unit_code) where r.union_org_code is not null
    union all
    select r.area_org_code, year(d.period_end) from {rows} as r join dues as d using (unit_code)`,
  headcounts: `select u.area_org_code as org_code, year(r.as_of) as from_year from {rows} as r join units as u using (unit_code)
    union all
    select u.union_org_code, year(r.as_of) from {rows} as r join units as u using (unit_code) where u.union_org_code is not null`,
  members: 'select org_code, year(join_date) as from_year from {rows}',
  hardship_files: 'select org_code, year(least(registered_on, exit_on)) as from_year from {rows}',
  aid: 'select org_code, year(paid_on) as from_year from {rows}',
  // a cadre course counts where its trainees are members (training.cadres_trained), not only where it ran
  activities: `select org_code, year(start_date) as from_year from {rows}
    union all
    select m.org_code, year(r.start_date) from {rows} as r
    join enrollments as e using (activity_no)
    join members as m on m.id_number = e.person_key`,
  enrollments: `select a.org_code, year(a.start_date) as from_year from {rows} as r join activities as a using (activity_no)
    union all
    select m.org_code, year(a.start_date) from {rows} as r
    join activities as a using (activity_no)
    join members as m on m.id_number = r.person_key`,
  // part 2 (indicators-2.md): a flow counts in the year of its date, a stock from its start on
  // (an end date is never before its start); unit-based figures count at the unit's area
  rights_cases: 'select org_code, year(least(received_on, closed_on)) as from_year from {rows}',
  inspections: 'select u.area_org_code as org_code, year(r.inspected_on) as from_year from {rows} as r join units as u using (unit_code)',
  // the contract counts where it was signed; the units it covers (contracts.units_covered) at their
  // homes (unit_homes.sql): both the area and the union are reached
  contracts: `select org_code, year(signed_on) as from_year from {rows}
    union all
    select h.org_code, year(r.signed_on) from {rows} as r join (${UNIT_HOMES}) as h using (unit_code)
    union all
    select h.org_code, year(r.signed_on) from {rows} as r
    join contract_units as cu using (contract_no)
    join (${UNIT_HOMES}) as h on h.unit_code = cu.unit_code`,
  // a contract not (or no longer) stored: every year, to be safe
  contract_units: `select h.org_code, year(c.signed_on) as from_year from {rows} as r
    join (${UNIT_HOMES}) as h using (unit_code)
    left join contracts as c using (contract_no)`,
  democracy: `select h.org_code, r.year as from_year from {rows} as r join (${UNIT_HOMES}) as h using (unit_code)`,
  org_honours: 'select org_code, year(awarded_on) as from_year from {rows}',
  person_honours: 'select org_code, year(awarded_on) as from_year from {rows}',
  funds: 'select org_code, year(received_on) as from_year from {rows}',
  dues: 'select u.area_org_code as org_code, year(r.period_end) as from_year from {rows} as r join units as u using (unit_code)',
  stations: 'select org_code, year(opened_on) as from_year from {rows}',
  placements: 'select org_code, year(placed_on) as from_year from {rows}',
};
