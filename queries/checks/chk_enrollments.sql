-- Rules of the trainee register. Reads stg (persons resolved; the person checks are generated in src/lib/ingest/stage.ts) and activities.
select _row_no, 'activity_no', activity_no, 'unknown_activity', null
from stg
where activity_no is not null
  and activity_no not in (select activity_no from activities)
union all
select _row_no, 'activity_no', activity_no, 'not_training', null
from stg
where activity_no in (select activity_no from activities where kind <> 'training')
