-- definition: activity indicators (活动与维权) of each org's whole subtree, as in shared/indicators.md:
--   count[:kind] = activities starting in the year; participants[:kind] = their participants, where a
--   training session's enrollment list, when it has one, is the truth (as training.person_times).
-- unit: 场 (activities), 人次 (participants)
-- grain: one row per org per year per indicator code (rows that would be zero may be missing; the
--   mart fills them)
-- source: activities, enrollments, _org_rollup and _org_numbers (org_numbers.sql), _mart_years (indicator_years)
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
    from activities_src as a
    join years as y on y.year = a.year
    left join enrolled as e on e.activity_no = a.activity_no
    group by a.org_code, a.year, a.kind
),

-- rolled up by kind, then the totals summed from the rolled rows (grouping sets over the closure
-- join built two hash tables from its 4.4M rows at scale 250: most of the time this file takes)
rolled_by_kind as (
    select
        c.ancestor as org_no,
        a.year,
        a.kind,
        sum(a.activities)::bigint as activities,
        sum(a.participants)::bigint as participants
    from activities_by_org as a
    join closure as c on c.descendant = a.org_code
    group by c.ancestor, a.year, a.kind
),

rolled as (
    select org_no, year, kind, 0 as is_total, activities, participants from rolled_by_kind
    union all
    select org_no, year, null, 1, sum(activities)::bigint, sum(participants)::bigint
    from rolled_by_kind
    group by org_no, year
),

-- final: one row per indicator key -------------------------------------------------------------
-- (sums of counts are cast to bigint above: a union of DECIMAL money or hours with a HUGEINT
-- sum would be typed with fewer decimals and lose the cents)

final as (
    select org_no, year, 'activity.count' as code, activities as numerator, null as denominator from rolled where is_total = 1
    union all
    select org_no, year, 'activity.count:' || kind, activities, null from rolled where is_total = 0
    union all
    select org_no, year, 'activity.participants', participants, null from rolled where is_total = 1
    union all
    select org_no, year, 'activity.participants:' || kind, participants, null from rolled where is_total = 0
)

select * from final
