-- Rules of the labour-law inspection register (劳动法律监督). Reads stg.
select _row_no, 'rectified_on', rectified_on__t, 'date_order', '检查日期 ' || inspected_on || '|the inspection date ' || inspected_on
from stg
where rectified_on < inspected_on
union all
select _row_no, 'rectified_on', rectified_on__t, 'out_of_range',
  '“发现问题”为否，不应有整改日期；如发现了问题请把“发现问题”改为是|no issue was found, so nothing was rectified: set issue_found to yes or clear the date'
from stg
where rectified_on__t is not null
  and issue_found = false
