-- Rules of the trainee register. Reads stg (persons resolved) and activities.
select _row_no, 'activity_no', activity_no, 'unknown_activity', null
from stg
where activity_no is not null
  and activity_no not in (select activity_no from activities)
union all
select _row_no, 'activity_no', activity_no, 'not_training', null
from stg
where activity_no in (select activity_no from activities where kind <> 'training')
union all
select _row_no, null, null, 'missing_person', '会员编号、身份证号、姓名|member_no, id_number, name'
from stg
where member_no__t is null
  and id_number__t is null
  and name__t is null
union all
select _row_no, 'member_no', member_no__t, 'unknown_member', null
from stg
where member_no__t is not null
  and _member_id is null
union all
select _row_no, 'id_number', id_number__t, 'person_mismatch', member_no__t
from stg
where id_number__t is not null
  and _member_id is not null
  and _member_id <> id_number
