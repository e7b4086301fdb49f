-- definition: training indicators (教育培训) of each org's whole subtree, as in shared/indicators.md:
--   sessions, person_times, persons, hours (each also :audience) of training activities starting in
--   the year; cadre_rate = cadres_trained / cadres; certification_rate and employment_rate =
--   certified / completed and employed / completed for hardship and unemployed courses (also
--   :hardship, :unemployed). A blank "completed" counts as completed (the contract's default).
-- unit: 期 (sessions), 人次 (enrollments), 人 (distinct people), 学时 (hours × completed enrollments)
-- grain: one row per org per year per indicator code (rows that would be zero may be missing; the
--   mart fills them)
-- keys: key_no (looked up here per audience, not per row: src/lib/indicators/mart.ts yieldsKeyNo)
-- source: activities, enrollments, members, _org_rollup and _org_numbers (org_numbers.sql), indicator_orgs, _mart_years (indicator_years),
--   indicator_keys (the dictionary)
-- delta: members by member_no; along enrollments.person_key = members.id_number,
--   activities.activity_no = enrollments.activity_no (a cadre is a member row, counted at its org
--   and trained by its person's courses: the changed member rows now and before, each side with the
--   same enrollments and sessions of their people, whose own figures cancel. A batch of activities
--   or enrollments recomputes; src/lib/indicators/mart-delta.ts)
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

members_src as materialized (  -- read twice (numbers, candidates): 456k of 15M members at scale 250
    select id_number, org_code, join_date, leave_date from members
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
        coalesce(e.employed, 0) as employed,
        coalesce(e.enrolled, 0) as enrolled
    from sessions_src as s
    join years as y on y.year = s.year
    left join session_enrollments as e on e.activity_no = s.activity_no
),

-- people do not add up: a person trained by two unions of a subtree counts once there. Counting
-- distinct (ancestor, person) pairs means ~25M rows at 10M members; instead each person's rows are
-- turned into weights that do add up (the "distinct colours in a subtree" method): number the orgs
-- in preorder (a subtree is then a run of numbers), list one person's rows of a year in that order,
-- put +1 on each row's org and -1 on the lowest common ancestor of each row and the one before it.
-- A subtree's sum of weights is then its number of distinct people; a repeat row at the same org
-- cancels itself (its common ancestor with its predecessor is the org). The +1s are the sessions'
-- enrollments (rolled up with the sessions); only the -1s are computed here, sorting and grouping
-- integers, never the person string (queries/marts/README.md, "Distinct people").
closure_pre as (
    select ancestor, descendant, ancestor_no from _org_numbers  -- the whole tree: the LCA may lie outside the roll-up
),

rollup_pre as (
    select descendant, ancestor_no from _org_rollup
),

org_pre as (
    select org_code, preorder_no as pre from indicator_orgs
),

-- people as numbers: the partitions below by an integer cost a fraction of the same by the person
-- string (~20 characters). A person's number is the 63-bit hash of their key, made exact: keys that
-- share a hash (a collision: odds of ~1 in 200,000 at 10M people) get numbers of their own below
-- zero, which no hash takes. Found here, from this query's own rows (trainees and cadres, who are
-- matched by number), so that the query stays self-contained (an upload's update runs it over a
-- few rows)
person_hashes as (
    select distinct person_key, (hash(person_key) >> 1)::bigint as person_hash
    from (select person_key from enrollments_src union all select id_number from members_src)
),

collided as (
    select coalesce(list(person_key order by person_key), []) as keys  -- nearly always empty
    from person_hashes
    where person_hash in (select person_hash from person_hashes group by person_hash having count(*) > 1)
),

-- audiences as numbers too, by their place in a list of them (a list lookup per enrollment
-- instead of a join)
audiences as (
    select list(distinct audience order by audience) filter (where audience is not null) as audiences from sessions_src
),

-- each enrollment of the years computed as numbers only (read by two windows and the cadres)
trainee_rows as materialized (
    select
        o.pre,  -- null for an org outside the tree: no person weights (as no roll-up), still a cadre's course
        s.year,
        list_position(a.audiences, s.audience) as audience_no,  -- null when the session names none
        case
            when len(k.keys) > 0 and list_contains(k.keys, e.person_key) then -list_position(k.keys, e.person_key)
            else (hash(e.person_key) >> 1)::bigint
        end as person_no,
        -- a completed cadre course (a blank person key matches no cadre)
        s.audience = 'cadre' and e.completed and e.person_key is not null as cadre_completed
    from sessions_src as s
    join enrollments_src as e on e.activity_no = s.activity_no
    left join org_pre as o on o.org_code = s.org_code
    cross join audiences as a
    cross join collided as k
    where s.year in (select year from years)
),

