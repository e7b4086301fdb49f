-- definition: coverage indicators (组织覆盖) of each org's whole subtree, as in shared/indicators.md:
--   units_should, units_unionised, unionisation_rate, unions_by_type[:org_type], employees, members,
--   membership_rate, migrant_members, migrant_employees, migrant_membership_rate, new_members, and
--   (shared/indicators-2.md) female_members, female_employees, female_membership_rate (gender 女, as
--   the migrant rate: computed here so the members are scanned once).
--   Stocks stand at D = 31 Dec of the year; new_members is the flow within the year.
--   unions_by_type counts base-level unions (community, joint, grassroots), not federations.
--   Where a unit counts (its "home" at D), so that every org's figures are the sum of its own and
--   its children's and a child table adds up (src/lib/indicators/child-table.ts):
--     a unit unionised at D (union_org_code set, unionised_on ≤ D, and that union standing at D)
--       counts at its union, with the union's members: an independent or joint union's 组建率 and
--       入会率 are over the units it covers, wherever they sit (a joint union of another street
--       included); its area no longer counts it;
--     any other unit counts at its area (area_org_code), not unionised: a unit whose union was
--       dissolved on or before D (or not yet founded) is not covered at D.
--   The register keeps a unit's current union only: a unit that changed union counts at the union
--   its row names from that union's unionised_on, and as not unionised before it.
--   So an area org's figures hold the units of its area not covered by a union outside its
--   subtree, and the units covered by the unions of its subtree.
-- unit: 家 (units), 个 (unions), 人 (employees, members); rates carry numerator and denominator
-- grain: one row per org per year per indicator key (rows that would be zero may be missing; the
--   mart fills them)
-- keys: key_no (looked up here per figure and union type, not per row: src/lib/indicators/mart.ts yieldsKeyNo)
-- order: org_no, year (in three runs, each sorted after its last join, the figures unnested after
--   the sort: the cells need no sort of their own, src/lib/indicators/mart.ts emitsSorted)
-- source: units, headcounts, members, orgs, _unit_homes (unit_homes.sql), _org_rollup and _org_numbers (org_numbers.sql),
--   _mart_years (indicator_years), indicator_keys (the dictionary)
-- delta: members by member_no; apart units, headcounts, orgs (the member figures are sums over
--   member rows, each counted at its org; the units', employees' and unions' figures, _unit_homes
--   included, read no member: a members batch changes the cells by its members' difference,
--   src/lib/indicators/mart-delta.ts; a batch of units, headcounts or orgs recomputes)
with

-- import ---------------------------------------------------------------------------------------

years as (
    select year, as_of from _mart_years  -- the years to compute (all of indicator_years in a full rebuild)
),

-- roll-ups join each org's own figures by its code and group by the ancestor's number, for the
-- ancestors being computed (_org_rollup: every org in a full rebuild)
closure as (
    select descendant_code as descendant, ancestor_no as ancestor from _org_rollup
),

-- the same by the descendant's preorder number, for the units (their homes are numbers: unit_homes.sql)
closure_no as (
    select descendant, ancestor_no as ancestor from _org_rollup
),

unit_homes as (
    select year, unit_no, home_no, should_unionise, is_standing, is_covered from _unit_homes
),

