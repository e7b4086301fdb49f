-- definition: relief indicators (帮扶救助) of each org's whole subtree, as in shared/indicators.md:
--   amount[:category|:fund_source|:campaign], person_times[:category|:campaign],
--   persons[:category|:campaign] (aid paid in the year), in_kind_value[:category|:campaign]
--   (shared/indicators-2.md), files_active, files_open, files_new, exits, exit_rate (hardship files),
--   and avg_per_person_time = amount / person_times. An in-kind-only payment (amount blank) adds 0 to
--   amount and 1 to person_times; a payment without a campaign counts in the totals only.
-- unit: 元 (money, exact DECIMAL all the way), 人次 (aid rows), 人 (distinct person_key), 户 (files)
-- grain: one row per org per year per indicator code (rows that would be zero may be missing; the
--   mart fills them)
-- source: aid, hardship_files, _org_rollup and _org_numbers (org_numbers.sql), indicator_orgs, _mart_years (indicator_years)
--   (current versions only: the *_history tables hold superseded payments and never count)
-- delta: aid by person_key, hardship_files by file_no (every figure is a sum over people or files:
--   a small batch changes the cells by its people's and files' difference, src/lib/indicators/mart-delta.ts)
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

aid_src as (
    select org_code, paid_on, category, fund_source, campaign, amount, in_kind_value, person_key from aid
),

files_src as (
    select org_code, registered_on, exit_on from hardship_files
),

-- logic: aid -----------------------------------------------------------------------------------

aid_in_years as not materialized (  -- read twice: rejoining 5 years costs less than copying 2M rows
    select
        a.org_code,
        year(a.paid_on) as year,
        a.category,
        coalesce(a.fund_source, 'unspecified') as fund_source,  -- its own slice, so slices add up
        a.campaign,
        coalesce(a.amount, 0) as amount,  -- in kind only: no cash
        a.in_kind_value,
        a.person_key
    from aid_src as a
    -- the years computed (a semi join: as a join DuckDB took 2M payments of 5 years for ~16k rows
    -- and built its hash tables on them)
    where year(a.paid_on) in (select year from years)
),

-- money and rows add up over the subtree: sum each org's own first, then roll up
aid_by_org as (
    select org_code, year, category, fund_source, campaign, sum(amount) as amount,
        sum(in_kind_value) as in_kind_value, count(*) as person_times
    from aid_in_years
    group by all
),

-- the breakdowns as numbers, by their place in one list of their values (categories, fund sources
-- and campaigns: a value two columns share gets one number, and each column is grouped apart; for
-- persons categories and campaigns share the dimension column: their values never coincide); 0 is
-- '*', all categories. (From the grouped payments: a list lookup per row instead of a join)
dims as (
    select list(dim order by dim) as dims
    from (
        select category as dim from aid_by_org
        union select fund_source from aid_by_org
        union select campaign from aid_by_org
    )
    where dim is not null
),

-- the totals and each breakdown in one grouping (set: 7 the totals, 3 by category, 5 by fund
-- source, 6 by campaign; grouping() sets a bit per column summed over), by the breakdowns' numbers
-- (dims below): hashing integers instead of strings
aid_rolled as (
    select
        r.org_no, r.year, d.dims[r.category_no] as category, d.dims[r.fund_source_no] as fund_source,
        d.dims[r.campaign_no] as campaign, r.set_no, r.amount, r.in_kind_value, r.person_times
    from (
        select c.ancestor as org_no, a.year, a.category_no, a.fund_source_no, a.campaign_no,
            grouping(a.category_no, a.fund_source_no, a.campaign_no) as set_no,
            sum(a.amount) as amount,
            coalesce(sum(a.in_kind_value), 0) as in_kind_value,
            sum(a.person_times)::bigint as person_times
        from (
            select o.*, list_position(d.dims, o.category) as category_no,
                list_position(d.dims, o.fund_source) as fund_source_no, list_position(d.dims, o.campaign) as campaign_no
            from aid_by_org as o
            cross join dims as d
        ) as a
        join closure as c on c.descendant = a.org_code
        group by grouping sets (
            (c.ancestor, a.year), (c.ancestor, a.year, a.category_no), (c.ancestor, a.year, a.fund_source_no),
            (c.ancestor, a.year, a.campaign_no)
        )
    ) as r
    cross join dims as d
),

