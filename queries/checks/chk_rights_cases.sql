-- Rules of the rights-case register (维权案件). Reads stg.
select _row_no, 'closed_on', closed_on__t, 'date_order', '受理日期 ' || received_on || '|the received date ' || received_on
from stg
where closed_on < received_on
union all
-- a closed case says how it ended ...
select _row_no, 'outcome', null, 'required', null
from stg
where closed_on__t is not null
  and outcome__t is null
union all
-- ... and an outcome or recovered wages mean the case is closed
select _row_no, 'closed_on', null, 'required', null
from stg
where closed_on__t is null
  and (outcome__t is not null or wages_recovered__t is not null)
union all
select _row_no, 'outcome', outcome__t, 'out_of_range',
  '调解成功/调解不成只适用于“劳动争议调解”类案件|mediated / not mediated apply to mediation cases only'
from stg
where outcome in ('mediated', 'not_mediated')
  and kind <> 'mediation'
union all
select _row_no, 'workers_involved', workers_involved__t, 'out_of_range', '涉及职工人数至少为1|at least 1'
from stg
where workers_involved < 1
