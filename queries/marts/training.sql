-- definition: training indicators (教育培训) of each org's whole subtree, as in shared/indicators.md:
--   sessions, person_times, persons, hours (each also :audience) of training activities starting in
--   the year; cadre_rate = cadres_trained / cadres; certification_rate and employment_rate =
--   certified / completed and employed / completed for hardship and unemployed courses (also
--   :hardship, :unemployed). A blank "completed" counts as completed (the contract's default).
-- unit: 期 (sessions), 人次 (enrollments), 人 (distinct people), 学时 (hours × completed enrollments)
-- grain: one row per org per year per indicator code (rows that would be zero may be missing; the
--   mart fills them)
-- source: activities, enrollments, members, _org_rollup and _org_numbers (org_numbers.sql), indicator_orgs, _mart_years (indicator_years)
with

-- import ---------------------------------------------------------------------------------------

years as (
    select year, as_of from _mart_years  -- the years to compute (all of indicator_years in a full rebuild)
),

-- roll-ups join each org's own figures by its code and group by the ancestor's number, for the
-- ancestors being computed (_org_rollup: every org in a full rebuild)
closure as (
    select descendant_code as descendant, ancestor_no as ancestor from _org_rollup
),

sessions_src as not materialized (  -- a scan read by four steps: rescanned, not copied
    select activity_no, org_code, audience, participants, hours, year(start_date) as year
    from activities
    where kind = 'training'
),

enrollments_src as not materialized (  -- 7M rows at scale 250: copying them cost more than rescanning
    select
        activity_no,
        person_key,
        coalesce(completed, true) as completed,
        coalesce(certified, false) as certified,
        employed_on
    from enrollments
),

members_src as not materialized (
    select member_no, id_number, org_code, join_date, leave_date from members
    where is_cadre  -- only cadres matter here
),

-- logic: sessions ------------------------------------------------------------------------------

session_enrollments as (
    select
        activity_no,
        count(*) as enrolled,
        count(*) filter (where completed) as completed,
        count(*) filter (where completed and certified) as certified,
        count(*) filter (where completed and employed_on is not null) as employed
    from enrollments_src
    group by activity_no
),

sessions as (
    select
        s.org_code,
        s.year,
        s.audience,
        -- the enrollment list is the truth; a session without one reports its participants
        case when e.enrolled > 0 then e.enrolled else coalesce(s.participants, 0) end as person_times,
        coalesce(s.hours, 0) * coalesce(e.completed, 0) as hours,
        coalesce(e.completed, 0) as completed,
        coalesce(e.certified, 0) as certified,
        coalesce(e.employed, 0) as employed
    from sessions_src as s
    join years as y on y.year = s.year
    left join session_enrollments as e on e.activity_no = s.activity_no
),

sessions_rolled as (
    select
        c.ancestor as org_no,
        s.year,
        s.audience,
        grouping(s.audience) as is_total,
        count(*) as sessions,
        sum(s.person_times)::bigint as person_times,
        sum(s.hours) as hours,
        -- outcomes are measured on courses for workers in hardship and unemployed workers only
        sum(s.completed) filter (where s.audience in ('hardship', 'unemployed'))::bigint as completed,
        sum(s.certified) filter (where s.audience in ('hardship', 'unemployed'))::bigint as certified,
        sum(s.employed) filter (where s.audience in ('hardship', 'unemployed'))::bigint as employed
    from sessions as s
    join closure as c on c.descendant = s.org_code
    group by grouping sets ((c.ancestor, s.year), (c.ancestor, s.year, s.audience))
),

-- people do not add up: a person trained by two unions of a subtree counts once there. Counting
-- distinct (ancestor, person) pairs means ~25M rows at 10M members; instead each person's rows are
-- turned into weights that do add up (the "distinct colours in a subtree" method): number the orgs
-- in preorder (a subtree is then a run of numbers), list one person's rows of a year in that order,
-- put +1 on each row's org and -1 on the lowest common ancestor of each row and the one before it.
-- A subtree's sum of weights is then its number of distinct people; a repeat row at the same org
-- cancels itself (its common ancestor with its predecessor is the org).
closure_pre as (
    select ancestor, descendant, ancestor_no from _org_numbers  -- the whole tree: the LCA may lie outside the roll-up
),

rollup_pre as (
    select descendant, ancestor_no from _org_rollup
),

org_pre as (
    select org_code, preorder_no as pre from indicator_orgs
),

trainee_rows as (
    select o.pre, s.year, s.audience, e.person_key
    from sessions_src as s
    join years as y on y.year = s.year
    join enrollments_src as e on e.activity_no = s.activity_no
    join org_pre as o on o.org_code = s.org_code
),

-- one person's orgs of a year in preorder, as a list (per audience, and '*' for the year): one
-- grouping of the rows by person instead of two window sorts of them (and no person numbering)
lists_by_audience as (
    select person_key, year, audience, list(pre) as pres
    from trainee_rows
    group by all
),

lists as (
    select year, audience, list_sort(pres) as pres from lists_by_audience
    where audience is not null  -- by audience: only sessions that name one
    union all
    select year, '*', list_sort(flatten(list(pres))) from lists_by_audience
    group by person_key, year
),

-- each org in a list and the one before it (lists of one org have no pair)
pairs as (
    select year, audience, pres[i] as pre, pres[i - 1] as prev
    from (
        select year, audience, pres, unnest(range(2, len(pres) + 1)) as i
        from lists
        where len(pres) > 1
    )
),

-- the lowest common ancestor of a row's org and the previous one (numbered no higher): the deepest
-- ancestor of the row's org numbered at or below the previous org, i.e. whose run holds both
weights as (
    select unnest(pres) as pre, year, audience, 1 as weight from lists
    union all
    select c.ancestor, p.year, p.audience, -1
    from pairs as p
    asof join closure_pre as c on c.descendant = p.pre and c.ancestor <= p.prev
),

weights_by_org as (
    select pre, year, audience, sum(weight) as weight from weights group by all
),

-- by audience, and '*' for all audiences together
persons_rolled as (
    select c.ancestor_no as org_no, w.year, w.audience, sum(w.weight)::bigint as persons
    from weights_by_org as w
    join rollup_pre as c on c.descendant = w.pre
    group by all
),

-- logic: cadres --------------------------------------------------------------------------------

cadres_by_org as (
    select m.org_code, y.year, count(*) as cadres
    from members_src as m
    join years as y
        on m.join_date <= y.as_of                              -- standing at D
       and (m.leave_date is null or m.leave_date > y.as_of)    -- leaving on D is gone by D
    group by m.org_code, y.year
),

-- who completed a cadre course starting in Y (run by any org: a district trains community cadres)
cadre_completions as (
    select distinct e.person_key, s.year
    from sessions_src as s
    join enrollments_src as e on e.activity_no = s.activity_no
    where s.audience = 'cadre'
      and e.completed
),

cadres_trained_by_org as (
    select m.org_code, y.year, count(distinct m.member_no) as cadres_trained
    from cadre_completions as t
    join years as y on y.year = t.year
    join members_src as m
        on m.id_number = t.person_key                          -- person_key is the ID when known
       and m.join_date <= y.as_of
       and (m.leave_date is null or m.leave_date > y.as_of)
    group by m.org_code, y.year
),

cadres_rolled as (
    select
        c.ancestor as org_no,
        k.year,
        sum(k.cadres)::bigint as cadres,
        coalesce(sum(t.cadres_trained), 0)::bigint as cadres_trained
    from cadres_by_org as k
    left join cadres_trained_by_org as t
        on t.org_code = k.org_code
       and t.year = k.year
    join closure as c on c.descendant = k.org_code
    group by c.ancestor, k.year
),

-- final: one row per indicator key -------------------------------------------------------------
-- (sums of counts are cast to bigint above: a union of DECIMAL money or hours with a HUGEINT
-- sum would be typed with fewer decimals and lose the cents)

totals as (select * from sessions_rolled where is_total = 1),

by_audience as (select * from sessions_rolled where is_total = 0 and audience is not null),

outcome_audiences as (select * from by_audience where audience in ('hardship', 'unemployed')),

final as (
    select org_no, year, 'training.sessions' as code, sessions as numerator, null as denominator from totals
    union all
    select org_no, year, 'training.sessions:' || audience, sessions, null from by_audience
    union all
    select org_no, year, 'training.person_times', person_times, null from totals
    union all
    select org_no, year, 'training.person_times:' || audience, person_times, null from by_audience
    union all
    select org_no, year, 'training.hours', hours, null from totals
    union all
    select org_no, year, 'training.hours:' || audience, hours, null from by_audience
    union all
    select org_no, year, 'training.persons', persons, null from persons_rolled where audience = '*'
    union all
    select org_no, year, 'training.persons:' || audience, persons, null from persons_rolled where audience <> '*'
    union all
    select org_no, year, 'training.certification_rate', coalesce(certified, 0), coalesce(completed, 0) from totals
    union all
    select org_no, year, 'training.employment_rate', coalesce(employed, 0), coalesce(completed, 0) from totals
    union all
    select org_no, year, 'training.certification_rate:' || audience, certified, completed from outcome_audiences
    union all
    select org_no, year, 'training.employment_rate:' || audience, employed, completed from outcome_audiences
    union all
    select org_no, year, 'training.cadre_rate', cadres_trained, cadres from cadres_rolled
)

select * from final
