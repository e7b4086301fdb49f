-- definition: democratic management (民主管理) of each org's whole subtree, as in shared/indicators-2.md.
--   Collective contracts: signed[:type|:scope] (signed in Y) and in_force[:type|:scope] (in force at D:
--   signed_on ≤ D, expires_on blank or ≥ D) count the contracts of the subtree's orgs;
--   workers_covered = workers_covered of the comprehensive contracts in force at D, and [:type] each
--   type its own sum. units_covered[:ownership] = distinct units standing at D covered by any
--   contract in force at D (a single contract covers its unit_code, a regional or industry one its
--   contract_units rows), counted at the unit's home whatever org signed (unit_homes.sql: its union
--   when a standing union covers it at D, else its area, as coverage.sql counts it);
--   unionised_covered = those of them in coverage.units_unionised, signing_rate = unionised_covered /
--   coverage.units_unionised.
--   Workers' congresses (democracy rows of year Y, at the unit's home): units_established (row has
--   congress), unionised_established / establishment_rate (of coverage.units_unionised; no row = no),
--   open_affairs_units, sessions, delegates; all [:ownership] (a unit without one: total only).
-- unit: 份 (contracts), 家 (units), 人 (workers, delegates), 次 (sessions); rates carry both parts
-- grain: one row per org per year per indicator key (rows that would be zero may be missing; the
--   mart fills them)
-- keys: key_no (looked up here per breakdown value, not per row: src/lib/indicators/mart.ts yieldsKeyNo)
-- order: org_no, year (in two runs, contracts then units, each sorted after its last join, the
--   figures unnested after the sort: the cells need no sort of their own, src/lib/indicators/mart.ts
--   emitsSorted; 1.2M rolled rows sorted at scale 250 instead of their 8.7M cells)
-- source: contracts, contract_units, democracy, units, orgs, _unit_homes (unit_homes.sql), _org_rollup (org_numbers.sql),
--   _mart_years (indicator_years), indicator_keys (the dictionary)
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

unit_homes as (  -- a temp table (mart.ts)
    select year, unit_no, home_no, ownership_no, should_unionise, is_standing, is_covered from _unit_homes
),

-- each unit's number (unit_homes.sql: its rowid in units): the rows below are joined to it by
-- their unit code once, and to the unit-years by the number
unit_nos as (
    select rowid as unit_no, unit_code from units
),

-- the contract types and scopes present, each numbered by its place in a sorted list (a blank one
-- as '', which no code of the dictionary ends with: refused by name below): the contracts' roll-up
-- and its sets group by the numbers, and the sets' key numbers are found by them (joined by the two
-- strings with `is not distinct from`, the 673k summed rows took ~1.4 s of operator time at scale
-- 250). A list, not a join: joined to a numbered table, DuckDB lost its estimate of the contracts'
-- rows and built the unit-years' join below on the 3.75M unit-years
contract_dims as (
    select list_sort(list_distinct(list(coalesce(type, '')))) as types, list_sort(list_distinct(list(coalesce(scope, '')))) as scopes
    from contracts
),

contracts_src as (
    select c.contract_no, c.org_code, c.type = 'comprehensive' as is_comprehensive,
        list_position((select types from contract_dims), coalesce(c.type, ''))::integer as type_no,
        c.scope,
        list_position((select scopes from contract_dims), coalesce(c.scope, ''))::integer as scope_no,
        n.unit_no, c.signed_on, c.expires_on, c.workers_covered
    from contracts as c
    left join unit_nos as n on n.unit_code = c.unit_code  -- a code that is no unit: null, it covers no unit-year
),

