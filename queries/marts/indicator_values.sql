-- definition: the indicator mart as people read it: indicator_cells with the org code and the
--   indicator key instead of their numbers. Sparse like the cells: an absent (org, year, key) of a
--   reporting year is zero (counts, money) or 0/0 (rates, ratios); the readers fill it in. A filter
--   on org_code reaches the cells as a filter on org_no (DuckDB pushes the join's key range into the
--   scan), so a point read touches one row group.
-- unit: per key, see indicator_keys; money in yuan, rates as fractions
-- grain: one row per org per year per indicator key with a non-zero numerator or denominator
-- source: indicator_cells, indicator_orgs, indicator_keys
with

final as (
    select o.org_code, c.year, k.code, c.value, c.numerator, c.denominator
    from indicator_cells as c
    join indicator_orgs as o on o.org_no = c.org_no
    join indicator_keys as k on k.key_no = c.key_no
)

select * from final
