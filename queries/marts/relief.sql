-- definition: relief indicators (帮扶救助) of each org's whole subtree, as in shared/indicators.md:
--   amount[:category|:fund_source], person_times[:category], persons[:category] (aid paid in the
--   year), files_active, files_open, files_new, exits, exit_rate (hardship files), and
--   avg_per_person_time = amount / person_times.
-- unit: 元 (money, exact DECIMAL all the way), 人次 (aid rows), 人 (distinct person_key), 户 (files)
-- grain: one row per org per year per indicator code (rows that would be zero may be missing; the
--   mart fills them)
-- source: aid, hardship_files, org_closure, indicator_years (current versions only: the *_history
--   tables hold superseded payments and never count)
with

-- import ---------------------------------------------------------------------------------------

years as (
    select year, starts_on, as_of from indicator_years
),

closure as (
    select ancestor, descendant from org_closure
),

aid_src as (
    select org_code, paid_on, category, fund_source, amount, person_key from aid
),

files_src as (
    select org_code, registered_on, exit_on from hardship_files
),

-- logic: aid -----------------------------------------------------------------------------------

aid_in_years as (
    select
        a.org_code,
        y.year,
        a.category,
        coalesce(a.fund_source, 'unspecified') as fund_source,  -- its own slice, so slices add up
        a.amount,
        a.person_key
    from aid_src as a
    join years as y on year(a.paid_on) = y.year
),

-- money and rows add up over the subtree: sum each org's own first, then roll up
aid_by_org as (
    select org_code, year, category, fund_source, sum(amount) as amount, count(*) as person_times
    from aid_in_years
    group by all
),

aid_rolled as (
    select c.ancestor as org_code, a.year, a.category, a.fund_source,
        sum(a.amount) as amount,
        sum(a.person_times)::bigint as person_times
    from aid_by_org as a
    join closure as c on c.descendant = a.org_code
    group by all
),

-- people do not add up: one person aided by two unions of a subtree counts once there. Each org's
-- distinct people are summed up the tree, then the double counts are taken back; only people aided
-- by more than one org can cause them, so the distinct-over-ancestors step stays small.
people_slices as (
    select distinct org_code, year, category, person_key from aid_in_years
    union all
    select distinct org_code, year, '*', person_key from aid_in_years  -- '*': all categories
),

slice_counts as (
    select org_code, year, category, count(*) as people from people_slices group by all
),

shared_people as (
    select year, category, person_key from people_slices group by all having count(*) > 1
),

double_counts as (
    select ancestor, year, category, sum(orgs - 1) as extra
    from (
        select c.ancestor, p.year, p.category, p.person_key, count(*) as orgs
        from people_slices as p
        semi join shared_people as s using (year, category, person_key)
        join closure as c on c.descendant = p.org_code
        group by all
    )
    group by all
),

persons_rolled as (
    select
        c.ancestor as org_code,
        k.year,
        k.category,
        (sum(k.people) - coalesce(any_value(d.extra), 0))::bigint as persons
    from slice_counts as k
    join closure as c on c.descendant = k.org_code
    left join double_counts as d
        on d.ancestor = c.ancestor
       and d.year = k.year
       and d.category = k.category
    group by c.ancestor, k.year, k.category
),

aid_totals as (
    select org_code, year, sum(amount) as amount, sum(person_times)::bigint as person_times
    from aid_rolled
    group by org_code, year
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
    select c.ancestor as org_code, f.year,
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
    select org_code, year, 'relief.amount' as code, amount as numerator, null as denominator from aid_totals
    union all
    select org_code, year, 'relief.amount:' || category, sum(amount), null from aid_rolled group by all
    union all
    select org_code, year, 'relief.amount:' || fund_source, sum(amount), null from aid_rolled group by all
    union all
    select org_code, year, 'relief.person_times', person_times, null from aid_totals
    union all
    select org_code, year, 'relief.person_times:' || category, sum(person_times)::bigint, null from aid_rolled group by all
    union all
    select org_code, year, 'relief.avg_per_person_time', amount, person_times from aid_totals
    union all
    select org_code, year, 'relief.persons', persons, null from persons_rolled where category = '*'
    union all
    select org_code, year, 'relief.persons:' || category, persons, null from persons_rolled where category <> '*'
    union all
    select org_code, year, 'relief.files_active', files_active, null from files_rolled
    union all
    select org_code, year, 'relief.files_open', files_open, null from files_rolled
    union all
    select org_code, year, 'relief.files_new', files_new, null from files_rolled
    union all
    select org_code, year, 'relief.exits', exits, null from files_rolled
    union all
    select org_code, year, 'relief.exit_rate', exits, files_active from files_rolled
)

select * from final