-- each unit's number (unit_homes.sql: its rowid in units): the headcounts are joined to it by their
-- unit code once, then grouped and joined to the unit-years by the number (grouped by the
-- 22-character code, 3.4M unit-years at scale 250 were coverage's costliest grouping)
unit_nos as (
    select rowid as unit_no, unit_code from units
),

headcounts_src as (
    select unit_code, as_of, employees, migrant_employees, female_employees from headcounts
),

members_src as (
    select org_code, join_date, leave_date, is_migrant_worker, gender from members
),

org_nos as (
    select org_code, preorder_no from indicator_orgs
),

orgs_src as (
    select org_code, org_type, founded_on, dissolved_on from orgs
),

-- logic: units ---------------------------------------------------------------------------------

-- the units that should unionise and stand at D, each at its home (unit_homes.sql: its union when
-- a standing union covers it at D, else its area)
units_at_d as (
    select year, unit_no, home_no, is_covered as is_unionised
    from unit_homes
    where should_unionise       -- the denominator is the "should" list only
      and is_standing           -- undated units count; later ones do not yet; closed on or before D: gone
),

-- the latest headcount of each unit within the year (on or before D by construction): one arg_max
-- of the three counts together (three arg_max over 3.4M unit-years were coverage's costliest
-- operator at scale 250)
latest_headcount as (
    select unit_no, year, h.employees, h.migrant_employees, h.female_employees
    from (
        select
            n.unit_no,
            year(c.as_of) as year,
            arg_max({employees: c.employees, migrant_employees: c.migrant_employees, female_employees: c.female_employees}, c.as_of) as h
        from headcounts_src as c
        join unit_nos as n on n.unit_code = c.unit_code  -- a code that is no unit has no unit-year to count at
        group by n.unit_no, year(c.as_of)
    )
),

units_by_home as (
    select
        a.home_no,
        a.year,
        count(*) as units_should,
        count(*) filter (where a.is_unionised) as units_unionised,
        -- employees of unionised units only: the same units the 已建会 count holds
        coalesce(sum(h.employees) filter (where a.is_unionised), 0)::bigint as employees,
        coalesce(sum(h.migrant_employees) filter (where a.is_unionised), 0)::bigint as migrant_employees,
        coalesce(sum(h.female_employees) filter (where a.is_unionised), 0)::bigint as female_employees
    from units_at_d as a
    left join latest_headcount as h
        on h.unit_no = a.unit_no
       and h.year = a.year
    group by a.home_no, a.year
),

-- logic: members -------------------------------------------------------------------------------

-- 10M members collapse to a few groups per org: D is a year end, so "join_date ≤ D" is
-- "join year ≤ Y" and "leave_date ≤ D" is "leave year ≤ Y". Only where a year falls against the
-- years computed matters: every join year before the first is one cohort (first − 1: joined before
-- any Y, new in none), every leave year after the last is "still a member" (null), one before the
-- first is the first (gone by every D), so the groups stay few (3.2M at scale 250 without this).
-- Right for any Y between the first and last year computed.
year_range as (
    select min(year) as first_year, max(year) as last_year, max(year) - min(year) + 3 as span from years
),

-- Each member's cohort as one integer: its org's preorder number (members of a code that is no org
-- drop out here, as the closure join dropped them), join year, leave year and migrant flag packed
-- as ((org × span + j) × span + l) × 2 + migrant, where j = join year − (first − 1) (0: before any Y;
-- last − first + 2: after every Y, new in none) and l = 0 for "still a member" else leave year −
-- first + 1 (both < span). Grouped by that one integer, the 15.4M members of scale 250 took about
-- half the CPU of the grouping by (org code, join year, leave year, migrant): the org code strings
-- are hashed once per member either way, but in a join to the 85k orgs rather than into a 1.6M-group
-- table. A member without a join date is left out: a member in no year, as before.
member_keys as (
    select
        -- (least/greatest skip nulls: a blank date is handled by its own case)
        ((o.preorder_no::bigint * r.span
          + case when m.join_date is null then null  -- never a member: the whole key null
                 else least(greatest(year(m.join_date), r.first_year - 1), r.last_year + 1) - r.first_year + 1 end) * r.span
          + case when m.leave_date is null or year(m.leave_date) > r.last_year then 0  -- a member at every D from joining
                 else greatest(year(m.leave_date), r.first_year) - r.first_year + 1 end) * 2  -- before the first: gone by every D
          + coalesce(m.is_migrant_worker, false)::integer as cohort,
        m.gender = '女' as is_female  -- gender is filled from the ID when blank
    from members_src as m
    join org_nos as o on o.org_code = m.org_code
    cross join year_range as r
    -- no join date: a member in no year (the filter reads the members alone: tested on the packed
    -- key, it became the condition of a nested-loop join of the 15.4M members with year_range)
    where m.join_date is not null
),

member_cohorts as (
    select
        c.cohort // (2 * r.span * r.span) as org_pre,
        (c.cohort // (2 * r.span)) % r.span + r.first_year - 1 as join_year,
        case when (c.cohort // 2) % r.span = 0 then null else (c.cohort // 2) % r.span + r.first_year - 1 end as leave_year,
        c.cohort % 2 = 1 as is_migrant,
        c.n,
        c.female
    from (
        select cohort, count(*) as n, count(*) filter (where is_female) as female
        from member_keys
        group by cohort
    ) as c
    cross join year_range as r
),

members_by_org as (
    select
        c.org_pre,
        y.year,
        coalesce(sum(c.n) filter (where c.join_year <= y.year and (c.leave_year is null or c.leave_year > y.year)), 0)::bigint as members,
        coalesce(sum(c.n) filter (where c.is_migrant and c.join_year <= y.year and (c.leave_year is null or c.leave_year > y.year)), 0)::bigint as migrant_members,
        coalesce(sum(c.n) filter (where c.join_year = y.year), 0)::bigint as new_members,
        coalesce(sum(c.female) filter (where c.join_year <= y.year and (c.leave_year is null or c.leave_year > y.year)), 0)::bigint as female_members
    from member_cohorts as c
    cross join years as y
    group by c.org_pre, y.year
),

-- logic: unions standing at D, by type ---------------------------------------------------------

unions_by_org as (
    select
        o.org_code,
        y.year,
        o.org_type
    from orgs_src as o
    cross join years as y
    where o.org_type in ('community_union', 'joint_union', 'grassroots_union')  -- 基层工会: not federations
      and (o.founded_on is null or o.founded_on <= y.as_of)
      and (o.dissolved_on is null or o.dissolved_on > y.as_of)
),

-- roll-up: every org's own figures summed over its subtree (the closure, no recursion) ---------

units_rolled as (
    select c.ancestor as org_no, u.year,
        sum(u.units_should)::bigint as units_should,
        sum(u.units_unionised)::bigint as units_unionised,
        sum(u.employees)::bigint as employees,
        sum(u.migrant_employees)::bigint as migrant_employees,
        sum(u.female_employees)::bigint as female_employees
    from units_by_home as u
    join closure_no as c on c.descendant = u.home_no
    group by c.ancestor, u.year
),

members_rolled as (
    select c.ancestor as org_no, m.year,
        sum(m.members)::bigint as members,
        sum(m.migrant_members)::bigint as migrant_members,
        sum(m.new_members)::bigint as new_members,
        sum(m.female_members)::bigint as female_members
    from members_by_org as m
    join closure_no as c on c.descendant = m.org_pre
    group by c.ancestor, m.year
),

unions_rolled as (
    select c.ancestor as org_no, u.year, u.org_type, count(*) as unions
    from unions_by_org as u
    join closure as c on c.descendant = u.org_code
    group by c.ancestor, u.year, u.org_type
),

both_rolled as (
    select
        coalesce(u.org_no, m.org_no) as org_no,
        coalesce(u.year, m.year) as year,
        coalesce(u.units_should, 0) as units_should,
        coalesce(u.units_unionised, 0) as units_unionised,
        coalesce(u.employees, 0) as employees,
        coalesce(u.migrant_employees, 0) as migrant_employees,
        coalesce(m.members, 0) as members,
        coalesce(m.migrant_members, 0) as migrant_members,
        coalesce(m.new_members, 0) as new_members,
        coalesce(u.female_employees, 0) as female_employees,
        coalesce(m.female_members, 0) as female_members
    from units_rolled as u
    full join members_rolled as m
        on m.org_no = u.org_no
       and m.year = u.year
),

-- final: one row per indicator key (by its number, indicator_keys.key_no) ------------------------
-- (sums of counts are cast to bigint above: a union of DECIMAL money or hours with a HUGEINT
-- sum would be typed with fewer decimals and lose the cents)

-- the key numbers of the five figures of both_rolled in the order unnested below, then of the
-- unions' total; and of each union type: looked up once, not a code string built and looked up per
-- output row. A code the dictionary lacks is refused by name.
figure_keys as (
    select list(coalesce(k.key_no, error('mart: a code the dictionary does not know: ' || m.code)) order by m.i) as key_nos
    from (values
        (1, 'coverage.unionisation_rate'), (2, 'coverage.membership_rate'), (3, 'coverage.migrant_membership_rate'),
        (4, 'coverage.new_members'), (5, 'coverage.female_membership_rate'), (6, 'coverage.unions_by_type')
    ) as m (i, code)
    left join indicator_keys as k on k.code = m.code
),

type_keys as (
    select t.org_type,
        coalesce(k.key_no, error('mart: a code the dictionary does not know: coverage.unions_by_type:' || t.org_type)) as key_no
    from (select distinct org_type from unions_rolled) as t
    left join indicator_keys as k on k.code = 'coverage.unions_by_type:' || t.org_type
),

figures_final as (
    select b.org_no, b.year,
        unnest(b.key_nos[1:5]) as key_no,
        unnest([b.units_unionised, b.members, b.migrant_members, b.new_members, b.female_members]) as numerator,
        unnest([b.units_should, b.employees, b.migrant_employees, null, b.female_employees]) as denominator
    from (select b.*, f.key_nos from both_rolled as b cross join figure_keys as f order by b.org_no, b.year) as b
),

unions_final as (
    select u.org_no, u.year, f.key_nos[6] as key_no, sum(u.unions)::bigint as numerator, null as denominator
    from unions_rolled as u
    cross join figure_keys as f
    group by u.org_no, u.year, f.key_nos[6]
    order by u.org_no, u.year
),

types_final as (
    select u.org_no, u.year, t.key_no, u.unions as numerator, null as denominator
    from unions_rolled as u
    join type_keys as t on t.org_type = u.org_type
    order by u.org_no, u.year
),

final as (
    select org_no, year, key_no, numerator, denominator from figures_final
    union all
    select org_no, year, key_no, numerator, denominator from unions_final
    union all
    select org_no, year, key_no, numerator, denominator from types_final
)

select * from final
