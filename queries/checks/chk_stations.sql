-- Rules of the service-station register (服务站点). Reads stg, orgs and units.
select _row_no, 'org_code', org_code, 'unknown_org', null
from stg
where org_code is not null
  and org_code not in (select org_code from orgs)
union all
select _row_no, 'unit_code', unit_code, 'unknown_unit', null
from stg
where unit_code is not null
  and unit_code__problem is null  -- a malformed code is reported by itself
  and unit_code not in (select unit_code from units)
union all
select _row_no, 'closed_on', closed_on__t, 'date_order', '建成日期 ' || opened_on || '|the opening date ' || opened_on
from stg
where closed_on < opened_on
