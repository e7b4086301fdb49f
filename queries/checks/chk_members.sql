-- Rules of the member register. Reads stg.
-- (the messages do not say what the ID holds: a masked reader would learn the digits the mask hides)
select _row_no, 'gender', gender__t, 'gender_mismatch', null
from stg
where gender__t is not null
  and id_number__problem is null  -- a bad ID is reported by itself
  and gender <> ua_id_gender(id_number)
union all
select _row_no, 'birth_date', birth_date__t, 'birth_mismatch', null
from stg
where birth_date__t is not null
  and id_number__problem is null
  and birth_date <> ua_id_birth_of(id_number__digits)
union all
select _row_no, 'leave_date', leave_date__t, 'date_order', '入会日期 ' || join_date || '|the join date ' || join_date
from stg
where leave_date < join_date
