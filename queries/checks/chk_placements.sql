-- Rules of the job-placement register (就业帮扶). Reads stg and orgs.
-- (Who the row is about is resolved and checked in src/lib/ingest/stage.ts.)
select _row_no, 'org_code', org_code, 'unknown_org', null
from stg
where org_code is not null
  and org_code not in (select org_code from orgs)