-- people do not add up: one person aided by two unions of a subtree counts once there. As in
-- training.sql, each person's orgs become weights that do add up over a subtree: orgs numbered in
-- preorder (a subtree is a run of numbers), one person's orgs of a year in that order, +1 on each
-- and -1 on the lowest common ancestor of each and the one before it. A subtree's sum of weights
-- is its number of distinct people; a repeat at the same org cancels itself (its common ancestor
-- with the one before it is the org), so no distinct is needed. Sorted by integers, as in
-- training.sql (scale 250: 22.2 → 14.8 s of CPU against distincts and a window by person_key).
closure_pre as (
    select ancestor, descendant, ancestor_no from _org_numbers  -- the whole tree: the LCA may lie outside the roll-up
),

rollup_pre as (
    select descendant, ancestor_no from _org_rollup
),

org_pre as (
    select org_code, preorder_no as pre from indicator_orgs
),

-- people as numbers, as in training.sql: the 63-bit hash of the person's key, made exact (keys
-- sharing a hash get numbers of their own below zero, which no hash takes)
person_hashes as (
    select distinct person_key, (hash(person_key) >> 1)::bigint as person_hash from aid_src
),

collided as (
    select coalesce(list(person_key order by person_key), []) as keys  -- nearly always empty
    from person_hashes
    where person_hash in (select person_hash from person_hashes group by person_hash having count(*) > 1)
),

aid_rows as (
    select
        o.pre,
        a.year,
        list_position(d.dims, a.category) as category_no,  -- null when the payment names none
        list_position(d.dims, a.campaign) as campaign_no,
        case
            when len(k.keys) > 0 and list_contains(k.keys, a.person_key) then -list_position(k.keys, a.person_key)
            else (hash(a.person_key) >> 1)::bigint
        end as person_no
    from aid_in_years as a
    join org_pre as o on o.org_code = a.org_code
    cross join dims as d
    cross join collided as k
),

-- each row with the one before it among the person's rows of the year with the same breakdown, in
-- preorder
person_orgs as (
    select person_no, year, category_no as dim_no, pre from aid_rows
    where category_no is not null  -- by category: only payments that name one
    union all
    select person_no, year, campaign_no, pre from aid_rows
    where campaign_no is not null  -- by campaign: only payments that name one
    union all
    select person_no, year, 0, pre from aid_rows  -- '*': all categories
),

ordered as (
    select pre, year, dim_no, lag(pre) over (partition by person_no, year, dim_no order by pre) as prev
    from person_orgs
),

-- each org's ancestors in preorder (root first): the lowest common ancestor of an org and one
-- numbered at or below it is the last of its ancestors numbered at or below that one
org_paths as (
    select descendant as pre, list(ancestor order by ancestor) as path
    from closure_pre
    group by descendant
),

-- -1 on the lowest common ancestor of each row and the one before it, counted per org
pair_weights as (
    select list_max(list_filter(c.path, lambda anc: anc <= p.prev)) as pre, p.year, p.dim_no, -count(*) as weight
    from ordered as p
    join org_paths as c on c.pre = p.pre
    where p.prev is not null  -- a person's first org has no pair
    group by all
),

-- +1 on each row's org: its payments (person_times), counted per org
row_weights as (
    select o.pre, a.year, a.category, a.campaign, sum(a.person_times) as weight
    from aid_by_org as a
    join org_pre as o on o.org_code = a.org_code
    group by all
),