contract_units_src as (
    select cu.contract_no, n.unit_no
    from contract_units as cu
    left join unit_nos as n on n.unit_code = cu.unit_code  -- listed with a code that is no unit: still listed (not the anti join's case)
),

democracy_src as (
    select n.unit_no, d.year, d.congress, d.sessions, d.delegates, d.open_affairs
    from democracy as d
    join unit_nos as n on n.unit_code = d.unit_code  -- a code that is no unit has no unit-year to count at
),

-- logic: contracts of the subtree's orgs -------------------------------------------------------

contracts_by_org as (
    select
        c.org_code,
        y.year,
        c.type_no,
        c.scope_no,
        c.is_comprehensive,
        count(*) filter (where c.signed_on between y.starts_on and y.as_of) as signed,
        count(*) filter (where c.signed_on <= y.as_of and (c.expires_on is null or c.expires_on >= y.as_of)) as in_force,
        coalesce(sum(c.workers_covered) filter (where c.signed_on <= y.as_of and (c.expires_on is null or c.expires_on >= y.as_of)), 0)::bigint as workers
    from contracts_src as c
    join years as y on c.signed_on <= y.as_of  -- not yet signed at D: neither signed in Y nor in force
    -- expired before D and signed before Y: counts in no figure of the year (over half of the
    -- contract-years at scale 250: not grouped nor rolled up)
    where c.signed_on >= y.starts_on
       or c.expires_on is null
       or c.expires_on >= y.as_of
    group by all
),

contracts_rolled as (
    select cl.ancestor as org_no, c.year, c.type_no, c.scope_no, c.is_comprehensive,
        sum(c.signed)::bigint as signed,
        sum(c.in_force)::bigint as in_force,
        sum(c.workers)::bigint as workers
    from contracts_by_org as c
    join closure as cl on cl.descendant = c.org_code
    group by all
),

-- logic: units at D, and what covers them ------------------------------------------------------

-- each unit at its home in each year (unit_homes.sql: its union when covered, else its area);
-- standing at D and unionised exactly as coverage.units_unionised counts it (the rates below
-- divide by that) where the figures say so
units_at_d as (
    select year, unit_no, home_no, ownership_no, is_standing, (should_unionise and is_covered) as is_unionised
    from unit_homes
),

-- contracts in force at D (expires_on is its last day), per year
in_force as (
    select y.year, c.contract_no, c.scope, c.unit_no
    from contracts_src as c
    join years as y
        on c.signed_on <= y.as_of
       and (c.expires_on is null or c.expires_on >= y.as_of)
),

-- the units they cover: a single contract its unit_code, a regional or industry one its
-- contract_units rows (by equality only: with the scope in the join condition DuckDB ran a
-- block-wise nested loop, 2.9 s of democracy's 4.4 s at scale 25)
covered as (
    select distinct year, unit_no
    from (
        select year, unit_no from in_force where scope = 'single'
        union all
        select f.year, cu.unit_no
        from in_force as f
        join contract_units_src as cu on cu.contract_no = f.contract_no
        where f.scope <> 'single'
        union all
        -- a regional or industry contract listing no units covers what it names itself (if anything)
        select f.year, f.unit_no
        from in_force as f
        anti join contract_units_src as cu on cu.contract_no = f.contract_no
        where f.scope <> 'single'
    )
    where unit_no is not null  -- no unit, or a code that is no unit: covers no unit-year
),

congress_rows as (
    select d.unit_no, d.year, d.congress, coalesce(d.open_affairs, false) as open_affairs,
        coalesce(d.sessions, 0) as sessions, coalesce(d.delegates, 0) as delegates
    from democracy_src as d
    join years as y on y.year = d.year
),

-- one pass over the units and years: the units standing at D (what covers them, who is unionised)
-- and the democracy rows, which count at the unit's home standing or not (the row says the year).
-- One row per unit and year in unit_homes, at most one in covered and in congress_rows, so nothing is
-- counted twice (a join of the democracy rows apart and a union of both sides cost one more hash join
-- of the 3.75M unit-years at scale 250).
unit_years as (
    select
        a.home_no,
        a.year,
        a.ownership_no,
        a.is_standing and a.is_unionised as unionised,
        a.is_standing and cv.unit_no is not null as covered,
        a.is_standing and a.is_unionised and cv.unit_no is not null as unionised_covered,
        a.is_standing and a.is_unionised and d.congress as unionised_established,
        d.congress as established,
        d.open_affairs,
        d.sessions,
        d.delegates
    from units_at_d as a
    left join covered as cv
        on cv.unit_no = a.unit_no
       and cv.year = a.year
    left join congress_rows as d
        on d.unit_no = a.unit_no
       and d.year = a.year
    -- a unit-year that adds to no measure is not rolled up (over a quarter of them at scale 250,
    -- each joined to every ancestor): every measure is a sum, zero cells are not stored
    where (a.is_standing and (a.is_unionised or cv.unit_no is not null))
       or d.unit_no is not null
),

-- the unit-years counted straight through the closure by ownership (its number: the roll-up groups
-- integers, int64 count states), then the totals summed from the rolled rows (grouping sets over the
-- closure joins built two hash tables from each: the largest operators of democracy at scale 250,
-- EXPLAIN ANALYZE in scripts/bench/mart-profile.ts); each rolled row then gives its seven figures by
-- the key numbers of its breakdown value (a code string built per figure and looked up in the
-- dictionary was a third of democracy's time: 12.5M rows at scale 250). Grouped by home first
-- (759k groups at scale 250) and their counts summed over the closure, the roll-up took more CPU.
-- Every measure is a sum, and zero cells are not stored.
-- The sums of sessions and delegates add doubles (8-byte states; a sum of BIGINT keeps a 16-byte
-- HUGEINT one), as do the totals' sums of the counts, cast back below. Exact: every partial sum is
-- an integer below 2^53, which doubles add without rounding: counts of units are far below it, and
-- the sessions and delegates (the clerks' integers) are checked over the whole table first
-- (double_exact), refused beyond it rather than rounded.
by_ownership as (
    select cl.ancestor as org_no, u.year, u.ownership_no,
        count(*) filter (where u.unionised) as unionised,
        count(*) filter (where u.covered) as covered,
        count(*) filter (where u.unionised_covered) as unionised_covered,
        count(*) filter (where u.unionised_established) as unionised_established,
        count(*) filter (where u.established) as established,
        count(*) filter (where u.open_affairs) as open_affairs,
        coalesce(sum(u.sessions::double), 0) as sessions,
        coalesce(sum(u.delegates::double), 0) as delegates
    from unit_years as u
    join closure_no as cl on cl.descendant = u.home_no
    group by all
),

-- each breakdown value (the total: ownership null and dim ''; ':<ownership>'), numbered, with the key
-- numbers of its seven figures in the order of the measures below: a few rows, looked up once. A code
-- the dictionary lacks is refused by name.
dims as (
    select null::integer as ownership_no, '' as dim
    union all
    select h.ownership_no, ':' || u.ownership
    from (
        -- each ownership's number (unit_homes.sql) and one of its units, whose row in units gives
        -- the value: a few rows to semi join (the semi join built its table on the 3.63M unit-years)
        select ownership_no, any_value(unit_no) as unit_no
        from _unit_homes
        group by ownership_no
    ) as h
    join units as u on u.rowid = h.unit_no
    semi join (select distinct ownership_no from by_ownership) as b on b.ownership_no = h.ownership_no
    where u.ownership is not null  -- blank ownership: in the total only
),

-- the sums of sessions and delegates stay exact in doubles (by_ownership) while the whole table's
-- adds up below 2^53; beyond it the mart is refused, not rounded
double_exact as (
    select case
        when coalesce(sum(abs(sessions::bigint)), 0) + coalesce(sum(abs(delegates::bigint)), 0) >= 9007199254740992  -- 2^53
            then error('mart: democracy''s sessions and delegates add up beyond 2^53: too large to sum exactly')
        else true end as ok
    from democracy
),

unit_keys as (
    select
        d.ownership_no,
        (row_number() over (order by d.dim))::integer as dim_no,  -- '' first: the total is 1
        list(coalesce(k.key_no, error('mart: a code the dictionary does not know: ' || m.code || d.dim)) order by m.i) as key_nos
    from dims as d
    cross join (values
        (1, 'contracts.units_covered'), (2, 'contracts.signing_rate'), (3, 'congress.establishment_rate'),
        (4, 'congress.units_established'), (5, 'congress.open_affairs_units'), (6, 'congress.sessions'),
        (7, 'congress.delegates')
    ) as m (i, code)
    left join indicator_keys as k on k.code = m.code || d.dim
    where (select ok from double_exact)
    group by d.ownership_no, d.dim
),

rolled as (
    select k.dim_no, r.* exclude (ownership_no)
    from by_ownership as r
    join unit_keys as k on k.ownership_no = r.ownership_no  -- blank ownership (no key): in the total only
    union all by name
    select org_no, year, 1 as dim_no,  -- the total
        sum(unionised::double) as unionised,
        sum(covered::double) as covered,
        sum(unionised_covered::double) as unionised_covered,
        sum(unionised_established::double) as unionised_established,
        sum(established::double) as established,
        sum(open_affairs::double) as open_affairs,
        sum(sessions) as sessions,
        sum(delegates) as delegates
    from by_ownership
    group by org_no, year
),

-- one row per figure: the key numbers and the measures unnested side by side (same order)
units_final as (
    select r.org_no, r.year,
        unnest(r.key_nos) as key_no,
        unnest([r.covered, r.unionised_covered, r.unionised_established, r.established, r.open_affairs,
            r.sessions, r.delegates]::bigint[]) as numerator,
        unnest([null, r.unionised, r.unionised, null, null, null, null]::bigint[]) as denominator
    from (select r.*, k.key_nos from rolled as r join unit_keys as k on k.dim_no = r.dim_no order by r.org_no, r.year) as r
),

-- the contracts' figures: the totals, by type and by scope summed from the rolled rows in one
-- grouping (grouping sets; eight groupings of the 445k rolled rows, one per figure, and a code string
-- built per output row were ~3 s of operator time at scale 250), each set's values looked up once:
-- the key numbers of signed, in_force and workers_covered (none by scope: the spec has no
-- workers_covered:<scope>). Zero figures are dropped, as the mart does not store them.
contract_sums as (
    select org_no, year,
        coalesce(type_no, 0) as type_no,  -- 0: summed over the types (the total, or by scope)
        coalesce(scope_no, 0) as scope_no,
        sum(signed)::bigint as signed,
        sum(in_force)::bigint as in_force,
        case
            when grouping(type_no) = 0 then sum(workers)
            when grouping(scope_no) = 0 then 0  -- no workers_covered:<scope>
            else coalesce(sum(workers) filter (where is_comprehensive), 0)  -- the total: comprehensive contracts only
        end::bigint as workers
    from contracts_rolled
    group by grouping sets ((org_no, year), (org_no, year, type_no), (org_no, year, scope_no))
),

-- each set's values: the total (0, 0), each type (type_no, 0), each scope (0, scope_no)
contract_keys as (
    select d.type_no, d.scope_no,
        [coalesce(ks.key_no, error('mart: a code the dictionary does not know: contracts.signed' || d.dim)),
         coalesce(ki.key_no, error('mart: a code the dictionary does not know: contracts.in_force' || d.dim)),
         case when d.scope_no <> 0 then null  -- by scope: no workers_covered
              else coalesce(kw.key_no, error('mart: a code the dictionary does not know: contracts.workers_covered' || d.dim)) end] as key_nos
    from (
        select 0 as type_no, 0 as scope_no, '' as dim
        union all
        select unnest(range(1, len(types) + 1))::integer, 0, ':' || unnest(types) from contract_dims
        union all
        select 0, unnest(range(1, len(scopes) + 1))::integer, ':' || unnest(scopes) from contract_dims
    ) as d
    left join indicator_keys as ks on ks.code = 'contracts.signed' || d.dim
    left join indicator_keys as ki on ki.code = 'contracts.in_force' || d.dim
    left join indicator_keys as kw on kw.code = 'contracts.workers_covered' || d.dim
),

contracts_final as (
    select org_no, year, key_no, numerator, null::bigint as denominator
    from (
        select c.org_no, c.year, unnest(c.key_nos) as key_no, unnest([c.signed, c.in_force, c.workers]) as numerator
        from (
            select c.*, k.key_nos
            from contract_sums as c
            join contract_keys as k
                on k.type_no = c.type_no
               and k.scope_no = c.scope_no
            order by c.org_no, c.year
        ) as c
    )
    where numerator <> 0  -- zero: not stored (indicator_cells.sql); by scope, workers has no key and is 0
),

-- final: one row per indicator key (by its number, indicator_keys.key_no) ------------------------

final as (
    select org_no, year, key_no, numerator, denominator from contracts_final
    union all
    select org_no, year, key_no, numerator, denominator from units_final
)

select * from final
