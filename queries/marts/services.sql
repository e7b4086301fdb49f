-- definition: the service network and employment help (服务阵地、就业帮扶) of each org's whole subtree,
--   as in shared/indicators-2.md. stations.count[:type] = stations of the subtree's orgs standing at D
--   (opened_on ≤ D, no closed_on ≤ D). stations.coverage_rate[:org_type] = centre_orgs_with /
--   centre_orgs: of the federations and street federations of the subtree standing at D, those that
--   run (as org_code) a standing help_centre or service_centre. employment.placements[:channel] =
--   placements of the subtree's orgs in Y (rows); employment.persons[:channel] = distinct person_key
--   of those, counted once over the subtree through the closure (a few placements per hundred
--   workers a year: the (ancestor, person) pairs stay small).
-- unit: 个 (stations, orgs), 人次 (placements), 人 (distinct people)
-- grain: one row per org per year per indicator code (rows that would be zero may be missing; the
--   mart fills them)
-- source: stations, orgs, placements, _org_rollup (org_numbers.sql), _mart_years (indicator_years)
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

stations_src as (
    select org_code, type, opened_on, closed_on from stations
),

orgs_src as (
    select org_code, org_type, founded_on, dissolved_on from orgs
),

placements_src as (
    select org_code, person_key, year(placed_on) as year, channel from placements
),

-- logic: stations standing at D ----------------------------------------------------------------

stations_at_d as (
    select s.org_code, y.year, s.type
    from stations_src as s
    join years as y
        on s.opened_on <= y.as_of
       and (s.closed_on is null or s.closed_on > y.as_of)  -- closed on or before D: gone
),

stations_rolled as (
    select c.ancestor as org_no, s.year, s.type, count(*) as stations
    from stations_at_d as s
    join closure as c on c.descendant = s.org_code
    group by all
),

centre_runners as (
    select distinct org_code, year from stations_at_d
    where type in ('help_centre', 'service_centre')  -- the centres; stations and bases do not count
),

centre_orgs as (
    select
        o.org_code,
        y.year,
        o.org_type,
        r.org_code is not null as runs_centre
    from orgs_src as o
    cross join years as y
    left join centre_runners as r
        on r.org_code = o.org_code
       and r.year = y.year
    where o.org_type in ('federation', 'street_federation')
      and (o.founded_on is null or o.founded_on <= y.as_of)
      and (o.dissolved_on is null or o.dissolved_on > y.as_of)
),

centres_rolled as (
    select c.ancestor as org_no, o.year, o.org_type,
        count(*) as centre_orgs,
        count(*) filter (where o.runs_centre) as with_centre
    from centre_orgs as o
    join closure as c on c.descendant = o.org_code
    group by all
),

-- logic: placements in Y -----------------------------------------------------------------------

-- each person's placements per subtree, year and channel: the (ancestor, person) pairs, then
-- counted by channel and, once over the channels, in total (a count(distinct) under grouping sets
-- over the joined rows cost ~3x as much at scale 250)
placement_people as (
    select c.ancestor as org_no, p.year, p.channel, p.person_key, count(*) as placements
    from placements_src as p
    join years as y on y.year = p.year
    join closure as c on c.descendant = p.org_code
    group by all
),

placements_rolled as (
    select org_no, year, channel, 0 as is_total, sum(placements)::bigint as placements,
        count(person_key) as persons  -- a blank person key is no person
    from placement_people
    group by org_no, year, channel
    union all
    select org_no, year, null, 1, sum(placements)::bigint, count(distinct person_key)
    from placement_people
    group by org_no, year
),

-- final: one row per indicator key -------------------------------------------------------------

final as (
    select org_no, year, 'stations.count' as code, sum(stations)::bigint as numerator, null as denominator
    from stations_rolled group by org_no, year
    union all
    select org_no, year, 'stations.count:' || type, stations, null from stations_rolled
    union all
    select org_no, year, 'stations.centre_orgs', sum(centre_orgs)::bigint, null from centres_rolled group by org_no, year
    union all
    select org_no, year, 'stations.centre_orgs:' || org_type, centre_orgs, null from centres_rolled
    union all
    select org_no, year, 'stations.centre_orgs_with', sum(with_centre)::bigint, null from centres_rolled group by org_no, year
    union all
    select org_no, year, 'stations.centre_orgs_with:' || org_type, with_centre, null from centres_rolled
    union all
    select org_no, year, 'stations.coverage_rate', sum(with_centre)::bigint, sum(centre_orgs)::bigint from centres_rolled group by org_no, year
    union all
    select org_no, year, 'stations.coverage_rate:' || org_type, with_centre, centre_orgs from centres_rolled
    union all
    select org_no, year, 'employment.placements' || case when is_total = 1 then '' else ':' || channel end, placements, null
    from placements_rolled
    union all
    select org_no, year, 'employment.persons' || case when is_total = 1 then '' else ':' || channel end, persons, null
    from placements_rolled
)

select * from final
