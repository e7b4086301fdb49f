-- Rules of the service-station register (服务站点). Reads stg.
select _row_no, 'closed_on', closed_on__t, 'date_order', '建成日期 ' || opened_on || '|the opening date ' || opened_on
from stg
where closed_on < opened_on
