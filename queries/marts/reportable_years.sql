-- definition: the reportable years: every calendar year from the first to the last year in which a
--   current clean row records an event of the year's work (indicators-2.md, Reporting years):
--   headcounts as_of; aid paid_on; activities start_date; enrollments employed_on; hardship_files
--   exit_on; units unionised_on; rights_cases received_on, closed_on; inspections inspected_on,
--   rectified_on; contracts signed_on; democracy year; org_honours and person_honours awarded_on;
--   funds received_on; dues period_end; stations opened_on; placements placed_on. Dates of a
--   person's or an org's history (birth, join, leave, founding, dissolution, unit and hardship-file
--   registration, contract expiry) count in stocks but do not open a year. Gaps are included (a
--   quiet year reports zeros), the same years for every org. `annual` marks the years from the first
--   year with headcounts, aid or activities on: the ones the stored mart computes (indicator_years).
-- unit: year, with its as-of date D = 31 Dec and its first day
-- grain: one row per year
-- source: headcounts, aid, activities, enrollments, hardship_files, units, rights_cases, inspections,
--   contracts, democracy, org_honours, person_honours, funds, dues, stations, placements
with

-- only the first and last year matter (gaps are years too): min/max per column is one cheap scan
annual_bounds as (
    select min(d) as first_on, max(d) as last_on
    from (
        select min(as_of) as d from headcounts union all select max(as_of) from headcounts
        union all select min(paid_on) from aid union all select max(paid_on) from aid
        union all select min(start_date) from activities union all select max(start_date) from activities
    )
),

event_bounds as (
    select min(d) as first_on, max(d) as last_on
    from (
        select first_on as d from annual_bounds union all select last_on from annual_bounds
        union all select min(employed_on) from enrollments union all select max(employed_on) from enrollments
        union all select min(exit_on) from hardship_files union all select max(exit_on) from hardship_files
        union all select min(unionised_on) from units union all select max(unionised_on) from units
        union all select min(received_on) from rights_cases union all select max(received_on) from rights_cases
        union all select min(closed_on) from rights_cases union all select max(closed_on) from rights_cases
        union all select min(inspected_on) from inspections union all select max(inspected_on) from inspections
        union all select min(rectified_on) from inspections union all select max(rectified_on) from inspections
        union all select min(signed_on) from contracts union all select max(signed_on) from contracts
        union all select make_date(min(year), 1, 1) from democracy union all select make_date(max(year), 1, 1) from democracy
        union all select min(awarded_on) from org_honours union all select max(awarded_on) from org_honours
        union all select min(awarded_on) from person_honours union all select max(awarded_on) from person_honours
        union all select min(received_on) from funds union all select max(received_on) from funds
        union all select min(period_end) from dues union all select max(period_end) from dues
        union all select min(opened_on) from stations union all select max(opened_on) from stations
        union all select min(placed_on) from placements union all select max(placed_on) from placements
    )
),

bounds as (
    select
        year(e.first_on) as first_year,
        year(e.last_on) as last_year,
        -- no annual register at all: every reportable year is cheap to compute, so all are annual
        coalesce(year(a.first_on), year(e.first_on)) as first_annual_year
    from event_bounds as e
    cross join annual_bounds as a
    where e.first_on is not null
),

spanned as (
    select unnest(generate_series(first_year, last_year)) as year, first_annual_year
    from bounds
),

final as (
    select
        year::integer as year,
        make_date(year::integer, 1, 1) as starts_on,
        make_date(year::integer, 12, 31) as as_of,
        year >= first_annual_year as annual
    from spanned
)

select * from final
