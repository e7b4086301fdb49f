-- definition: where each unit counts in each year computed (its "home" at D = 31 Dec of the year),
--   shared by every family that counts units, so that their figures and breakdowns agree with
--   coverage.units_unionised and every child table adds up (src/lib/indicators/child-table.ts):
--     is_covered: union_org_code set, unionised_on ≤ D and that union standing at D (founded_on
--       blank or ≤ D, dissolved_on blank or > D);
--     home_no: the preorder number (indicator_orgs.preorder_no, the closure's `descendant`) of the
--       union when covered (wherever it sits), else of the area (area_org_code); null when that code
--       is no org (the unit then rolls up nowhere, as a join on the code dropped it);
--     is_standing: registered_on blank or ≤ D, closed_on blank or > D;
--     pair_no, ownership_no: the unit's (ownership, industry) pair and its ownership numbered (by
--       their sorted values, blanks included);
--     unit_no: the unit's row number in units (its rowid, read in the same scan), so that the
--       families join their unit-years by an integer: a family maps its rows' unit codes to numbers
--       once (`select rowid as unit_no, unit_code from units`), not per unit-year (democracy joined
--       3.75M unit-years twice by the 22-character code, coverage grouped 3.4M headcounts by it),
--       and reads a pair's or an ownership's values from any one of its units the same way.
--   No strings: the unit code, ownership and industry are read from units by the number where a
--   family needs them (the three strings per unit-year made the temp table cost about twice as much
--   to write: scale 250, 1.5-2.2 s of CPU against 3.6-5.3 s, load ~7).
--   The families filter (should_unionise, is_standing) as their definitions say, and group and roll
--   up by the numbers: grouped by the org code and the two strings, the unit-years took 3-4× the CPU
--   (scale 250: 1.1-1.7 s against 0.33-0.38 s for one grouping; coverage, organisation and democracy
--   each group them, then join the closure by the home).
--   Only the columns the families read (3.75M rows at scale 250, written once per rebuild).
-- unit: one row per unit and year, no measure
-- grain: one row per unit per year of _mart_years
-- source: units, orgs, indicator_orgs, _mart_years (created as the temp table _unit_homes by src/lib/indicators/mart.ts)
with

years as (
    select year, as_of from _mart_years
),

units_src as (
    select rowid as unit_no, area_org_code, union_org_code, unionised_on, should_unionise, registered_on, closed_on,
        ownership, industry
    from units
),

orgs_src as (
    select org_code, founded_on, dissolved_on from orgs
),

org_nos as (
    select org_code, preorder_no from indicator_orgs
),

-- the breakdown values present, numbered (a few hundred pairs)
pairs as (
    select
        ownership,
        industry,
        (row_number() over (order by ownership, industry))::integer as pair_no,
        (dense_rank() over (order by ownership))::integer as ownership_no
    from (select distinct ownership, industry from units_src)
),

-- each unit once (750k at scale 250, not per year): its area's and union's numbers, its union's
-- dates, its pair's numbers
units_numbered as (
    select
        u.unit_no,  -- a join key only: never shown or stored
        a.preorder_no as area_no,
        n.preorder_no as union_no,
        u.union_org_code is not null as has_union,
        u.unionised_on,
        o.founded_on,
        o.dissolved_on,
        u.should_unionise,
        u.registered_on,
        u.closed_on,
        p.pair_no,
        p.ownership_no
    from units_src as u
    left join org_nos as a
        on a.org_code = u.area_org_code
    left join org_nos as n
        on n.org_code = u.union_org_code
    left join orgs_src as o
        on o.org_code = u.union_org_code
    left join pairs as p
        on p.ownership is not distinct from u.ownership
       and p.industry is not distinct from u.industry
),

by_year as (
    select
        y.year,
        u.*,
        ((u.registered_on is null or u.registered_on <= y.as_of)
         and (u.closed_on is null or u.closed_on > y.as_of)) as is_standing,
        (u.has_union
         and u.unionised_on <= y.as_of
         and (u.founded_on is null or u.founded_on <= y.as_of)
         and (u.dissolved_on is null or u.dissolved_on > y.as_of)) as is_covered
    from units_numbered as u
    cross join years as y
),

final as (
    select
        year,
        unit_no,
        case when is_covered then union_no else area_no end as home_no,
        pair_no,
        ownership_no,
        should_unionise,
        is_standing,
        coalesce(is_covered, false) as is_covered
    from by_year
)

select * from final
