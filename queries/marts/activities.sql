-- definition: activity indicators (活动与维权) of each org's whole subtree, as in shared/indicators.md:
--   count[:kind] = activities starting in the year; participants[:kind] = their participants, where a
--   training session's enrollment list, when it has one, is the truth (as training.person_times).
-- unit: 场 (activities), 人次 (participants)
-- grain: one row per org per year per indicator key (rows that would be zero may be missing; the
--   mart fills them)
-- keys: key_no (looked up here per kind, not per row: src/lib/indicators/mart.ts yieldsKeyNo)
-- order: org_no, year (in two runs, each sorted after its last join, the figures unnested after the
--   sort: the cells need no sort of their own, src/lib/indicators/mart.ts emitsSorted)
-- source: activities, enrollments, _org_rollup and _org_numbers (org_numbers.sql), _mart_years (indicator_years),
--   indicator_keys (the dictionary)
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

activities_src as (
    select activity_no, org_code, kind, participants, year(start_date) as year from activities
),

enrolled as (
    select activity_no, count(*) as enrolled from enrollments group by activity_no
),

-- logic ----------------------------------------------------------------------------------------

activities_by_org as (
    select
        a.org_code,
        a.year,
        a.kind,
        count(*) as activities,
        sum(case when e.enrolled > 0 then e.enrolled else coalesce(a.participants, 0) end)::bigint as participants
    -- every activity, with its enrollment count where it has one: written as a right join of the
    -- counts so that the activities probe a hash table of the counts (220k at scale 250); as a left
    -- join after the years' join DuckDB estimated the activities fewer and built it on their 1.2M rows
    -- (~1.3 s of CPU against ~0.5-0.8)
    from enrolled as e
    right join activities_src as a on e.activity_no = a.activity_no
    join years as y on y.year = a.year
    group by a.org_code, a.year, a.kind
),

-- each kind present, numbered by its place in one sorted list, with the key numbers of its two
-- figures (count, participants): a few rows, looked up once instead of a code string per rolled row
-- (3M at scale 250). A code the dictionary lacks is refused by name.
kind_list as (
    select
        list(distinct kind order by kind) filter (where kind is not null) as kinds,
        bool_or(kind is null) as has_blank  -- a blank kind (the contract requires one) is refused below
    from activities_by_org
),

kind_keys as (
    select
        k.kind,
        k.kind_no::integer as kind_no,
        [coalesce(kc.key_no, error('mart: a code the dictionary does not know: activity.count:' || coalesce(k.kind, '(blank)'))),
         coalesce(kp.key_no, error('mart: a code the dictionary does not know: activity.participants:' || coalesce(k.kind, '(blank)')))] as key_nos
    from (
        select unnest(kinds) as kind, generate_subscripts(kinds, 1) as kind_no from kind_list
        union all
        select null, null from kind_list where has_blank
    ) as k
    left join indicator_keys as kc on kc.code = 'activity.count:' || k.kind
    left join indicator_keys as kp on kp.code = 'activity.participants:' || k.kind
),

total_keys as (
    select [coalesce(max(key_no) filter (where code = 'activity.count'), error('mart: a code the dictionary does not know: activity.count')),
            coalesce(max(key_no) filter (where code = 'activity.participants'), error('mart: a code the dictionary does not know: activity.participants'))] as key_nos
    from indicator_keys
),

-- rolled up by kind (its number: its place in kind_list, found per org's row before the closure
-- join; a join on the kind string after it was built on the 4.4M rolled rows at scale 250, most
-- of this file's time), then the totals summed from the rolled rows (grouping sets over the
-- closure join built two hash tables from its 4.4M rows at scale 250)
rolled_by_kind as (
    select
        c.ancestor as org_no,
        a.year,
        list_position(l.kinds, a.kind)::integer as kind_no,
        sum(a.activities)::bigint as activities,
        sum(a.participants)::bigint as participants
    from activities_by_org as a
    cross join kind_list as l
    join closure as c on c.descendant = a.org_code
    group by all
),

totals as (
    select org_no, year, sum(activities)::bigint as activities, sum(participants)::bigint as participants
    from rolled_by_kind
    group by org_no, year
),

-- final: one row per indicator key (by its number, indicator_keys.key_no), the key numbers and the
-- measures unnested side by side ------------------------------------------------------------------

-- the key numbers and the measures unnested side by side
kinds_final as (
    select r.org_no, r.year, unnest(r.key_nos) as key_no, unnest([r.activities, r.participants]) as numerator, null::bigint as denominator
    from (select r.*, k.key_nos from rolled_by_kind as r join kind_keys as k on k.kind_no = r.kind_no order by r.org_no, r.year) as r
),

totals_final as (
    select t.org_no, t.year, unnest(t.key_nos) as key_no, unnest([t.activities, t.participants]) as numerator, null::bigint as denominator
    from (select t.*, k.key_nos from totals as t cross join total_keys as k order by t.org_no, t.year) as t
),

final as (
    select org_no, year, key_no, numerator, denominator from kinds_final
    union all
    select org_no, year, key_no, numerator, denominator from totals_final
)

select * from final
