-- definition: where each unit counts in each year computed (its "home" at D = 31 Dec of the year),
--   shared by every family that counts units, so that their figures and breakdowns agree with
--   coverage.units_unionised and every child table adds up (src/lib/indicators/child-table.ts):
--     is_covered: union_org_code set, unionised_on ≤ D and that union standing at D (founded_on
--       blank or ≤ D, dissolved_on blank or > D);
--     home_org_code: the union when covered (wherever it sits), else the area (area_org_code);
--     is_standing: registered_on blank or ≤ D, closed_on blank or > D.
--   The families filter (should_unionise, is_standing) as their definitions say.
--   Only the columns the families read (3.75M rows at scale 250, written once per rebuild).
-- unit: one row per unit and year, no measure
-- grain: one row per unit per year of _mart_years
-- source: units, orgs, _mart_years (created as the temp view _unit_homes by src/lib/indicators/mart.ts)
with

years as (
    select year, as_of from _mart_years
),

units_src as (
    select unit_code, area_org_code, union_org_code, unionised_on, should_unionise, registered_on, closed_on,
        ownership, industry
    from units
),

orgs_src as (
    select org_code, founded_on, dissolved_on from orgs
),

by_year as (
    select
        y.year,
        u.unit_code,
        u.area_org_code,
        u.union_org_code,
        u.ownership,
        u.industry,
        u.should_unionise,
        ((u.registered_on is null or u.registered_on <= y.as_of)
         and (u.closed_on is null or u.closed_on > y.as_of)) as is_standing,
        (u.union_org_code is not null
         and u.unionised_on <= y.as_of
         and (o.founded_on is null or o.founded_on <= y.as_of)
         and (o.dissolved_on is null or o.dissolved_on > y.as_of)) as is_covered
    from units_src as u
    cross join years as y
    left join orgs_src as o
        on o.org_code = u.union_org_code
),

final as (
    select
        year,
        unit_code,
        case when is_covered then union_org_code else area_org_code end as home_org_code,
        ownership,
        industry,
        should_unionise,
        is_standing,
        coalesce(is_covered, false) as is_covered
    from by_year
)

select * from final
