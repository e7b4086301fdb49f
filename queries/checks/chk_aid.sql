-- Rules of the aid-payment register. Reads stg and hardship_files.
-- (Who the row is about is resolved and checked in src/lib/ingest/stage.ts.)
select _row_no, 'file_no', file_no, 'unknown_file', null
from stg
where file_no is not null
  -- only the stored values this file names: a NOT IN over the whole table built a hash table of it
  and file_no not in (select file_no from hardship_files where file_no in (select file_no from stg))
