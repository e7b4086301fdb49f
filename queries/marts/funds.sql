-- definition: funds (经费) of each org's whole subtree, as in shared/indicators-2.md.
--   Funds raised (funds rows of the subtree's orgs received in Y): raised[:campaign|:donor_type] =
--   sum of amount; donor_times[:campaign] = donors (blank = 1) of the rows with an amount; items,
--   items_value = sums of goods donated and their value. A row with the dimension blank counts in the
--   total only.
--   Union funds (dues rows with period_end in Y, counted at the unit's area_org_code): due = sum of
--   due (blank = 2% of payroll, half-up to the fen), collected = sum of paid (blank = 0),
--   collection_rate = collected / due (may exceed 100%: arrears paid late).
-- unit: 元 (exact DECIMAL all the way), 人次 (donors), 件 (items)
-- grain: one row per org per year per indicator code (rows that would be zero may be missing; the
--   mart fills them)
-- source: funds, dues, units, _org_rollup (org_numbers.sql), _mart_years (indicator_years)
with

-- import ---------------------------------------------------------------------------------------

years as (
    select year from _mart_years  -- the years to compute (all of indicator_years in a full rebuild)
),

-- roll-ups join each org's own figures by its code and group by the ancestor's number, for the
-- ancestors being computed (_org_rollup: every org in a full rebuild)
closure as (
    select descendant_code as descendant, ancestor_no as ancestor from _org_rollup
),

funds_src as (
    select org_code, received_on, campaign, donor_type, donors, amount, items, items_value from funds
),

dues_src as (
    select unit_code, period_end, payroll, due, paid from dues
),

units_src as (
    select unit_code, area_org_code from units
),

-- logic: funds raised --------------------------------------------------------------------------

funds_by_org as (
    select
        f.org_code,
        y.year,
        f.campaign,
        f.donor_type,
        coalesce(sum(f.amount), 0) as raised,
        coalesce(sum(coalesce(f.donors, 1)) filter (where f.amount is not null), 0)::bigint as donor_times,
        coalesce(sum(f.items), 0)::bigint as items,
        coalesce(sum(f.items_value), 0) as items_value
    from funds_src as f
    join years as y on year(f.received_on) = y.year
    group by all
),

funds_rolled as (
    select c.ancestor as org_no, f.year, f.campaign, f.donor_type,
        sum(f.raised) as raised,
        sum(f.donor_times)::bigint as donor_times,
        sum(f.items)::bigint as items,
        sum(f.items_value) as items_value
    from funds_by_org as f
    join closure as c on c.descendant = f.org_code
    group by all
),

-- logic: union funds ---------------------------------------------------------------------------

dues_by_area as (
    select
        u.area_org_code as org_code,
        y.year,
        -- 2% of payroll, half-up to the fen (DuckDB rounds DECIMAL halves away from zero; payroll > 0)
        sum(coalesce(d.due, round(d.payroll * 0.02, 2))) as due,
        coalesce(sum(d.paid), 0) as collected
    from dues_src as d
    join years as y on year(d.period_end) = y.year
    join units_src as u on u.unit_code = d.unit_code  -- the check refuses unknown units
    group by all
),

dues_rolled as (
    select c.ancestor as org_no, d.year, sum(d.due) as due, sum(d.collected) as collected
    from dues_by_area as d
    join closure as c on c.descendant = d.org_code
    group by all
),

-- final: one row per indicator key -------------------------------------------------------------

final as (
    select org_no, year, 'funds.raised' as code, sum(raised) as numerator, null as denominator
    from funds_rolled group by org_no, year
    union all
    select org_no, year, 'funds.raised:' || campaign, sum(raised), null from funds_rolled where campaign is not null group by all
    union all
    select org_no, year, 'funds.raised:' || donor_type, sum(raised), null from funds_rolled where donor_type is not null group by all
    union all
    select org_no, year, 'funds.donor_times', sum(donor_times)::bigint, null from funds_rolled group by org_no, year
    union all
    select org_no, year, 'funds.donor_times:' || campaign, sum(donor_times)::bigint, null
    from funds_rolled where campaign is not null group by all
    union all
    select org_no, year, 'funds.items', sum(items)::bigint, null from funds_rolled group by org_no, year
    union all
    select org_no, year, 'funds.items_value', sum(items_value), null from funds_rolled group by org_no, year
    union all
    select org_no, year, 'dues.due', due, null from dues_rolled
    union all
    select org_no, year, 'dues.collected', collected, null from dues_rolled
    union all
    select org_no, year, 'dues.collection_rate', collected, due from dues_rolled
)

select * from final
