-- Rules of the model-worker and medal register (劳模). Reads stg and orgs.
-- (Who the row is about is resolved and checked in src/lib/ingest/stage.ts.)
select _row_no, 'org_code', org_code, 'unknown_org', null
from stg
where org_code is not null
  and org_code not in (select org_code from orgs)
union all
select _row_no, 'revoked_on', revoked_on__t, 'date_order', '授予日期 ' || awarded_on || '|the award date ' || awarded_on
from stg
where revoked_on < awarded_on
