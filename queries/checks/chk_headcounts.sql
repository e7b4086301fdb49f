-- Rules of the headcount register. Reads stg.
select _row_no, 'female_employees', female_employees__t, 'out_of_range', '女职工人数不能多于职工人数 ' || employees || '|cannot exceed employees (' || employees || ')'
from stg
where female_employees > employees
union all
select _row_no, 'migrant_employees', migrant_employees__t, 'out_of_range', '农民工人数不能多于职工人数 ' || employees || '|cannot exceed employees (' || employees || ')'
from stg
where migrant_employees > employees
