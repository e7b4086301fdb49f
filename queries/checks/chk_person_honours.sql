-- Rules of the model-worker and medal register (劳模). Reads stg.
-- (Who the row is about is resolved and checked in src/lib/ingest/stage.ts.)
select _row_no, 'revoked_on', revoked_on__t, 'date_order', '授予日期 ' || awarded_on || '|the award date ' || awarded_on
from stg
where revoked_on < awarded_on
