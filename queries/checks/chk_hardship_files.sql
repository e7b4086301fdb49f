-- Rules of the hardship-file register. Reads stg.
-- (Who the row is about is resolved and checked in src/lib/ingest/stage.ts.)
select _row_no, 'exit_on', exit_on__t, 'date_order', '建档日期 ' || registered_on || '|the registration date ' || registered_on
from stg
where exit_on < registered_on
union all
select _row_no, 'household_size', household_size__t, 'out_of_range', '家庭人口至少为1|at least 1'
from stg
where household_size < 1
