-- definition: the indicator mart: every dictionary key (code or code:dimension) for every org and
--   every reporting year. Keys a family query did not emit are zero (counts, money) or 0/0 (rates,
--   ratios → value null). value = numerator for counts and money; for rates and ratios it is
--   numerator / denominator rounded half-up to 6 places in integer arithmetic (never DOUBLE).
-- unit: per key, see src/lib/indicators/dictionary.ts; money in yuan DECIMAL(18,2) (int64-backed:
--   exact and fast), rates as fractions DECIMAL(18,6)
-- grain: one row per org per year per indicator key
-- source: _mart_parts (coverage.sql, relief.sql, training.sql, activities.sql), _mart_keys (the
--   dictionary), orgs, indicator_years
with

-- import ---------------------------------------------------------------------------------------

keys as (
    select code, kind from _mart_keys
),

parts as (
    select
        org_code,
        year,
        code,
        numerator::decimal(18, 2) as numerator,
        denominator::decimal(18, 2) as denominator
    from _mart_parts
),

org_list as (
    select org_code from orgs
),

years as (
    select year from indicator_years
),

-- logic ----------------------------------------------------------------------------------------

-- every org × year × key, so an org with no rows at all reads 0 and "—" rather than nothing
grid as (
    select o.org_code, y.year, k.code, k.kind
    from org_list as o
    cross join years as y
    cross join keys as k
),

filled as (
    select
        g.org_code,
        g.year,
        g.code,
        g.kind,
        coalesce(p.numerator, 0) as numerator,
        case when g.kind in ('rate', 'ratio') then coalesce(p.denominator, 0) end as denominator
    from grid as g
    left join parts as p
        on p.org_code = g.org_code
       and p.year = g.year
       and p.code = g.code
),

final as (
    select
        org_code,
        year,
        code,
        case
            when kind not in ('rate', 'ratio') then numerator::decimal(18, 6)
            when denominator = 0 then null  -- a zero denominator is "—", never 0 or NaN
            -- half-up to 6 places in BIGINT arithmetic: both sides in hundredths (fen), values ≥ 0.
            -- Exact up to a numerator of 4.6 × 10^10 (yuan or count); beyond it DuckDB raises an
            -- overflow error rather than return a wrong figure.
            else ((2 * (numerator * 100)::bigint * 1000000 + (denominator * 100)::bigint)
                  // (2 * (denominator * 100)::bigint))::decimal(18, 0) * 0.000001
        end::decimal(18, 6) as value,
        numerator,
        denominator
    from filled
)

select * from final
order by org_code, year  -- one org's rows sit together: a point read touches one row group
