-- Rules of the activity register. Reads stg. (References to orgs and units are checked for every
-- family alike from the contract: a column's `references`, src/lib/ingest/stage.ts.)
select _row_no, 'end_date', end_date__t, 'date_order', '开始日期 ' || start_date || '|the start date ' || start_date
from stg
where end_date < start_date
