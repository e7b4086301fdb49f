-- Rules of the union-funds register (工会经费, one row per unit and period). Reads stg and dues.
select _row_no, 'period_end', period_end__t, 'date_order', '所属期起 ' || period_start || '|the period start ' || period_start
from stg
where period_end < period_start
union all
-- a period belongs to one year's funds
select _row_no, 'period_end', period_end__t, 'out_of_range',
  '所属期起止须在同一年度内（起 ' || period_start || '），跨年请分两行填写|the period must lie within one calendar year (starts ' || period_start || '); split it in two rows'
from stg
where period_end >= period_start
  and year(period_end) <> year(period_start)
union all
select _row_no, 'paid_on', null, 'required', null
from stg
where paid > 0
  and paid_on__t is null
union all
-- Periods of one unit may not overlap. A row with the same start is the same period (a re-issue
-- supersedes it), so only periods that start on another day conflict: stored ones ...
select s._row_no, 'period_start', s.period_start__t, 'period_overlap',
  d.period_start || ' 至 ' || d.period_end || '|' || d.period_start || ' to ' || d.period_end
from stg s
join dues d
  on d.unit_code = s.unit_code
 and d.period_start <> s.period_start
 and d.period_start <= s.period_end
 and s.period_start <= d.period_end
where s.period_end >= s.period_start
union all
-- ... and the other rows of this file
select s._row_no, 'period_start', s.period_start__t, 'period_overlap',
  o.period_start || ' 至 ' || o.period_end || '（第' || o._row_no || '行）|' || o.period_start || ' to ' || o.period_end || ' (row ' || o._row_no || ')'
from stg s
join stg o
  on o.unit_code = s.unit_code
 and o.period_start <> s.period_start
 and o.period_start <= s.period_end
 and s.period_start <= o.period_end
where s.period_end >= s.period_start
  and o.period_end >= o.period_start
