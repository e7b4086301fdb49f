-- definition: rights protection (权益维护) of each org's whole subtree, as in shared/indicators-2.md.
--   Cases (rights_cases of the subtree's orgs): cases[:channel|:kind] received in Y; person_times
--   [:channel|:kind] = their workers_involved (blank = 1); letters_visits = person_times:letter_visit;
--   cases_handled = those received in Y and closed by D, handling_rate = cases_handled / cases;
--   legal_aid_cases = cases:legal_aid; legal_aid_persons = workers_involved of the legal-aid cases
--   received in Y (a worker counts once per case); disputes_mediated = mediation cases closed in Y
--   with outcome mediated, mediations_closed = mediation cases closed in Y, mediation_success_rate =
--   their ratio; wages_recovered[:kind] = wages_recovered of the cases closed in Y.
--   Inspections (supervision.*[:kind], inspections in Y, counted at the inspected unit's
--   area_org_code whatever org inspected): units_inspected = distinct units; units_with_issues =
--   units with an inspection in Y that found an issue; units_rectified = of those, units with such an
--   inspection rectified on or before D (one rectified inspection is enough); rectification_rate =
--   units_rectified / units_with_issues. A unit has one area, so distinct units add up over a subtree.
-- unit: 件 (cases), 人次 (workers received), 人 (legal-aid workers), 元 (wages, exact DECIMAL), 家 (units)
-- grain: one row per org per year per indicator code (rows that would be zero may be missing; the
--   mart fills them)
-- source: rights_cases, inspections, units, _org_rollup (org_numbers.sql), _mart_years (indicator_years)
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

cases_src as (
    select org_code, received_on, closed_on, channel, kind, outcome,
        coalesce(workers_involved, 1) as workers,  -- blank = one worker
        wages_recovered
    from rights_cases
),

inspections_src as (
    select unit_code, kind, inspected_on, issue_found, rectified_on from inspections
),

units_src as (
    select unit_code, area_org_code from units
),

-- logic: cases received in Y -------------------------------------------------------------------

received as (
    select
        c.org_code,
        y.year,
        c.channel,
        c.kind,
        count(*) as cases,
        sum(c.workers)::bigint as person_times,
        count(*) filter (where c.closed_on <= y.as_of) as handled
    from cases_src as c
    join years as y on year(c.received_on) = y.year
    group by all
),

received_rolled as (
    select cl.ancestor as org_no, r.year, r.channel, r.kind,
        sum(r.cases)::bigint as cases,
        sum(r.person_times)::bigint as person_times,
        sum(r.handled)::bigint as handled
    from received as r
    join closure as cl on cl.descendant = r.org_code
    group by all
),

-- logic: cases closed in Y ---------------------------------------------------------------------

closed as (
    select
        c.org_code,
        y.year,
        c.kind,
        count(*) filter (where c.kind = 'mediation') as mediations_closed,
        count(*) filter (where c.kind = 'mediation' and c.outcome = 'mediated') as mediated,
        coalesce(sum(c.wages_recovered), 0) as wages_recovered
    from cases_src as c
    join years as y on year(c.closed_on) = y.year
    group by all
),

closed_rolled as (
    select cl.ancestor as org_no, c.year, c.kind,
        sum(c.mediations_closed)::bigint as mediations_closed,
        sum(c.mediated)::bigint as mediated,
        sum(c.wages_recovered) as wages_recovered
    from closed as c
    join closure as cl on cl.descendant = c.org_code
    group by all
),

-- logic: inspections in Y, per unit ------------------------------------------------------------

unit_kinds as (
    select
        u.area_org_code as org_code,
        y.year,
        i.unit_code,
        i.kind,
        bool_or(i.issue_found) as with_issue,
        bool_or(i.issue_found and i.rectified_on <= y.as_of) as rectified
    from inspections_src as i
    join years as y on year(i.inspected_on) = y.year
    join units_src as u on u.unit_code = i.unit_code  -- the check refuses unknown units
    group by all
),

-- per kind, and once per unit over all kinds (a unit inspected for two kinds counts once in the total)
units_by_area as (
    select org_code, year, kind,
        count(*) as inspected,
        count(*) filter (where with_issue) as with_issues,
        count(*) filter (where rectified) as rectified
    from unit_kinds
    group by all
    union all
    select org_code, year, null,
        count(*),
        count(*) filter (where with_issue),
        count(*) filter (where rectified)
    from (
        select org_code, year, unit_code, bool_or(with_issue) as with_issue, bool_or(rectified) as rectified
        from unit_kinds
        group by all
    )
    group by all
),

units_rolled as (
    select cl.ancestor as org_no, u.year, u.kind,
        sum(u.inspected)::bigint as inspected,
        sum(u.with_issues)::bigint as with_issues,
        sum(u.rectified)::bigint as rectified
    from units_by_area as u
    join closure as cl on cl.descendant = u.org_code
    group by all
),

-- final: one row per indicator key -------------------------------------------------------------

final as (
    select org_no, year, 'rights.cases' as code, sum(cases)::bigint as numerator, null as denominator
    from received_rolled group by org_no, year
    union all
    select org_no, year, 'rights.cases:' || channel, sum(cases)::bigint, null from received_rolled group by all
    union all
    select org_no, year, 'rights.cases:' || kind, sum(cases)::bigint, null from received_rolled group by all
    union all
    select org_no, year, 'rights.person_times', sum(person_times)::bigint, null from received_rolled group by org_no, year
    union all
    select org_no, year, 'rights.person_times:' || channel, sum(person_times)::bigint, null from received_rolled group by all
    union all
    select org_no, year, 'rights.person_times:' || kind, sum(person_times)::bigint, null from received_rolled group by all
    union all
    select org_no, year, 'rights.letters_visits', sum(person_times)::bigint, null
    from received_rolled where channel = 'letter_visit' group by org_no, year
    union all
    select org_no, year, 'rights.cases_handled', sum(handled)::bigint, null from received_rolled group by org_no, year
    union all
    select org_no, year, 'rights.handling_rate', sum(handled)::bigint, sum(cases)::bigint from received_rolled group by org_no, year
    union all
    select org_no, year, 'rights.legal_aid_cases', sum(cases)::bigint, null
    from received_rolled where kind = 'legal_aid' group by org_no, year
    union all
    select org_no, year, 'rights.legal_aid_persons', sum(person_times)::bigint, null
    from received_rolled where kind = 'legal_aid' group by org_no, year
    union all
    select org_no, year, 'rights.disputes_mediated', sum(mediated)::bigint, null from closed_rolled group by org_no, year
    union all
    select org_no, year, 'rights.mediations_closed', sum(mediations_closed)::bigint, null from closed_rolled group by org_no, year
    union all
    select org_no, year, 'rights.mediation_success_rate', sum(mediated)::bigint, sum(mediations_closed)::bigint
    from closed_rolled group by org_no, year
    union all
    select org_no, year, 'rights.wages_recovered', sum(wages_recovered), null from closed_rolled group by org_no, year
    union all
    select org_no, year, 'rights.wages_recovered:' || kind, wages_recovered, null from closed_rolled
    union all
    select org_no, year, 'supervision.' || m.measure || coalesce(':' || u.kind, ''),
        case m.measure when 'units_inspected' then u.inspected when 'units_with_issues' then u.with_issues else u.rectified end,
        null
    from units_rolled as u
    cross join (values ('units_inspected'), ('units_with_issues'), ('units_rectified')) as m(measure)
    union all
    select org_no, year, 'supervision.rectification_rate' || coalesce(':' || kind, ''), rectified, with_issues from units_rolled
)

select * from final
