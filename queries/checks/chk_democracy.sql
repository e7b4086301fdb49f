-- Rules of the democratic-management register (职代会/厂务公开, one row per unit and year). Reads stg.
select _row_no, 'year', year__t, 'out_of_range', '年度应在1949至2100之间|between 1949 and 2100'
from stg
where year not between 1949 and 2100
union all
select _row_no, 'sessions', sessions__t, 'out_of_range',
  '未建立职代会制度，召开次数应为0或空；如已建立请把“建立职代会制度”改为是|no congress system, so no sessions: set congress to yes or clear the count'
from stg
where sessions > 0
  and congress = false
