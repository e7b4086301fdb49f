-- definition: the seasonality of one org's subtree in one year: aid amount and person-times by month
--   and aid category (as relief.amount / relief.person_times), and new members by month of joining
--   (as coverage.new_members). Bound parameters: $org, $year.
-- unit: 元 (amount, exact DECIMAL), 人次 (aid rows), 人 (new members, in person_times)
-- grain: one row per month per series (aid × category, new_members) for one org and year
-- source: aid, members, org_closure
with

-- import ---------------------------------------------------------------------------------------

subtree as (
    select descendant as org_code from org_closure where ancestor = $org
),

aid_src as (
    select org_code, paid_on, category, amount from aid
    where paid_on between make_date($year, 1, 1) and make_date($year, 12, 31)
),

members_src as (
    select org_code, join_date from members
    where join_date between make_date($year, 1, 1) and make_date($year, 12, 31)
),

-- logic ----------------------------------------------------------------------------------------

aid_by_month as (
    select
        month(a.paid_on) as month,
        'aid' as series,
        a.category,
        sum(a.amount) as amount,
        count(*) as person_times
    from aid_src as a
    join subtree as s on s.org_code = a.org_code
    group by all
),

joins_by_month as (
    select
        month(m.join_date) as month,
        'new_members' as series,
        null::varchar as category,
        null::decimal(38, 2) as amount,
        count(*) as person_times
    from members_src as m
    join subtree as s on s.org_code = m.org_code
    group by all
),

final as (
    select * from aid_by_month
    union all
    select * from joins_by_month
)

select * from final
order by series, month, category
