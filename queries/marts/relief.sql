-- definition: relief indicators (帮扶救助) of each org's whole subtree, as in shared/indicators.md:
--   amount[:category|:fund_source|:campaign], person_times[:category|:campaign],
--   persons[:category|:campaign] (aid paid in the year), in_kind_value[:category|:campaign]
--   (shared/indicators-2.md), files_active, files_open, files_new, exits, exit_rate (hardship files),
--   and avg_per_person_time = amount / person_times. An in-kind-only payment (amount blank) adds 0 to
--   amount and 1 to person_times; a payment without a campaign counts in the totals only.
-- unit: 元 (money, exact DECIMAL all the way), 人次 (aid rows), 人 (distinct person_key), 户 (files)
-- grain: one row per org per year per indicator code (rows that would be zero may be missing; the
--   mart fills them)
-- keys: key_no (looked up here per breakdown value, not per row: src/lib/indicators/mart.ts yieldsKeyNo)
-- order: org_no, year (in two runs, payments and files, each sorted after its roll-up and unnested
--   after the sort: the cells need no sort of their own, src/lib/indicators/mart.ts emitsSorted)
-- source: aid, hardship_files, _org_rollup and _org_numbers (org_numbers.sql), indicator_orgs, _mart_years (indicator_years),
--   indicator_keys (the dictionary)
--   (current versions only: the *_history tables hold superseded payments and never count)
-- delta: aid by person_key, hardship_files by file_no (every figure is a sum over people or files:
--   a small batch changes the cells by its people's and files' difference, src/lib/indicators/mart-delta.ts)
with

-- import ---------------------------------------------------------------------------------------

years as (
    select year, starts_on, as_of from _mart_years  -- the years to compute (all of indicator_years in a full rebuild)
),

-- roll-ups join each org's own figures by its preorder number and group by the ancestor's number,
-- for the ancestors being computed (_org_rollup: every org in a full rebuild)
rollup_pre as (
    select descendant, ancestor_no from _org_rollup
),

closure_pre as (
    select ancestor, descendant from _org_numbers  -- the whole tree: the LCA may lie outside the roll-up
),

-- each org's ancestors in preorder (root first): the lowest common ancestor of an org and one
-- numbered at or below it is the last of its ancestors numbered at or below that one; its parent
-- the one before the last
org_paths as (
    select descendant as pre, list(ancestor order by ancestor) as path
    from closure_pre
    group by descendant
),

-- each org by its preorder number, with its parent's (null: a root); materialized: inlined, the
-- join of the 2M payments to it carried each org's path list through and took its parent after
-- (~1 s of CPU more at scale 250)
org_pre as materialized (
    select o.org_code, o.preorder_no as pre, p.path[-2] as parent
    from indicator_orgs as o
    join org_paths as p on p.pre = o.preorder_no
),


aid_src as not materialized (  -- read by three steps: rescanned, not copied (2M rows of strings)
    select org_code, paid_on, category, fund_source, campaign, amount, in_kind_value, person_key from aid
),

files_src as (
    select org_code, registered_on, exit_on from hardship_files
),

-- logic: numbers -------------------------------------------------------------------------------

-- the breakdowns' values paid in the years computed, each column's in one sorted list: a payment's
-- number in a breakdown is its value's place in that list (a list lookup per payment instead of a
-- join), and the roll-up groups those numbers, never the strings. A payment without a category has
-- no key (category is required): refused by name, as a code the dictionary lacks
breakdown_values as (
    select
        list(distinct category order by category) filter (where category is not null) as categories,
        list(distinct fund_source order by fund_source) as fund_sources,
        list(distinct campaign order by campaign) filter (where campaign is not null) as campaigns,
        case when bool_or(category is null) then error('mart: a code the dictionary does not know: relief.amount:(blank)') end as refused
    from (
        select category, coalesce(fund_source, 'unspecified') as fund_source, campaign  -- no fund source: its own slice, so slices add up
        from aid_src
        where year(paid_on) in (select year from years)
        group by all  -- a few values: the lists are made from these
    )
),

-- people as numbers: the 63-bit hash of the person's key, made exact (keys sharing a hash get
-- numbers of their own below zero, which no hash takes), as in training.sql
person_keys as (
    select distinct person_key from aid_src
),