-- a row's place among a person's rows as one integer: by year, audience and preorder number (by
-- year and preorder number for all audiences together), so that one window partitioned by the
-- person's number alone sorts two integers per row (by (person, year) and (audience, preorder) it
-- sorted four, and a frame over the partition told whether a person had one audience)
packing as (
    select
        (select max(preorder_no) + 1 from indicator_orgs)::bigint as orgs,
        len(a.audiences) + 1 as audiences,
        (select min(year) from years) as first_year
    from audiences as a
),

-- each row with the one before it among the person's rows of the year with the same audience, in
-- preorder
audience_pairs as (
    select o.place // k.orgs as block, o.place % k.orgs as pre, o.previous % k.orgs as prev
    from (
        select place, lag(place) over (partition by person_no order by place) as previous
        from (
            select t.person_no, ((t.year - k.first_year) * k.audiences + t.audience_no) * k.orgs + t.pre as place
            from trainee_rows as t
            cross join packing as k
            where t.audience_no is not null  -- by audience: only sessions that name one
              and t.pre is not null
        )
    ) as o
    cross join packing as k
    where o.previous // k.orgs = o.place // k.orgs  -- a person's first org of a year and audience has no pair
),

-- and among all of the person's rows of the year ('*': every audience, and sessions naming none)
all_pairs as (
    select o.place // k.orgs as block, o.place % k.orgs as pre, o.previous % k.orgs as prev
    from (
        select place, lag(place) over (partition by person_no order by place) as previous
        from (
            select t.person_no, (t.year - k.first_year) * k.orgs + t.pre as place
            from trainee_rows as t
            cross join packing as k
            where t.pre is not null
        )
    ) as o
    cross join packing as k
    where o.previous // k.orgs = o.place // k.orgs
),

-- each org's ancestors in preorder (root first): the lowest common ancestor of an org and one
-- numbered at or below it is the last of its ancestors numbered at or below that one (whose run
-- holds both). A list lookup costs half the asof join on the closure that did the same
org_paths as (
    select descendant as pre, list(ancestor order by ancestor) as path
    from closure_pre
    group by descendant
),

