-- definition: the indicator mart's storage: every dictionary key (code or code:dimension) for every
--   org and every reporting year, stored sparse: a row exists where the key has anything in it. An
--   absent (org, year, key) of a reporting year is zero (counts, money) or 0/0 (rates, ratios →
--   value null); the readers (src/lib/indicators/read.ts) fill it in. value is not stored: the table
--   computes it from the row when read (CELLS_COLUMNS, src/lib/indicators/mart.ts: the numerator for
--   counts and money, whose denominator is stored null; for rates and ratios numerator / denominator
--   rounded half-up to 6 places). Sparse because the dense grid (orgs × years × ~110 keys, ~46M
--   rows at 10M members) costs more to write than every indicator costs to compute. Orgs and keys are stored as numbers
--   (indicator_orgs, indicator_keys); the view indicator_values (indicator_values.sql) shows codes.
--   A count that is a rate's numerator or denominator (indicator_keys.part_of, RATE_PARTS in
--   src/lib/indicators/mart.ts) is not stored: the view reads it from the rate's cell.
-- unit: per key, see indicator_keys / src/lib/indicators/dictionary.ts; money in yuan DECIMAL(18,2)
--   (int64-backed: exact and fast)
-- grain: one row per org per year per stored indicator key with a non-zero numerator or denominator
-- source: _mart_parts (coverage.sql, relief.sql, training.sql, activities.sql), indicator_keys (the
--   dictionary)
with

-- import ---------------------------------------------------------------------------------------

-- whether each stored key keeps a denominator (a rate or ratio: true; a count or money: false), by
-- its number, in one list looked up per row rather than joined: a join's hash table may be built on
-- the family's side (when its rows are estimated fewer than the keys), which gives the rows back in
-- any order, and src/lib/indicators/mart.ts writes the rows of a family that emits them sorted in
-- the order they come (emitsSorted). Booleans: the kind's string compared per row was ~0.4 s of CPU
-- over 21M cells at scale 250
key_rates as (
    select list(k.kind in ('rate', 'ratio') order by n.key_no) as is_rate  -- null: a rate's part, read from the rate's cell (indicator_values.sql), not stored
    from range(1, (select max(key_no) + 1 from indicator_keys)) as n (key_no)
    left join indicator_keys as k
        on k.key_no = n.key_no
       and k.part_of is null
),

parts as (
    select org_no, year, key_no, numerator, denominator from _mart_parts
),

-- logic ----------------------------------------------------------------------------------------

nonzero as (
    select *
    from (
        select p.org_no, p.year, p.key_no,
            case when p.key_no >= 1 then (select is_rate from key_rates)[p.key_no] end as is_rate,  -- (a list index below 1 counts from its end)
            p.numerator, p.denominator
        from parts as p
        where p.numerator <> 0
           or p.denominator <> 0  -- a rate over a non-empty base is kept even at 0%
    )
    where is_rate is not null  -- a rate's part, or a number the dictionary lacks: not stored
),

final as (
    select
        org_no,
        year,
        key_no,
        numerator,
        case when is_rate then coalesce(denominator, 0) end as denominator  -- null: not a rate (the stored value is the numerator)
    from nonzero
)

select * from final
order by org_no, year  -- one org's rows of a statement sit together: a point read touches one row group of each
