-- Rules of the trainee register. Reads stg and activities.
-- (Who the row is about is resolved and checked in src/lib/ingest/stage.ts.)
select _row_no, 'activity_no', activity_no, 'unknown_activity', null
from stg
where activity_no is not null
  -- only the stored values this file names: a NOT IN over the whole table built a hash table of it
  and activity_no not in (select activity_no from activities where activity_no in (select activity_no from stg))
union all
select _row_no, 'activity_no', activity_no, 'not_training', null
from stg
where activity_no in (select activity_no from activities where kind <> 'training')