-- -1 on the lowest common ancestor of each pair, counted per org: by audience (minus_audience) and
-- for all audiences (minus_all, audience left blank); both kinds of pair in one lookup
pair_weights as (
    select
        w.pre,
        (case when w.by_audience then w.block // k.audiences else w.block end) + k.first_year as year,
        case when w.by_audience then a.audiences[w.block % k.audiences] end as audience,
        case when w.by_audience then w.weight end as minus_audience,
        case when not w.by_audience then w.weight end as minus_all
    from (
        select list_max(list_filter(c.path, lambda anc: anc <= p.prev)) as pre, p.by_audience, p.block, -count(*) as weight
        from (
            select true as by_audience, block, pre, prev from audience_pairs
            union all
            select false, block, pre, prev from all_pairs
        ) as p
        join org_paths as c on c.pre = p.pre
        group by all
    ) as w
    cross join packing as k
    cross join audiences as a
),

-- sessions and the people's -1s summed over each subtree in one closure join, in total and by
-- audience; persons = enrollments (+1 each) and the -1s
sessions_rolled as (
    select
        c.ancestor_no as org_no,
        s.year,
        s.audience,
        grouping(s.audience) as is_total,
        count(s.person_times) as sessions,  -- sessions only (the -1s have none)
        sum(s.person_times)::bigint as person_times,
        sum(s.hours) as hours,
        -- outcomes are measured on courses for workers in hardship and unemployed workers only
        sum(s.completed) filter (where s.audience in ('hardship', 'unemployed'))::bigint as completed,
        sum(s.certified) filter (where s.audience in ('hardship', 'unemployed'))::bigint as certified,
        sum(s.employed) filter (where s.audience in ('hardship', 'unemployed'))::bigint as employed,
        (coalesce(sum(s.enrolled), 0)
            + coalesce(case when grouping(s.audience) = 1 then sum(s.minus_all) else sum(s.minus_audience) end, 0))::bigint as persons
    from (
        select o.pre, s.year, s.audience, s.person_times, s.hours, s.completed, s.certified, s.employed, s.enrolled,
            null as minus_audience, null as minus_all
        from sessions as s
        join org_pre as o on o.org_code = s.org_code
        union all
        select pre, year, audience, null, null, null, null, null, null, minus_audience, minus_all from pair_weights
    ) as s
    join rollup_pre as c on c.descendant = s.pre
    group by grouping sets ((c.ancestor_no, s.year), (c.ancestor_no, s.year, s.audience))
),

-- logic: cadres --------------------------------------------------------------------------------

-- each cadre standing at D, per year: the years a cadre can stand in (from the year they joined
-- to the year they left, within the years computed) joined by year, then the exact test (a range
-- join of 456k cadres on the dates cost ~4x as much at scale 250). A cadre by their person number
-- (a blank ID: none, and no match)
cadre_candidates as (
    select
        m.org_code,
        case
            when m.id_number is null then null
            when len(k.keys) > 0 and list_contains(k.keys, m.id_number) then -list_position(k.keys, m.id_number)
            else (hash(m.id_number) >> 1)::bigint
        end as person_no,
        m.join_date,
        m.leave_date,
        unnest(range(
            greatest(year(m.join_date), (select min(year) from years)),
            least(coalesce(year(m.leave_date), 9999), (select max(year) from years)) + 1
        )) as year
    from members_src as m
    cross join collided as k
),

cadre_years as (
    select c.org_code, c.person_no, y.year
    from cadre_candidates as c
    join years as y on y.year = c.year
    where c.join_date <= y.as_of                             -- standing at D
      and (c.leave_date is null or c.leave_date > y.as_of)   -- leaving on D is gone by D
),

-- who completed a cadre course starting in Y (run by any org: a district trains community cadres);
-- no distinct: the semi join below matches a cadre once however many there are
cadre_completions as (
    select person_no, year from trainee_rows
    where cadre_completed
),

cadres_by_org as (
    select org_code, year, count(*) as cadres
    from cadre_years
    group by all
),

-- a cadre counts once (a semi join), however many courses they completed; a member is one row
-- of members (member_no is its key)
cadres_trained_by_org as (
    select k.org_code, k.year, count(*) as cadres_trained
    from cadre_years as k
    semi join cadre_completions as t
        on t.person_no = k.person_no                         -- person_key is the ID when known
       and t.year = k.year
    group by all
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

-- keys: each audience's key numbers (the blank audience: the totals) in the order of the measures
-- unnested below (sessions, person_times, hours, persons, certification_rate, employment_rate: the
-- rates by audience for hardship and unemployed courses only, null for the others). A few rows: a
-- code the dictionary lacks is refused by name --------------------------------------------------

measure_codes as (
    select 1 as is_total, null::varchar as audience, m.slot, m.code
    from (values (1, 'training.sessions'), (2, 'training.person_times'), (3, 'training.hours'), (4, 'training.persons'),
        (5, 'training.certification_rate'), (6, 'training.employment_rate')) as m (slot, code)
    union all
    select 0, a.audience, m.slot, m.prefix || a.audience
    from (select unnest(audiences) as audience from audiences) as a
    join (values (1, 'training.sessions:'), (2, 'training.person_times:'), (3, 'training.hours:'), (4, 'training.persons:'),
        (5, 'training.certification_rate:'), (6, 'training.employment_rate:')) as m (slot, prefix)
        on m.slot <= 4 or a.audience in ('hardship', 'unemployed')  -- outcomes of these courses only
),

measure_keys as (
    select is_total, audience,
        [max(key_no) filter (where slot = 1), max(key_no) filter (where slot = 2), max(key_no) filter (where slot = 3),
         max(key_no) filter (where slot = 4), max(key_no) filter (where slot = 5), max(key_no) filter (where slot = 6)] as key_nos
    from (
        select b.is_total, b.audience, b.slot, coalesce(k.key_no, error('mart: a code the dictionary does not know: ' || b.code)) as key_no
        from measure_codes as b
        left join indicator_keys as k on k.code = b.code
    )
    group by is_total, audience
),

cadre_key as (
    select coalesce(max(key_no), error('mart: a code the dictionary does not know: training.cadre_rate')) as key_no
    from indicator_keys
    where code = 'training.cadre_rate'
),

-- final: one row per indicator key (by its number, indicator_keys.key_no), the key numbers and the
-- measures unnested side by side ----------------------------------------------------------------
-- (sums of counts are cast to bigint above: a union of DECIMAL money or hours with a HUGEINT
-- sum would be typed with fewer decimals and lose the cents)

measures as (
    select r.org_no, r.year, unnest(k.key_nos) as key_no,
        unnest([r.sessions, r.person_times, r.hours, r.persons, coalesce(r.certified, 0), coalesce(r.employed, 0)]) as numerator,
        unnest([null, null, null, null, coalesce(r.completed, 0), coalesce(r.completed, 0)]) as denominator
    from sessions_rolled as r
    -- the totals, and each audience a session names (sessions naming none count in the totals only)
    join measure_keys as k on k.is_total = r.is_total and k.audience is not distinct from r.audience
),

final as (
    select org_no, year, key_no, numerator, denominator from measures
    where key_no is not null  -- an audience without that measure (rates: hardship and unemployed only)
    union all
    select c.org_no, c.year, k.key_no, c.cadres_trained, c.cadres
    from cadres_rolled as c
    cross join cadre_key as k
)

select * from final
