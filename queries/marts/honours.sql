-- definition: honours (荣誉与职工之家) of each org's whole subtree, as in shared/indicators-2.md.
--   workers_homes[:title|:level|:title.level] = org_honours of the subtree's orgs standing at D
--   (awarded_on ≤ D, no revoked_on ≤ D): titles, so an org holding two counts twice in the total.
--   model_workers[:level] = distinct people with a model_worker honour standing at D (once per level,
--   once in the total); model_workers_hardship[:level] = of those, people with hardship on a standing
--   row; model_workers_awarded[:level] and medals_awarded[:level] = distinct people awarded a
--   model_worker honour / a medal in Y (a flow: a title awarded in Y and revoked later was still
--   awarded in Y; it leaves the stocks from its revocation on).
--   People are counted distinct over the subtree through the closure (a person managed by two orgs
--   counts once): person_honours holds a few rows per thousand workers, so the (ancestor, person)
--   pairs stay small and need not the preorder weights of relief.sql.
-- unit: 个 (titles), 人 (distinct person_key)
-- grain: one row per org per year per indicator code (rows that would be zero may be missing; the
--   mart fills them)
-- source: org_honours, person_honours, _org_rollup (org_numbers.sql), _mart_years (indicator_years)
with

-- import ---------------------------------------------------------------------------------------

years as (
    select year, starts_on, as_of from _mart_years  -- the years to compute (all of indicator_years in a full rebuild)
),

-- roll-ups join each org's own figures by its code and group by the ancestor's number, for the
-- ancestors being computed (_org_rollup: every org in a full rebuild)
closure as (
    select descendant_code as descendant, ancestor_no as ancestor from _org_rollup
),

org_honours_src as (
    select org_code, title, level, awarded_on, revoked_on from org_honours
),

person_honours_src as (
    select person_key, org_code, honour, level, awarded_on, revoked_on, coalesce(hardship, false) as hardship
    from person_honours
),

-- logic: 职工之家 titles standing at D -----------------------------------------------------------

homes_by_org as (
    select h.org_code, y.year, h.title, h.level, count(*) as homes
    from org_honours_src as h
    join years as y
        on h.awarded_on <= y.as_of
       and (h.revoked_on is null or h.revoked_on > y.as_of)  -- revoked on or before D: no longer held
    group by all
),

homes_rolled as (
    select c.ancestor as org_no, h.year, h.title, h.level, sum(h.homes)::bigint as homes
    from homes_by_org as h
    join closure as c on c.descendant = h.org_code
    group by all
),

-- logic: people --------------------------------------------------------------------------------

-- one row per person, year and measure, with the level ('*' for the total, which counts a person
-- once whatever their levels)
person_facts as (
    select p.person_key, p.org_code, y.year, p.level, p.hardship,
        (p.honour = 'model_worker' and p.awarded_on <= y.as_of and (p.revoked_on is null or p.revoked_on > y.as_of)) as standing_model,
        (p.honour = 'model_worker' and p.awarded_on between y.starts_on and y.as_of) as awarded_model,
        (p.honour = 'medal' and p.awarded_on between y.starts_on and y.as_of) as awarded_medal
    from person_honours_src as p
    join years as y on p.awarded_on <= y.as_of
),

measured as (
    select person_key, org_code, year, level, 'model_workers' as measure from person_facts where standing_model
    union all
    select person_key, org_code, year, level, 'model_workers_hardship' from person_facts where standing_model and hardship
    union all
    select person_key, org_code, year, level, 'model_workers_awarded' from person_facts where awarded_model
    union all
    select person_key, org_code, year, level, 'medals_awarded' from person_facts where awarded_medal
),

people_rolled as (
    select c.ancestor as org_no, m.year, m.measure, m.level, grouping(m.level) as is_total,
        count(distinct m.person_key) as persons
    from measured as m
    join closure as c on c.descendant = m.org_code
    group by grouping sets ((c.ancestor, m.year, m.measure), (c.ancestor, m.year, m.measure, m.level))
),

-- final: one row per indicator key -------------------------------------------------------------

final as (
    select org_no, year, 'honours.workers_homes' as code, sum(homes)::bigint as numerator, null as denominator
    from homes_rolled group by org_no, year
    union all
    select org_no, year, 'honours.workers_homes:' || title, sum(homes)::bigint, null from homes_rolled group by all
    union all
    select org_no, year, 'honours.workers_homes:' || level, sum(homes)::bigint, null from homes_rolled group by all
    union all
    select org_no, year, 'honours.workers_homes:' || title || '.' || level, homes, null from homes_rolled
    union all
    select org_no, year, 'honours.' || measure || case when is_total = 1 then '' else ':' || level end, persons, null
    from people_rolled
)

select * from final
