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
-- order: org_no, year (in two runs, each sorted after its last join, the figures unnested after
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

-- roll-ups join each org's own figures by its preorder number (the units' homes: unit_homes.sql;
-- members and unions by their org's, looked up once per row) and group by the ancestor's number, for
-- the ancestors being computed (_org_rollup: every org in a full rebuild)
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

-- the latest headcount of each unit within the year (on or before D by construction). arg_max with
-- an integer value takes DuckDB's fixed-size path; of a struct (or a HUGEINT) its generic one, twice
-- the CPU over 3.4M unit-years at scale 250. So employees (required) by itself, and the two nullable
-- counts packed in one BIGINT: each 0 for blank, else its value + 1 (the ingest's 'int' is ≥ 0, at
-- most 2^31 - 1: (2^31 + 1)^2 < 2^63). A unit has one headcount per date (the register's key), so
-- both arg_max take the same row
latest_headcount as (
    select unit_no, year, employees,
        nullif(packed // 2147483649, 0) - 1 as migrant_employees,
        nullif(packed % 2147483649, 0) - 1 as female_employees
    from (
        select
            n.unit_no,
            year(c.as_of)::integer as year,  -- as _unit_homes.year: no cast per probe of the join below
            arg_max_null(c.employees, c.as_of) as employees,  -- _null: a blank at the latest date stays blank
            arg_max(coalesce(c.migrant_employees::bigint + 1, 0) * 2147483649 + coalesce(c.female_employees::bigint + 1, 0), c.as_of) as packed
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

-- 15M members collapse to a few events per org: D is a year end, so "join_date ≤ D" is "join year
-- ≤ Y" and "leave_date ≤ D" is "leave year ≤ Y". Only where a year falls against the years computed
-- matters: every year before the first is one (first − 1), so the keys stay few. Right for any Y
-- between the first and last year computed.
year_range as (
    select min(year) as first_year, max(year) as last_year, max(year) - min(year) + 3 as span from years
),

-- A member is in the stock at D of every Y from its join year to the year before it leaves: +1 at
-- its join year and -1 at its leave year (only if it leaves after the year it joined: else it is in
-- no stock, only new in its join year), so an org's members at D of Y are the sum of its events up
-- to Y. Each member gives its two events as keys packed (org × span + e), e = event year − (first −
-- 1), an event before the first year at e = 0 (counted in every Y); a join after the last year is
-- in no figure (left out), a leave after it in none of the years computed (no event). Both groupings
-- in one pass (grouping sets: ~300k keys each at scale 250): a grouping of the 15.4M members into
-- 1.6M (org, join, leave) cohorts, each then met by every year, cost ~10% more. Members of a code
-- that is no org drop out in the join, as the closure join dropped them.
member_rows as (
    select
        o.preorder_no::bigint as org_pre,
        year(m.join_date) as joined,
        year(m.leave_date) as left_in,  -- null: still a member
        coalesce(m.is_migrant_worker, false) as is_migrant,
        m.gender = '女' as is_female  -- gender is filled from the ID when blank
    from members_src as m
    join org_nos as o on o.org_code = m.org_code
    -- no join date: a member in no year (the filter reads the members alone: tested on a packed
    -- key, it became the condition of a nested-loop join of the 15.4M members with year_range)
    where m.join_date is not null
),

member_keys as (
    select
        m.org_pre * r.span + greatest(m.joined, r.first_year - 1) - r.first_year + 1 as join_key,
        case when m.left_in > m.joined and m.left_in <= r.last_year
             then m.org_pre * r.span + greatest(m.left_in, r.first_year - 1) - r.first_year + 1 end as leave_key,
        m.left_in is null or m.left_in > m.joined as in_stock,
        m.is_migrant,
        m.is_female
    from member_rows as m
    cross join year_range as r
    where m.joined <= r.last_year  -- joined after every D: in no figure
),

-- per org and event year: the stock's change (+ joins, − leaves) and the joins (new members)
member_events as (
    select
        coalesce(e.join_key, e.leave_key) // r.span as org_pre,
        coalesce(e.join_key, e.leave_key) % r.span + r.first_year - 1 as year,
        e.sign * e.stock as stock,
        e.sign * e.migrant as migrant,
        e.sign * e.female as female,
        case when e.sign = 1 then e.joined else 0 end as joined
    from (
        select join_key, leave_key,
            case when grouping(join_key) = 0 then 1 else -1 end as sign,
            count(*) as joined,
            count(*) filter (where in_stock) as stock,  -- (a leave event's members are all in_stock)
            count(*) filter (where in_stock and is_migrant) as migrant,
            count(*) filter (where in_stock and is_female) as female
        from member_keys
        group by grouping sets ((join_key), (leave_key))
    ) as e
    cross join year_range as r
    where e.join_key is not null or e.leave_key is not null  -- the members without a leave event
),

members_by_org as (
    select
        e.org_pre,
        y.year,
        sum(e.stock)::bigint as members,
        sum(e.migrant)::bigint as migrant_members,
        coalesce(sum(e.joined) filter (where e.year = y.year), 0)::bigint as new_members,
        sum(e.female)::bigint as female_members
    from member_events as e
    join years as y on e.year <= y.year  -- the events up to Y (e = 0: before every Y)
    group by e.org_pre, y.year
),

-- logic: unions standing at D, by type ---------------------------------------------------------

unions_by_org as (
    select
        n.preorder_no as org_pre,
        y.year,
        o.org_type
    from orgs_src as o
    join org_nos as n on n.org_code = o.org_code
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

-- the three types counted beside the total in one grouping by (org, year) (a grouping by type
-- and a regrouping of it for the totals cost ~twice)
unions_rolled as (
    select c.ancestor as org_no, u.year,
        count(*) as unions,
        count(*) filter (where u.org_type = 'community_union') as community_unions,
        count(*) filter (where u.org_type = 'joint_union') as joint_unions,
        count(*) filter (where u.org_type = 'grassroots_union') as grassroots_unions
    from unions_by_org as u
    join closure_no as c on c.descendant = u.org_pre
    group by c.ancestor, u.year
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
-- unions' total and of each union type: looked up once, not a code string built and looked up per
-- output row. A code the dictionary lacks is refused by name.
figure_keys as (
    select list(coalesce(k.key_no, error('mart: a code the dictionary does not know: ' || m.code)) order by m.i) as key_nos
    from (values
        (1, 'coverage.unionisation_rate'), (2, 'coverage.membership_rate'), (3, 'coverage.migrant_membership_rate'),
        (4, 'coverage.new_members'), (5, 'coverage.female_membership_rate'), (6, 'coverage.unions_by_type'),
        (7, 'coverage.unions_by_type:community_union'), (8, 'coverage.unions_by_type:joint_union'),
        (9, 'coverage.unions_by_type:grassroots_union')
    ) as m (i, code)
    left join indicator_keys as k on k.code = m.code
),

figures_final as (
    select b.org_no, b.year,
        unnest(b.key_nos[1:5]) as key_no,
        unnest([b.units_unionised, b.members, b.migrant_members, b.new_members, b.female_members]) as numerator,
        unnest([b.units_should, b.employees, b.migrant_employees, null, b.female_employees]) as denominator
    from (select b.*, f.key_nos from both_rolled as b cross join figure_keys as f order by b.org_no, b.year) as b
),

-- the total and each type (a zero: no union of that type there, no row, as before)
unions_final as (
    select u.org_no, u.year, u.key_no, u.numerator, null as denominator
    from (
        select u.org_no, u.year,
            unnest(u.key_nos[6:9]) as key_no,
            unnest([u.unions, u.community_unions, u.joint_unions, u.grassroots_unions]) as numerator
        from (select u.*, f.key_nos from unions_rolled as u cross join figure_keys as f order by u.org_no, u.year) as u
    ) as u
    where u.numerator <> 0
),

final as (
    select org_no, year, key_no, numerator, denominator from figures_final
    union all
    select org_no, year, key_no, numerator, denominator from unions_final
)

select * from final
