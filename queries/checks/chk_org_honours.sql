-- Rules of the workers' home register (职工之家). Reads stg and orgs.
select _row_no, 'org_code', org_code, 'unknown_org', null
from stg
where org_code is not null
  and org_code not in (select org_code from orgs)
union all
select _row_no, 'revoked_on', revoked_on__t, 'date_order', '命名日期 ' || awarded_on || '|the award date ' || awarded_on
from stg
where revoked_on < awarded_on
