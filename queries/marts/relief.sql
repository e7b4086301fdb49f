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
        y.year,
        a.category,
        coalesce(a.fund_source, 'unspecified') as fund_source,  -- its own slice, so slices add up
        a.campaign,
        coalesce(a.amount, 0) as amount,  -- in kind only: no cash
        a.in_kind_value,
        a.person_key
    from aid_src as a
    join years as y on year(a.paid_on) = y.year
),

-- money and rows add up over the subtree: sum each org's own first, then roll up
aid_by_org as (
    select org_code, year, category, fund_source, campaign, sum(amount) as amount,
        sum(in_kind_value) as in_kind_value, count(*) as person_times
    from aid_in_years
    group by all
),

aid_rolled as (
    select c.ancestor as org_no, a.year, a.category, a.fund_source, a.campaign,
        sum(a.amount) as amount,
        sum(a.in_kind_value) as in_kind_value,
        sum(a.person_times)::bigint as person_times
    from aid_by_org as a
    join closure as c on c.descendant = a.org_code
    group by all
),

-- people do not add up: one person aided by two unions of a subtree counts once there. As in
-- training.sql, each person's orgs become weights that do add up over a subtree: orgs numbered in
-- preorder (a subtree is a run of numbers), one person's distinct orgs of a year in that order, +1
-- on each and -1 on the lowest common ancestor of each and the one before it. A subtree's sum of
-- weights is its number of distinct people.
closure_pre as (
    select ancestor, descendant, ancestor_no from _org_numbers  -- the whole tree: the LCA may lie outside the roll-up
),

rollup_pre as (
    select descendant, ancestor_no from _org_rollup
),

org_pre as (
    select org_code, preorder_no as pre from indicator_orgs
),

-- one person's distinct orgs of a year (per category, per campaign and '*' for the year), each with
-- the one before it in preorder: distincts and one window sort, as in training.sql (list()
-- aggregates grouped by the person string cost more). Campaigns and categories share the dimension
-- column: their values never coincide
aid_people as (
    select distinct a.person_key, a.year, a.category, a.campaign, o.pre
    from aid_in_years as a
    join org_pre as o on o.org_code = a.org_code
),

person_orgs as (
    select distinct person_key, year, category, pre from aid_people
    where category is not null  -- by category: only payments that name one
    union all
    select distinct person_key, year, campaign, pre from aid_people
    where campaign is not null  -- by campaign: only payments that name one
    union all
    select distinct person_key, year, '*', pre from aid_people  -- '*': all categories
),

ordered as (
    select pre, year, category, lag(pre) over (partition by person_key, year, category order by pre) as prev
    from person_orgs
),

-- the lowest common ancestor of a row's org and the previous one (numbered lower): the deepest
-- ancestor of the row's org numbered at or below the previous org, i.e. whose run holds both
weights as (
    select pre, year, category, 1 as weight from ordered
    union all
    select c.ancestor, p.year, p.category, -1
    from ordered as p
    asof join closure_pre as c on c.descendant = p.pre and c.ancestor <= p.prev
    where p.prev is not null  -- a person's first org has no pair
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

aid_totals as (
    select org_no, year, sum(amount) as amount, sum(person_times)::bigint as person_times,
        coalesce(sum(in_kind_value), 0) as in_kind_value
    from aid_rolled
    group by org_no, year
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
    select org_no, year, 'relief.amount:' || category, sum(amount), null from aid_rolled group by all
    union all
    select org_no, year, 'relief.amount:' || fund_source, sum(amount), null from aid_rolled group by all
    union all
    select org_no, year, 'relief.amount:' || campaign, sum(amount), null from aid_rolled where campaign is not null group by all
    union all
    select org_no, year, 'relief.in_kind_value', in_kind_value, null from aid_totals
    union all
    select org_no, year, 'relief.in_kind_value:' || category, coalesce(sum(in_kind_value), 0), null from aid_rolled group by all
    union all
    select org_no, year, 'relief.in_kind_value:' || campaign, coalesce(sum(in_kind_value), 0), null
    from aid_rolled where campaign is not null group by all
    union all
    select org_no, year, 'relief.person_times', person_times, null from aid_totals
    union all
    select org_no, year, 'relief.person_times:' || category, sum(person_times)::bigint, null from aid_rolled group by all
    union all
    select org_no, year, 'relief.person_times:' || campaign, sum(person_times)::bigint, null
    from aid_rolled where campaign is not null group by all
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