collided as (
    select coalesce(list(person_key order by person_key), []) as keys  -- nearly always empty
    from person_keys
    where (hash(person_key) >> 1)::bigint in (
        select (hash(person_key) >> 1)::bigint as person_hash from person_keys group by person_hash having count(*) > 1
    )
),

-- each payment of the years computed as numbers only (read twice: by the money and by the people),
-- its org by preorder number (a subtree is a run of them)
payments as materialized (
    select
        o.pre,
        o.parent,
        year(a.paid_on) as year,
        list_position(v.categories, a.category) as category_no,
        list_position(v.fund_sources, coalesce(a.fund_source, 'unspecified')) as fund_source_no,
        list_position(v.campaigns, a.campaign) as campaign_no,  -- null when the payment names none
        coalesce(a.amount, 0) as amount,  -- in kind only: no cash
        a.in_kind_value,
        case
            when len(k.keys) > 0 and list_contains(k.keys, a.person_key) then -list_position(k.keys, a.person_key)
            else (hash(a.person_key) >> 1)::bigint
        end as person_no
    from aid_src as a
    join org_pre as o on o.org_code = a.org_code
    cross join breakdown_values as v
    cross join collided as k
    -- the years computed (a semi join: as a join DuckDB built its hash tables on 2M payments)
    where year(a.paid_on) in (select year from years)
),

-- logic: money and payments --------------------------------------------------------------------

-- each org's own sums, the totals (set 7) and each breakdown (set 3 by category, 5 by fund source,
-- 6 by campaign: grouping() sets a bit per column summed over) in one grouping of the payments
aid_by_org as (
    select
        pre,
        any_value(parent) as parent,
        year,
        grouping(category_no, fund_source_no, campaign_no) as set_no,
        coalesce(category_no, fund_source_no, campaign_no, 0) as dim_no,  -- 0: the totals, or no campaign
        -- as the mart stores money (decimal(18, 2), int64-backed: the roll-up's sums of the 128-bit
        -- decimal(38, 2) cost ~20% more); an org's sum beyond it would be refused, not cut
        sum(amount)::decimal(18, 2) as amount,
        sum(in_kind_value)::decimal(18, 2) as in_kind_value,
        count(*) as person_times
    from payments
    group by grouping sets ((pre, year), (pre, year, category_no), (pre, year, fund_source_no), (pre, year, campaign_no))
),

-- logic: distinct people -----------------------------------------------------------------------

