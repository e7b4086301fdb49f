-- definition: training indicators (教育培训) of each org's whole subtree, as in shared/indicators.md:
--   sessions, person_times, persons, hours (each also :audience) of training activities starting in
--   the year; cadre_rate = cadres_trained / cadres; certification_rate and employment_rate =
--   certified / completed and employed / completed for hardship and unemployed courses (also
--   :hardship, :unemployed). A blank "completed" counts as completed (the contract's default).
-- unit: 期 (sessions), 人次 (enrollments), 人 (distinct people), 学时 (hours × completed enrollments)
-- grain: one row per org per year per indicator code (rows that would be zero may be missing; the
--   mart fills them)
-- keys: key_no (looked up here per audience, not per row: src/lib/indicators/mart.ts yieldsKeyNo)
-- order: org_no, year (in two runs, sessions and cadres, each sorted after its roll-up and unnested
--   after the sort: the cells need no sort of their own, src/lib/indicators/mart.ts emitsSorted)
-- source: activities, enrollments, members, _org_rollup and _org_numbers (org_numbers.sql), indicator_orgs, _mart_years (indicator_years),
--   indicator_keys (the dictionary)
-- delta: members by member_no; along enrollments.person_key = members.id_number,
--   activities.activity_no = enrollments.activity_no (a cadre is a member row, counted at its org
--   and trained by its person's courses: the changed member rows now and before, each side with the
--   same enrollments and sessions of their people, whose own figures cancel. A batch of activities
--   or enrollments recomputes; src/lib/indicators/mart-delta.ts)
with

-- import ---------------------------------------------------------------------------------------

years as (select year, as_of from _mart_years),  -- the years to compute (all of indicator_years in a full rebuild)

-- roll-ups join each org's own figures by its preorder number and group by the ancestor's number,
-- for the ancestors being computed (_org_rollup: every org in a full rebuild)
rollup_pre as (
    select descendant, ancestor_no from _org_rollup
),

closure_pre as (select ancestor, descendant from _org_numbers),  -- the whole tree: the LCA may lie outside the roll-up

org_pre as (select org_code, preorder_no as pre from indicator_orgs),

sessions_src as not materialized (  -- read by two steps: rescanned, not copied
    select activity_no, org_code, audience, participants, hours, year(start_date) as year
    from activities
    where kind = 'training'
),

enrollments_src as not materialized (  -- 7M rows at scale 250: read twice (keys, numbers), rescanned
    select activity_no, person_key, coalesce(completed, true) as completed, coalesce(certified, false) as certified, employed_on
    from enrollments
),

members_src as materialized (  -- read twice (keys, candidates): 456k of 15M members at scale 250
    select id_number, org_code, join_date, leave_date from members
    where is_cadre  -- only cadres matter here
),

-- logic: numbers -------------------------------------------------------------------------------

-- audiences as numbers, by their place in a list of them (a list lookup per session, not a join)
audiences as (
    select list(distinct audience order by audience) filter (where audience is not null) as audiences from sessions_src
),

-- people as numbers: the partitions below by an integer cost a fraction of the same by the person
-- string (~20 characters). A person's number is the 63-bit hash of their key, made exact: keys that
-- share a hash (a collision: odds of ~1 in 200,000 at 10M people) get numbers of their own below
-- zero, which no hash takes. Found here, from this query's own rows (trainees and cadres, who are
-- matched by number), so that the query stays self-contained (an upload's update runs it over a
-- few rows); the keys hashed once each, after the distinct
person_keys as (
    select distinct person_key from (select person_key from enrollments_src union all select id_number from members_src)
),

collided as (
    select coalesce(list(person_key order by person_key), []) as keys  -- nearly always empty
    from person_keys
    where (hash(person_key) >> 1)::bigint in (
        select (hash(person_key) >> 1)::bigint as person_hash from person_keys group by person_hash having count(*) > 1
    )
),

-- a row's place among a person's rows as one integer, computed per session: by year, audience and
-- preorder number (by year and preorder number for all audiences together), so that one window
-- partitioned by the person's number alone sorts two integers per row
packing as (
    select
        (select max(preorder_no) + 1 from indicator_orgs)::bigint as orgs,
        len(a.audiences) + 1 as audiences,
        (select min(year) from years) as first_year
    from audiences as a
),

