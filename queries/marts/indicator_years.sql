-- definition: the years the stored mart computes: the reportable years (reportable_years.sql) from
--   the first year with headcounts, aid or activities on. Earlier reportable years (a unit unionised
--   in 2003, a hardship exit in 2017) reach back decades and would multiply the rebuild for years
--   few ask about; indicators-2.md lets them be computed when first asked for (the readers do so:
--   src/lib/indicators/early-years.ts).
-- unit: year, with its as-of date D = 31 Dec and its first day
-- grain: one row per year
-- source: reportable_years
with

reportable as (
    select * from reportable_years
),

final as (
    select year, starts_on, as_of
    from reportable
    -- before the annual registers start: not stored (see the definition)
    where annual
)

select * from final