-- people do not add up: one person aided by two unions of a subtree counts once there. Each
-- person's orgs become weights that do add up over a subtree: orgs numbered in preorder (a subtree
-- is a run of numbers), one person's orgs of a year in that order, +1 on each and -1 on the lowest
-- common ancestor of each and the one before it. A subtree's sum of weights is its number of
-- distinct people; a repeat at the same org cancels itself (its common ancestor with the one before
-- it is the org), so no distinct is needed. The +1s are the payments (person_times): only the -1s
-- are computed here, and rolled up beside the money.
-- Each payment once for all categories ('*', set 7), once for its category and once for its
-- campaign, as one integer that sorts by (year, breakdown, preorder number): one window partitioned
-- by the person's number alone sorts two integers per row (by (person, year, breakdown) and
-- preorder it sorted four)
packing as (
    select
        (select max(preorder_no) + 1 from indicator_orgs)::bigint as orgs,
        greatest(len(v.categories), len(v.fund_sources), len(v.campaigns), 1) + 1 as dims,  -- (fund sources: the roll-up's blocks)
        (select min(year) from years) as first_year
    from breakdown_values as v
),

person_orgs as (
    select p.person_no, (((p.year - k.first_year) * 8 + p.set_no) * k.dims + p.dim_no) * k.orgs + p.pre as place
    from (
        select person_no, year, 7 as set_no, 0 as dim_no, pre from payments
        union all
        select person_no, year, 3, category_no, pre from payments
        union all
        select person_no, year, 6, campaign_no, pre from payments
        where campaign_no is not null  -- by campaign: only payments that name one
    ) as p
    cross join packing as k
),

-- each row with the one before it among the person's rows of the same year and breakdown
pairs as (
    select o.place // k.orgs as block, o.place % k.orgs as pre, o.previous % k.orgs as prev
    from (select place, lag(place) over (partition by person_no order by place) as previous from person_orgs) as o
    cross join packing as k
    where o.previous // k.orgs = o.place // k.orgs  -- a person's first org of a year and breakdown has no pair
),

-- -1 on the lowest common ancestor of each pair, counted per org and block (year and breakdown),
-- with the org's parent
pair_weights as (
    select w.path[-1] as pre, w.path[-2] as parent, w.block, -count(*) as weight
    from (select list_filter(c.path, lambda anc: anc <= p.prev) as path, p.block from pairs as p join org_paths as c on c.pre = p.pre) as w
    group by all
),

-- logic: roll-up -------------------------------------------------------------------------------

-- each org's own money, payments and -1s by block (year, set and breakdown value packed as the
-- pairs' blocks are: two integers to group by, the ancestor and the block, unpacked after the roll-up)
own_rows as materialized (
    select a.pre, a.parent, ((a.year - k.first_year) * 8 + a.set_no) * k.dims + a.dim_no as block,
        a.amount, a.in_kind_value, a.person_times, 0 as minus
    from aid_by_org as a
    cross join packing as k
    where not (a.set_no = 6 and a.dim_no = 0)  -- a payment without a campaign counts in the totals only
    union all
    select pre, parent, block, null, null, 0, weight from pair_weights
),

-- a subtree's sums are its root's own rows and, for every org in it, the sums of that org's
-- children's own rows: so each org's own rows go to itself only, and only their sums per parent
-- (632k of the 1.8M own rows at scale 250) through the closure join (7.6M joined rows -> 4M).
-- The counts are summed as DOUBLE: exact, since every partial sum is an integer no larger than
-- the payments and pairs counted (< 2^53), and an 8-byte state where a BIGINT sum keeps a 16-byte
-- HUGEINT one (with the org_pre above, 15.1 -> 14.0 s of CPU in alternating runs at scale 250)
aid_rolled as (
    select
        r.org_no,
        r.block // (8 * k.dims) + k.first_year as year,
        (r.block // k.dims) % 8 as set_no,
        r.block % k.dims as dim_no,
        r.amount, r.in_kind_value, r.person_times, r.persons
    from (
        select
            r.org_no,
            r.block,
            sum(r.amount) as amount,
            coalesce(sum(r.in_kind_value), 0) as in_kind_value,
            sum(r.person_times::double)::bigint as person_times,
            (sum(r.person_times::double) + sum(r.minus::double))::bigint as persons  -- +1 per payment, -1 per pair
        from (
            select c.ancestor_no as org_no, r.block, r.amount, r.in_kind_value, r.person_times, r.minus
            from own_rows as r
            join _org_rollup as c on c.descendant = r.pre and c.ancestor = r.pre  -- the org itself, if computed
            union all
            select c.ancestor_no, r.block, r.amount, r.in_kind_value, r.person_times, r.minus
            from (
                select parent, block, sum(amount)::decimal(18, 2) as amount, sum(in_kind_value)::decimal(18, 2) as in_kind_value,
                    sum(person_times::double)::bigint as person_times, sum(minus::double)::bigint as minus
                from own_rows
                where parent is not null
                group by parent, block
            ) as r
            join rollup_pre as c on c.descendant = r.parent
        ) as r
        group by all
    ) as r
    cross join packing as k
),

-- logic: hardship files ------------------------------------------------------------------------

files_by_org as (
    select
        o.pre,
        y.year,
        -- on record at any time in Y: registered by D and not exited before Y began
        count(*) filter (where f.exit_on is null or f.exit_on >= y.starts_on) as files_active,
        -- on record at D: an exit on D itself closes the file
        count(*) filter (where f.exit_on is null or f.exit_on > y.as_of) as files_open,
        count(*) filter (where f.registered_on >= y.starts_on) as files_new,
        count(*) filter (where f.exit_on between y.starts_on and y.as_of) as exits
    from files_src as f
    join years as y on f.registered_on <= y.as_of  -- files registered after D do not exist yet
    join org_pre as o on o.org_code = f.org_code
    group by o.pre, y.year
),

files_rolled as (
    select c.ancestor_no as org_no, f.year,
        sum(f.files_active)::bigint as files_active,
        sum(f.files_open)::bigint as files_open,
        sum(f.files_new)::bigint as files_new,
        sum(f.exits)::bigint as exits
    from files_by_org as f
    join rollup_pre as c on c.descendant = f.pre
    group by c.ancestor_no, f.year
),

-- keys: each breakdown value's key numbers, in the order of aid_final's measures (amount,
-- in_kind_value, person_times, persons, avg_per_person_time; null where the breakdown has none).
-- A few rows: a code the dictionary lacks is refused by name ---------------------------------------

breakdown_codes as (
    select 7 as set_no, 0 as dim_no, m.slot, m.code
    from (values (1, 'relief.amount'), (2, 'relief.in_kind_value'), (3, 'relief.person_times'), (4, 'relief.persons'),
        (5, 'relief.avg_per_person_time')) as m (slot, code)
    union all
    select d.set_no, d.dim_no, m.slot, m.prefix || d.value
    from (
        select 3 as set_no, unnest(categories) as value, unnest(range(1, len(categories) + 1)) as dim_no from breakdown_values
        union all
        select 5, unnest(fund_sources), unnest(range(1, len(fund_sources) + 1)) from breakdown_values
        union all
        select 6, unnest(campaigns), unnest(range(1, len(campaigns) + 1)) from breakdown_values
    ) as d
    join (values (3, 1, 'relief.amount:'), (3, 2, 'relief.in_kind_value:'), (3, 3, 'relief.person_times:'), (3, 4, 'relief.persons:'),
        (5, 1, 'relief.amount:'),
        (6, 1, 'relief.amount:'), (6, 2, 'relief.in_kind_value:'), (6, 3, 'relief.person_times:'), (6, 4, 'relief.persons:')
    ) as m (set_no, slot, prefix) on m.set_no = d.set_no
),

set_keys as (
    select set_no, dim_no, [max(key_no) filter (where slot = 1), max(key_no) filter (where slot = 2),
        max(key_no) filter (where slot = 3), max(key_no) filter (where slot = 4), max(key_no) filter (where slot = 5)] as key_nos
    from (
        select b.set_no, b.dim_no, b.slot, coalesce(k.key_no, error('mart: a code the dictionary does not know: ' || b.code)) as key_no
        from breakdown_codes as b
        left join indicator_keys as k on k.code = b.code
    )
    group by set_no, dim_no
),

file_keys as (
    select [
        coalesce(max(key_no) filter (where code = 'relief.files_active'), error('mart: a code the dictionary does not know: relief.files_active')),
        coalesce(max(key_no) filter (where code = 'relief.files_open'), error('mart: a code the dictionary does not know: relief.files_open')),
        coalesce(max(key_no) filter (where code = 'relief.files_new'), error('mart: a code the dictionary does not know: relief.files_new')),
        coalesce(max(key_no) filter (where code = 'relief.exits'), error('mart: a code the dictionary does not know: relief.exits')),
        coalesce(max(key_no) filter (where code = 'relief.exit_rate'), error('mart: a code the dictionary does not know: relief.exit_rate'))
    ] as key_nos
    from indicator_keys
),

-- final: one row per indicator key (by its number, indicator_keys.key_no), the key numbers and the
-- measures unnested side by side ----------------------------------------------------------------
-- (sums of counts are cast to bigint above: a union of DECIMAL money with a HUGEINT sum would be
-- typed with fewer decimals and lose the cents)

aid_final as (
    select r.org_no, r.year, unnest(r.key_nos) as key_no,
        unnest([r.amount, r.in_kind_value, r.person_times, r.persons, r.amount]) as numerator,
        unnest([null, null, null, null, r.person_times]) as denominator
    from (
        select r.*, k.key_nos
        from aid_rolled as r
        join set_keys as k on k.set_no = r.set_no and k.dim_no = r.dim_no
        order by r.org_no, r.year
    ) as r
),

final as (
    select org_no, year, key_no, numerator, denominator from aid_final
    where key_no is not null  -- a breakdown without that measure (fund sources: amount only)
    union all
    select f.org_no, f.year, unnest(f.key_nos), unnest([f.files_active, f.files_open, f.files_new, f.exits, f.exits]),
        unnest([null, null, null, null, f.files_active])
    from (select f.*, k.key_nos from files_rolled as f cross join file_keys as k order by f.org_no, f.year) as f
)

select * from final
