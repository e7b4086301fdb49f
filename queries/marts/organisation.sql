-- definition: the coverage additions of shared/indicators-2.md (组织覆盖) for each org's whole subtree:
--   new_unions[:org_type] (orgs founded in Y, federations included), new_units (units of the area
--   registered in Y), units_200plus (units of the area standing at D whose latest headcount of Y is
--   ≥ 200), women.committees (orgs standing at D with a women workers' committee), and the breakdowns of
--   units_should, units_unionised and unionisation_rate by ownership, industry and both
--   (`:private`, `:P`, `:private.P`; a unit with the dimension blank counts in the total only, which
--   coverage.sql computes; each unit where coverage.sql counts it: its home, unit_homes.sql).
--   Standing at D: start date ≤ D or blank, no end date ≤ D (units registered_on/closed_on, orgs
--   founded_on/dissolved_on).
--   (The female membership rate is computed in coverage.sql, which scans the members anyway.)
-- unit: 个 (orgs), 家 (units); rates carry numerator and denominator
-- grain: one row per org per year per indicator key (rows that would be zero may be missing; the
--   mart fills them)
-- keys: key_no (looked up here per breakdown value, not per row: src/lib/indicators/mart.ts yieldsKeyNo)
-- source: orgs, units, headcounts, _unit_homes (unit_homes.sql), _org_rollup (org_numbers.sql), _mart_years (indicator_years),
--   indicator_keys (the dictionary)
with

-- import ---------------------------------------------------------------------------------------

years as (
    select year, starts_on, as_of from _mart_years  -- the years to compute (all of indicator_years in a full rebuild)
),

-- roll-ups join each org's own figures by its code and group by the ancestor's number, for the
-- ancestors being computed (_org_rollup: every org in a full rebuild)
closure as (
    select descendant_code as descendant, ancestor_no as ancestor from _org_rollup
),

-- the same by the descendant's preorder number, for the units' homes (numbers: unit_homes.sql)
closure_no as (
    select descendant, ancestor_no as ancestor from _org_rollup
),

orgs_src as (
    select org_code, org_type, founded_on, dissolved_on, has_women_committee from orgs
),

units_src as not materialized (  -- scans read twice: rescanned, not copied
    select unit_code, area_org_code, registered_on, closed_on from units
),

headcounts_src as not materialized (
    select unit_code, as_of, employees from headcounts
),

unit_homes as (
    select year, home_no, pair_no, should_unionise, is_standing, is_covered from _unit_homes
),

-- logic: orgs ----------------------------------------------------------------------------------

orgs_by_org as (
    select
        o.org_code,
        y.year,
        o.org_type,
        (o.founded_on between y.starts_on and y.as_of) as is_new,
        (coalesce(o.has_women_committee, false)                      -- blank = no
         and (o.founded_on is null or o.founded_on <= y.as_of)
         and (o.dissolved_on is null or o.dissolved_on > y.as_of)) as has_committee
    from orgs_src as o
    cross join years as y
),

orgs_rolled as (
    select c.ancestor as org_no, o.year, o.org_type,
        count(*) filter (where o.is_new) as new_unions,
        count(*) filter (where o.has_committee) as committees
    from orgs_by_org as o
    join closure as c on c.descendant = o.org_code
    where o.is_new or o.has_committee
    group by all
),

-- logic: units ---------------------------------------------------------------------------------

-- the latest headcount of each unit within each year computed (on or before D by construction),
-- kept only where it reaches 200: a few units, joined to the units below instead of every unit ×
-- year joined to every headcount (1.7 s of organisation's 2.1 s at scale 25)
big_units as (
    select unit_code, year
    from (
        select h.unit_code, y.year, arg_max(h.employees, h.as_of) as employees
        from headcounts_src as h
        join years as y on y.year = year(h.as_of)
        -- a unit never counted at 200 cannot have its latest count at 200: the latest of the rest
        -- only (the arg_max over every unit-year was 1.7 s of organisation's 1.9 s at scale 25)
        semi join (select distinct unit_code from headcounts_src where employees >= 200) as b on b.unit_code = h.unit_code
        group by all
    )
    where employees >= 200
),

-- the units registered in each year computed: joined by the date (a few per area), not every unit ×
-- year grouped by the area's code (3.75M rows at scale 250) to count the new ones among them
units_new as (
    select y.year, u.area_org_code
    from units_src as u
    join years as y on u.registered_on between y.starts_on and y.as_of
),

units_by_area as (
    select area_org_code as org_code, year, count(*) as new_units, 0 as units_200plus
    from units_new
    group by all
    union all
    select u.area_org_code, b.year, 0, count(*)
    from big_units as b
    join years as y on y.year = b.year
    join units_src as u on u.unit_code = b.unit_code
    where (u.registered_on is null or u.registered_on <= y.as_of)  -- standing at D
      and (u.closed_on is null or u.closed_on > y.as_of)
    group by all
),

-- roll-up --------------------------------------------------------------------------------------

units_rolled as (
    select c.ancestor as org_no, u.year,
        sum(u.new_units)::bigint as new_units,
        sum(u.units_200plus)::bigint as units_200plus
    from units_by_area as u
    join closure as c on c.descendant = u.org_code
    group by all
),

-- each (ownership, industry) pair present (numbered by unit_homes.sql), with the key numbers of its
-- three breakdowns (`:ownership`, `:industry`, `:ownership.industry`; null where a side is blank): a
-- few hundred rows, looked up once. A code the dictionary lacks is refused by name.
pairs_present as (
    select h.pair_no, u.ownership, u.industry
    from (
        -- each pair's number (unit_homes.sql) and one of its units, whose row in units gives the
        -- values: a few hundred rows to semi join (the semi join built its table on the 3.63M
        -- unit-years at scale 250)
        select pair_no, any_value(unit_no) as unit_no
        from _unit_homes
        group by pair_no
        having bool_or(should_unionise and is_standing)  -- counted in some year (pairs_rolled)
    ) as h
    join units as u on u.rowid = h.unit_no
    where u.ownership is not null or u.industry is not null  -- blank in both: in the total only
),

pair_keys as (
    select
        p.ownership,
        p.industry,
        p.pair_no,
        case when p.ownership is not null
            then coalesce(ko.key_no, error('mart: a code the dictionary does not know: coverage.unionisation_rate:' || p.ownership)) end as ownership_key,
        case when p.industry is not null
            then coalesce(ki.key_no, error('mart: a code the dictionary does not know: coverage.unionisation_rate:' || p.industry)) end as industry_key,
        case when p.ownership is not null and p.industry is not null
            then coalesce(kp.key_no, error('mart: a code the dictionary does not know: coverage.unionisation_rate:' || p.ownership || '.' || p.industry)) end as pair_key
    from pairs_present as p
    left join indicator_keys as ko on ko.code = 'coverage.unionisation_rate:' || p.ownership
    left join indicator_keys as ki on ki.code = 'coverage.unionisation_rate:' || p.industry
    left join indicator_keys as kp on kp.code = 'coverage.unionisation_rate:' || p.ownership || '.' || p.industry
),

-- the should-unionise list at D by ownership and industry (their pair's number), counted where
-- coverage.sql counts the total (each unit at its home, unit_homes.sql), so that the breakdowns add
-- up to it at every org: rolled up once at the finest grain (the pair's number, blanks included),
-- then summed to ownership alone and industry alone from the rolled rows by their key numbers
-- (grouping sets over the closure join built three hash tables from it, and grouping and keying by
-- the two strings, 6M code strings built and looked up, was most of what remained: EXPLAIN ANALYZE,
-- scripts/bench/mart-profile.ts). The unit-years are counted straight through the closure (int64
-- count states): grouped by home first (1.83M groups at scale 250) and their counts summed over the
-- 8.4M joined rows (16-byte HUGEINT sum states), the roll-up took ~1/3 more CPU.
pairs_rolled as (
    select c.ancestor as org_no, u.year, u.pair_no,
        count(*) as units_should,
        count(*) filter (where u.is_covered) as units_unionised
    from unit_homes as u
    join closure_no as c on c.descendant = u.home_no
    where u.should_unionise
      and u.is_standing
      and u.pair_no in (select pair_no from pair_keys)  -- blank in both: in the total only
    group by all
),

pairs_keyed as (
    select r.org_no, r.year, k.ownership_key, k.industry_key, k.pair_key, r.units_should, r.units_unionised
    from pairs_rolled as r
    join pair_keys as k on k.pair_no = r.pair_no
),

-- (the sums add doubles, cast back at the end: 8-byte states, where a sum of BIGINT keeps a 16-byte
-- HUGEINT one; exact, as every partial sum is a count of units, an integer far below 2^53, which
-- doubles add without rounding)
dims_rolled as (
    select org_no, year, ownership_key as key_no, sum(units_unionised::double) as units_unionised, sum(units_should::double) as units_should
    from pairs_keyed
    where ownership_key is not null  -- blank ownership: in the industry breakdown and the total only
    group by all
    union all
    select org_no, year, industry_key, sum(units_unionised::double), sum(units_should::double)
    from pairs_keyed
    where industry_key is not null  -- blank industry: in the ownership breakdown and the total only
    group by all
    union all
    select org_no, year, pair_key, units_unionised, units_should
    from pairs_keyed
    where pair_key is not null
),

-- the other figures: a few rows per org, their codes looked up here (zero rows first dropped, as the
-- mart does not store them)
other_codes as (
    select org_no, year, 'coverage.new_unions' as code, sum(new_unions)::bigint as numerator, null::bigint as denominator
    from orgs_rolled group by org_no, year
    union all
    select org_no, year, 'coverage.new_unions:' || org_type, new_unions, null from orgs_rolled
    union all
    select org_no, year, 'women.committees', sum(committees)::bigint, null from orgs_rolled group by org_no, year
    union all
    select org_no, year, 'coverage.new_units', new_units, null from units_rolled
    union all
    select org_no, year, 'coverage.units_200plus', units_200plus, null from units_rolled
),

other_keyed as (
    select c.org_no, c.year,
        coalesce(k.key_no, error('mart: a code the dictionary does not know: ' || c.code)) as key_no,
        c.numerator, c.denominator
    from other_codes as c
    left join indicator_keys as k on k.code = c.code
    where c.numerator <> 0  -- zero: not stored (indicator_cells.sql)
),

-- final: one row per indicator key (by its number, indicator_keys.key_no) ------------------------

final as (
    select org_no, year, key_no, numerator, denominator from other_keyed
    union all
    select org_no, year, key_no, units_unionised::bigint, units_should::bigint from dims_rolled
)

select * from final
