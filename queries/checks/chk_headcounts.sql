-- Rules of the headcount register. Reads stg and units.
select _row_no, 'unit_code', unit_code, 'unknown_unit', null
from stg
where unit_code is not null
  and unit_code not in (select unit_code from units)
union all
select _row_no, 'female_employees', female_employees__t, 'out_of_range', '女职工人数不能多于职工人数 ' || employees || '|cannot exceed employees (' || employees || ')'
from stg
where female_employees > employees
union all
select _row_no, 'migrant_employees', migrant_employees__t, 'out_of_range', '农民工人数不能多于职工人数 ' || employees || '|cannot exceed employees (' || employees || ')'
from stg
where migrant_employees > employees