-- the sessions of the years computed as numbers: their org's preorder number (null: an org outside
-- the tree, no sessions there but still a cadre's course), audience, places, and a number of their
-- own that their enrollments are grouped by (the activity_no string is joined once, here)
sessions as materialized (
    select
        (row_number() over ())::integer as session_no,
        s.activity_no,
        o.pre,
        s.year,
        list_position(a.audiences, s.audience) as audience_no,  -- null when the session names none
        ((s.year - k.first_year) * k.audiences + audience_no) * k.orgs + o.pre as place_audience,
        (s.year - k.first_year) * k.orgs + o.pre as place_all,
        s.audience in ('hardship', 'unemployed') as outcomes,  -- outcomes are measured on these courses only
        s.audience = 'cadre' as cadre_course,
        s.participants,
        s.hours
    from sessions_src as s
    left join org_pre as o on o.org_code = s.org_code
    cross join audiences as a
    cross join packing as k
    where s.year in (select year from years)
),

-- each enrollment of those sessions as numbers only, as few as the steps need (read by the
-- sessions, two windows and the cadres): its outcome as bits (1 completed, 2 certified, 4 employed)
trainee_rows as materialized (
    select
        s.session_no,
        case
            when len(k.keys) > 0 and list_contains(k.keys, e.person_key) then -list_position(k.keys, e.person_key)
            else (hash(e.person_key) >> 1)::bigint
        end as person_no,
        s.place_audience,
        s.place_all,
        (e.completed::integer + 2 * (e.completed and e.certified)::integer + 4 * (e.completed and e.employed_on is not null)::integer)::utinyint as outcome,
        -- a completed cadre course's year (a blank person key matches no cadre)
        case when s.cadre_course and e.completed and e.person_key is not null then s.year end as cadre_year
    from enrollments_src as e
    join sessions as s on s.activity_no = e.activity_no
    cross join collided as k
),

-- logic: sessions ------------------------------------------------------------------------------

session_enrollments as (
    select session_no, count(*) as enrolled, count(*) filter (where outcome & 1 <> 0) as completed,
        count(*) filter (where outcome & 2 <> 0) as certified, count(*) filter (where outcome & 4 <> 0) as employed
    from trainee_rows
    group by session_no
),

sessions_own as (
    select
        s.pre,
        s.year,
        s.audience_no,
        -- the enrollment list is the truth; a session without one reports its participants
        case when e.enrolled > 0 then e.enrolled else coalesce(s.participants, 0) end as person_times,
        coalesce(s.hours, 0) * coalesce(e.completed, 0) as hours,
        case when s.outcomes then coalesce(e.completed, 0) end as completed,
        case when s.outcomes then coalesce(e.certified, 0) end as certified,
        case when s.outcomes then coalesce(e.employed, 0) end as employed,
        coalesce(e.enrolled, 0) as enrolled
    from sessions as s
    left join session_enrollments as e on e.session_no = s.session_no
    where s.pre is not null  -- an org outside the tree: no roll-up
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

-- each row with the one before it among the person's rows of the year with the same audience (by
-- audience), and among all of them ('*': every audience, and sessions naming none), in preorder
pairs as (
    select o.by_audience, o.place // k.orgs as block, o.place % k.orgs as pre, o.previous % k.orgs as prev
    from (
        select true as by_audience, place_audience as place, lag(place_audience) over (partition by person_no order by place_audience) as previous
        from trainee_rows
        where place_audience is not null  -- by audience: only sessions that name one (in the tree)
        union all
        select false, place_all, lag(place_all) over (partition by person_no order by place_all)
        from trainee_rows
        where place_all is not null  -- sessions of orgs in the tree
    ) as o
    cross join packing as k
    where o.previous // k.orgs = o.place // k.orgs  -- a person's first org of a year (and audience) has no pair
),

