-- definition: the reporting years of the mart: every calendar year from the first to the last year in
--   which the annual registers record anything (a headcount date, an aid payment, an activity start).
--   Member join dates and hardship registrations reach back decades and do not open a year on their
--   own; stocks of a reporting year still count them.
-- unit: year, with its as-of date D = 31 Dec and its first day
-- grain: one row per year
-- source: headcounts, aid, activities
with

headcount_years as (
    select distinct year(as_of) as year from headcounts
),

aid_years as (
    select distinct year(paid_on) as year from aid
),

activity_years as (
    select distinct year(start_date) as year from activities
),

all_years as (
    select year from headcount_years
    union
    select year from aid_years
    union
    select year from activity_years
),

bounds as (
    select min(year) as first_year, max(year) as last_year
    from all_years
    where year is not null
),

-- a year without rows between two years with rows is still a year (its flows are zero)
spanned as (
    select unnest(generate_series(first_year, last_year)) as year
    from bounds
    where first_year is not null
),

final as (
    select
        year::integer as year,
        make_date(year::integer, 1, 1) as starts_on,
        make_date(year::integer, 12, 31) as as_of
    from spanned
)

select * from final
