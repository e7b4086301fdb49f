-- definition: the months of the work areas of shared/indicators-2.md for one org's subtree in one
--   year, each series as its indicator counts it over the year: cases received (as rights.cases,
--   category = channel; person_times = workers involved, blank = 1, as rights.person_times),
--   contracts signed (as contracts.signed, category = type), people awarded a model-worker title or a
--   medal (category = honour; distinct people per month, as honours.model_workers_awarded /
--   medals_awarded count them over the year), funds received (as funds.raised, category = campaign;
--   person_times = donors of rows with an amount), placements (as employment.placements, category =
--   channel). Bound parameters: $org, $year.
-- unit: 件 / 份 / 人 / 人次 (count), 元 (amount, exact DECIMAL), 人次 (person_times)
-- grain: one row per series, month and category for one org and year
-- source: rights_cases, contracts, person_honours, funds, placements, org_closure
with

-- import ---------------------------------------------------------------------------------------

subtree as (
    select descendant as org_code from org_closure where ancestor = $org
),

year_bounds as (
    select make_date($year, 1, 1) as starts_on, make_date($year, 12, 31) as as_of
),

-- logic: one block per register, all counted at the row's org ------------------------------------

cases as (
    select month(c.received_on) as month, 'cases' as series, c.channel as category,
        count(*) as count, null::decimal(18, 2) as amount, sum(coalesce(c.workers_involved, 1))::bigint as person_times
    from rights_cases as c
    join subtree as s on s.org_code = c.org_code
    cross join year_bounds as y
    where c.received_on between y.starts_on and y.as_of
    group by all
),

contracts_signed as (
    select month(c.signed_on), 'contracts', c.type, count(*), null::decimal(18, 2), null::bigint
    from contracts as c
    join subtree as s on s.org_code = c.org_code
    cross join year_bounds as y
    where c.signed_on between y.starts_on and y.as_of
    group by all
),

awards as (
    select month(p.awarded_on), 'awards', p.honour, count(distinct p.person_key), null::decimal(18, 2), null::bigint
    from person_honours as p
    join subtree as s on s.org_code = p.org_code
    cross join year_bounds as y
    where p.awarded_on between y.starts_on and y.as_of
    group by all
),

funds_received as (
    select month(f.received_on), 'funds', f.campaign, count(*), coalesce(sum(f.amount), 0)::decimal(18, 2),
        coalesce(sum(coalesce(f.donors, 1)) filter (where f.amount is not null), 0)::bigint
    from funds as f
    join subtree as s on s.org_code = f.org_code
    cross join year_bounds as y
    where f.received_on between y.starts_on and y.as_of
    group by all
),

placed as (
    select month(p.placed_on), 'placements', p.channel, count(*), null::decimal(18, 2), null::bigint
    from placements as p
    join subtree as s on s.org_code = p.org_code
    cross join year_bounds as y
    where p.placed_on between y.starts_on and y.as_of
    group by all
),

final as (
    select * from cases
    union all select * from contracts_signed
    union all select * from awards
    union all select * from funds_received
    union all select * from placed
)

select * from final
order by series, month, category