-- each org's ancestors in preorder (root first): the lowest common ancestor of an org and one
-- numbered at or below it is the last of its ancestors numbered at or below that one (whose run
-- holds both). The first eight as columns, so that the lookup is a chain of comparisons (half the
-- cost of a lambda over a list, which costs half the asof join on the closure); a deeper org's
-- whole list beside them (null for the others: ~5 levels at scale 250)
org_paths as (
    select pre, path[1] as a1, path[2] as a2, path[3] as a3, path[4] as a4, path[5] as a5, path[6] as a6, path[7] as a7, path[8] as a8,
        case when len(path) > 8 then path end as deep
    from (
        select descendant as pre, list(ancestor order by ancestor) as path
        from closure_pre
        group by descendant
    )
),

-- -1 on the lowest common ancestor of each pair, counted per org: by audience (minus_audience) and
-- for all audiences (minus_all, audience left blank); both kinds of pair in one lookup
pair_weights as (
    select
        w.pre,
        (case when w.by_audience then w.block // k.audiences else w.block end) + k.first_year as year,
        case when w.by_audience then w.block % k.audiences end as audience_no,
        case when w.by_audience then w.weight end as minus_audience,
        case when not w.by_audience then w.weight end as minus_all
    from (
        select
            case  -- the deepest ancestor numbered at or below prev (a level an org lacks is null: never)
                when c.deep is not null then list_max(list_filter(c.deep, lambda anc: anc <= p.prev))
                when c.a8 <= p.prev then c.a8
                when c.a7 <= p.prev then c.a7
                when c.a6 <= p.prev then c.a6
                when c.a5 <= p.prev then c.a5
                when c.a4 <= p.prev then c.a4
                when c.a3 <= p.prev then c.a3
                when c.a2 <= p.prev then c.a2
                when c.a1 <= p.prev then c.a1  -- the root (none: two trees of a forest, no common ancestor)
            end as pre,
            p.by_audience, p.block, -count(*) as weight
        from pairs as p
        join org_paths as c on c.pre = p.pre
        group by all
    ) as w
    cross join packing as k
),

-- sessions and the people's -1s summed over each subtree in one closure join, in total and by
-- audience (by its number); persons = enrollments (+1 each) and the -1s
sessions_rolled as (
    select
        c.ancestor_no as org_no,
        s.year,
        s.audience_no,
        grouping(s.audience_no) as is_total,
        count(s.person_times) as sessions,  -- sessions only (the -1s have none)
        sum(s.person_times)::bigint as person_times,
        sum(s.hours) as hours,
        sum(s.completed)::bigint as completed,  -- hardship and unemployed courses only
        sum(s.certified)::bigint as certified,
        sum(s.employed)::bigint as employed,
        (coalesce(sum(s.enrolled), 0)
            + coalesce(case when grouping(s.audience_no) = 1 then sum(s.minus_all) else sum(s.minus_audience) end, 0))::bigint as persons
    from (
        select *, null as minus_audience, null as minus_all from sessions_own
        union all
        select pre, year, audience_no, null, null, null, null, null, null, minus_audience, minus_all from pair_weights
    ) as s
    join rollup_pre as c on c.descendant = s.pre
    group by grouping sets ((c.ancestor_no, s.year), (c.ancestor_no, s.year, s.audience_no))
),

-- logic: cadres --------------------------------------------------------------------------------

-- each cadre standing at D, per year: the years a cadre can stand in (from the year they joined
-- to the year they left, within the years computed) joined by year, then the exact test (a range
-- join of 456k cadres on the dates cost ~4x as much at scale 250). A cadre by their person number
-- (a blank ID: none, and no match), their org by its preorder number (outside the tree: no roll-up)
cadre_candidates as (
    select
        o.pre,
        case
            when m.id_number is null then null
            when len(k.keys) > 0 and list_contains(k.keys, m.id_number) then -list_position(k.keys, m.id_number)
            else (hash(m.id_number) >> 1)::bigint
        end as person_no,
        m.join_date, m.leave_date,
        unnest(range(
            greatest(year(m.join_date), (select min(year) from years)),
            least(coalesce(year(m.leave_date), 9999), (select max(year) from years)) + 1
        )) as year
    from members_src as m
    join org_pre as o on o.org_code = m.org_code
    cross join collided as k
),

-- who completed a cadre course starting in Y (run by any org: a district trains community cadres),
-- once per person and year, so that the left join below matches a cadre-year at most once
cadre_completions as (
    select distinct person_no, cadre_year as year from trainee_rows
    where cadre_year is not null
),

-- a cadre counts once, however many courses they completed; a member is one row of members
-- (member_no is its key)
cadres_by_org as (
    select c.pre, y.year, count(*) as cadres, count(t.person_no) as cadres_trained
    from cadre_candidates as c
    join years as y on y.year = c.year
    left join cadre_completions as t
        on t.person_no = c.person_no                         -- person_key is the ID when known
       and t.year = c.year
    where c.join_date <= y.as_of                             -- standing at D
      and (c.leave_date is null or c.leave_date > y.as_of)   -- leaving on D is gone by D
    group by all
),

cadres_rolled as (
    select c.ancestor_no as org_no, k.year, sum(k.cadres)::bigint as cadres, sum(k.cadres_trained)::bigint as cadres_trained
    from cadres_by_org as k
    join rollup_pre as c on c.descendant = k.pre
    group by c.ancestor_no, k.year
),

-- keys: each audience's key numbers (audience 0: the totals) in the order of the measures unnested
-- below (sessions, person_times, hours, persons, certification_rate, employment_rate: the rates by
-- audience for hardship and unemployed courses only, null for the others). A few rows: a code the
-- dictionary lacks is refused by name ------------------------------------------------------------

measure_codes as (
    select 0 as audience_no, m.slot, m.code
    from (values (1, 'training.sessions'), (2, 'training.person_times'), (3, 'training.hours'), (4, 'training.persons'),
        (5, 'training.certification_rate'), (6, 'training.employment_rate')) as m (slot, code)
    union all
    select a.audience_no, m.slot, m.prefix || a.audience
    from (select unnest(audiences) as audience, unnest(range(1, len(audiences) + 1)) as audience_no from audiences) as a
    join (values (1, 'training.sessions:'), (2, 'training.person_times:'), (3, 'training.hours:'), (4, 'training.persons:'),
        (5, 'training.certification_rate:'), (6, 'training.employment_rate:')) as m (slot, prefix)
        on m.slot <= 4 or a.audience in ('hardship', 'unemployed')  -- outcomes of these courses only
),

measure_keys as (
    select audience_no,
        [max(key_no) filter (where slot = 1), max(key_no) filter (where slot = 2), max(key_no) filter (where slot = 3),
         max(key_no) filter (where slot = 4), max(key_no) filter (where slot = 5), max(key_no) filter (where slot = 6)] as key_nos
    from (
        select b.audience_no, b.slot, coalesce(k.key_no, error('mart: a code the dictionary does not know: ' || b.code)) as key_no
        from measure_codes as b
        left join indicator_keys as k on k.code = b.code
    )
    group by audience_no
),

cadre_key as (
    select coalesce(max(key_no), error('mart: a code the dictionary does not know: training.cadre_rate')) as key_no
    from indicator_keys
    where code = 'training.cadre_rate'
),

-- final: one row per indicator key (by its number, indicator_keys.key_no), the key numbers and the
-- measures unnested side by side, after the sort by org and year ----------------------------------
-- (sums of counts are cast to bigint above: a union of DECIMAL money or hours with a HUGEINT
-- sum would be typed with fewer decimals and lose the cents)

measures as (
    select r.org_no, r.year, unnest(r.key_nos) as key_no,
        unnest([r.sessions, r.person_times, r.hours, r.persons, coalesce(r.certified, 0), coalesce(r.employed, 0)]) as numerator,
        unnest([null, null, null, null, coalesce(r.completed, 0), coalesce(r.completed, 0)]) as denominator
    from (
        select r.*, k.key_nos
        from sessions_rolled as r
        -- the totals, and each audience a session names (sessions naming none count in the totals only)
        join measure_keys as k on k.audience_no = case when r.is_total = 1 then 0 else r.audience_no end
        order by r.org_no, r.year
    ) as r
),

final as (
    select org_no, year, key_no, numerator, denominator from measures
    where key_no is not null  -- an audience without that measure (rates: hardship and unemployed only)
    union all
    select * from (
        select c.org_no, c.year, k.key_no, c.cadres_trained, c.cadres
        from cadres_rolled as c
        cross join cadre_key as k
        order by c.org_no, c.year
    )
)

select * from final
