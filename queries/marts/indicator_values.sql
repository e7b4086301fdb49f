-- definition: the indicator mart as people read it: indicator_cells with the org code and the
--   indicator key instead of their numbers. Sparse like the cells: an absent (org, year, key) of a
--   reporting year is zero (counts, money) or 0/0 (rates, ratios); the readers fill it in. A filter
--   on org_code reaches the cells as a filter on org_no (DuckDB pushes the join's key range into the
--   scan), so a point read touches one row group. The counts that are a rate's parts are not stored
--   (indicator_cells.sql): they are read here from the rate's cell.
-- unit: per key, see indicator_keys; money in yuan, rates as fractions
-- grain: one row per org per year per indicator key with a non-zero numerator or denominator
-- source: indicator_cells, indicator_orgs, indicator_keys
with

-- import ---------------------------------------------------------------------------------------

parts as (
    select key_no, part_of, part from indicator_keys
    where part_of is not null  -- a count read from its rate's cell (RATE_PARTS, src/lib/indicators/mart-keys.ts)
),

-- logic ----------------------------------------------------------------------------------------

-- the stored cells, and each rate's parts as counts where they are non-zero (as a stored count
-- would be: its cell exists exactly then)
cells as (
    select org_no, year, key_no, value, numerator, denominator
    from indicator_cells as c
    union all
    select org_no, year, key_no, n::decimal(18, 6), n, null::decimal(18, 2)
    from (
        select r.org_no, r.year, p.key_no, case when p.part = 'numerator' then r.numerator else r.denominator end as n
        from indicator_cells as r
        join parts as p on p.part_of = r.key_no
    )
    where n <> 0
),

final as (
    select o.org_code, c.year, k.code, c.value, c.numerator, c.denominator
    from cells as c
    join indicator_orgs as o on o.org_no = c.org_no
    join indicator_keys as k on k.key_no = c.key_no
)

select * from final