weights as (
    select pre, year, category, weight from row_weights
    where category is not null
    union all
    select pre, year, campaign, weight from row_weights
    where campaign is not null
    union all
    select pre, year, '*', weight from row_weights
    union all
    select w.pre, w.year, case when w.dim_no = 0 then '*' else d.dims[w.dim_no] end, w.weight
    from pair_weights as w
    cross join dims as d
),

weights_by_org as (
    select pre, year, category, sum(weight) as weight from weights group by all
),

persons_rolled as (
    select c.ancestor_no as org_no, w.year, w.category, sum(w.weight)::bigint as persons
    from weights_by_org as w
    join rollup_pre as c on c.descendant = w.pre
    group by all
),

aid_totals as (select * from aid_rolled where set_no = 7),

by_category as (select * from aid_rolled where set_no = 3),

by_fund_source as (select * from aid_rolled where set_no = 5),

by_campaign as (
    select * from aid_rolled
    where set_no = 6
      and campaign is not null  -- a payment without a campaign counts in the totals only
),

-- logic: hardship files ------------------------------------------------------------------------

files_by_org as (
    select
        f.org_code,
        y.year,
        -- on record at any time in Y: registered by D and not exited before Y began
        count(*) filter (where f.exit_on is null or f.exit_on >= y.starts_on) as files_active,
        -- on record at D: an exit on D itself closes the file
        count(*) filter (where f.exit_on is null or f.exit_on > y.as_of) as files_open,
        count(*) filter (where f.registered_on >= y.starts_on) as files_new,
        count(*) filter (where f.exit_on between y.starts_on and y.as_of) as exits
    from files_src as f
    join years as y on f.registered_on <= y.as_of  -- files registered after D do not exist yet
    group by f.org_code, y.year
),

files_rolled as (
    select c.ancestor as org_no, f.year,
        sum(f.files_active)::bigint as files_active,
        sum(f.files_open)::bigint as files_open,
        sum(f.files_new)::bigint as files_new,
        sum(f.exits)::bigint as exits
    from files_by_org as f
    join closure as c on c.descendant = f.org_code
    group by c.ancestor, f.year
),

-- final: one row per indicator key -------------------------------------------------------------
-- (sums of counts are cast to bigint above: a union of DECIMAL money or hours with a HUGEINT
-- sum would be typed with fewer decimals and lose the cents)

final as (
    select org_no, year, 'relief.amount' as code, amount as numerator, null as denominator from aid_totals
    union all
    select org_no, year, 'relief.amount:' || category, amount, null from by_category
    union all
    select org_no, year, 'relief.amount:' || fund_source, amount, null from by_fund_source
    union all
    select org_no, year, 'relief.amount:' || campaign, amount, null from by_campaign
    union all
    select org_no, year, 'relief.in_kind_value', in_kind_value, null from aid_totals
    union all
    select org_no, year, 'relief.in_kind_value:' || category, in_kind_value, null from by_category
    union all
    select org_no, year, 'relief.in_kind_value:' || campaign, in_kind_value, null from by_campaign
    union all
    select org_no, year, 'relief.person_times', person_times, null from aid_totals
    union all
    select org_no, year, 'relief.person_times:' || category, person_times, null from by_category
    union all
    select org_no, year, 'relief.person_times:' || campaign, person_times, null from by_campaign
    union all
    select org_no, year, 'relief.avg_per_person_time', amount, person_times from aid_totals
    union all
    select org_no, year, 'relief.persons', persons, null from persons_rolled where category = '*'
    union all
    select org_no, year, 'relief.persons:' || category, persons, null from persons_rolled where category <> '*'
    union all
    select org_no, year, 'relief.files_active', files_active, null from files_rolled
    union all
    select org_no, year, 'relief.files_open', files_open, null from files_rolled
    union all
    select org_no, year, 'relief.files_new', files_new, null from files_rolled
    union all
    select org_no, year, 'relief.exits', exits, null from files_rolled
    union all
    select org_no, year, 'relief.exit_rate', exits, files_active from files_rolled
)

select * from final
