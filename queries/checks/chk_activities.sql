-- Rules of the activity register. Reads stg and orgs.
select _row_no, 'org_code', org_code, 'unknown_org', null
from stg
where org_code is not null
  and org_code not in (select org_code from orgs)
union all
select _row_no, 'end_date', end_date__t, 'date_order', '开始日期 ' || start_date || '|the start date ' || start_date
from stg
where end_date < start_date
