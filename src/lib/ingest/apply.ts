// Applying one staged file: problems → quarantine, then every good row is new (loaded), an exact
// duplicate (counted, not stored again), or a corrected re-issue of a stored key (the stored version
// moves to <family>_history with the batch that replaced it, the new one is loaded).
// Rows of one key that disagree within the same file are all quarantined: we cannot tell which is right.
import type { Db } from '../db/duckdb.ts';
import { cleanColumns, personalKind, type Family } from './families.ts';
import { REASONS } from './reasons.ts';

export interface Applied {
  loaded: number;
  quarantined: number;
  duplicates: number;
  superseded: number;
}

export interface FileContext {
  batchId: number;
  fileId: number;
  fileName: string;
  sheet: string | null;
}

/** The reason texts and column names as temp tables, so messages are built set-wise in SQL. */
export async function loadMessageTables(db: Db, families: Family[]): Promise<void> {
  const reasons = Object.entries(REASONS)
    .map(([code, r]) => `(${lit(code)}, ${lit(r.zh)}, ${lit(r.en)})`)
    .join(',\n');
  const cols = families
    .flatMap((f) => f.columns.map((c) => `(${lit(f.name)}, ${lit(c.name)}, ${lit(c.zh)}, ${personalKind(c) ? 'true' : 'false'})`))
    .join(',\n');
  await db.run(`create or replace temp table ua_reason(code varchar, zh varchar, en varchar);
    insert into ua_reason values ${reasons};
    create or replace temp table ua_column(family varchar, name varchar, zh varchar, personal boolean);
    insert into ua_column values ${cols};`);
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function apply(db: Db, f: Family, ctx: FileContext): Promise<Applied> {
  const key = f.key.join(', ');
  const params = { batch: ctx.batchId, file: ctx.fileId, family: f.name, file_name: ctx.fileName, sheet: ctx.sheet };

  // Keys given more than once among the rows that passed every check (usually none: keep it cheap).
  await db.run(`create or replace temp view ok as select * from stg anti join problems using (_row_no)`);
  // (Counting alone keeps the aggregate over millions of keys small; contents are compared after.)
  await db.run(`create or replace temp table repeated as
    select ${key}
    from ok
    group by ${key}
    having count(*) > 1`);
  // ... with different content: quarantine every such row, we cannot tell which one is right.
  await db.run(`insert into problems
    with rows_of as (
      select ${key}, string_agg(_row_no::varchar, '、' order by _row_no) as rows_list
      from ok semi join repeated using (${key})
      group by ${key}
      having min(_hash) <> max(_hash)
    )
    select s._row_no, ${f.key.length === 1 ? `'${f.key[0]}'` : 'null'}, concat_ws(' / ', ${f.key.map((k) => `s.${k}`).join(', ')}), 'conflicting_rows', c.rows_list
    from ok s
    join rows_of c using (${key})`);
  // ... with the same content: the first row counts, the later ones are duplicates.
  await db.run(`create or replace temp table repeats as
    select _row_no from ok semi join repeated using (${key})
    qualify row_number() over (partition by ${key} order by _row_no) > 1`);
  await db.run(`create or replace temp view good as select * from ok anti join repeats using (_row_no)`);

  await db.run(
    `insert into quarantine
    select $batch, $file, $family, $file_name, $sheet, p._row_no, p.column_name, c.zh, p.value, p.reason,
      ${message('zh', keyIsPersonal(f))}, ${message('en', keyIsPersonal(f))}
    from problems p
    join ua_reason r on r.code = p.reason
    left join ua_column c on c.family = $family and c.name = p.column_name
    order by p._row_no`,
    params,
  );

  // Against what is stored: the same content is a duplicate, other content a corrected re-issue.
  const [counts] = await db.all<{ repeats: number; same: number; changed: number }>(`
    select
      (select count(*) from repeats) as repeats,
      count(*) filter (where t._hash = g._hash) as same,
      count(*) filter (where t._hash <> g._hash) as changed
    from good g join ${f.name} t using (${key})`);
  const c = counts!;

  const cols = cleanColumns(f).map((c) => c.name);
  if (c.changed > 0) {
    const on = f.key.map((k) => `t.${k} = c.${k}`).join(' and ');
    await db.run(`create or replace temp table changed as
      select ${key} from good g join ${f.name} t using (${key}) where t._hash <> g._hash`);
    await db.run(`insert into ${f.name}_history by name select t.*, $batch as _superseded_by_batch from ${f.name} t semi join changed c using (${key})`, {
      batch: ctx.batchId,
    });
    await db.run(`delete from ${f.name} t using changed c where ${on}`);
  }
  // the stored keys among the file's first (a semi-join, filtered in the scan): an anti-join against
  // the whole table built a hash table of its keys, 2M payments for a 10-row file
  await db.run(
    `insert into ${f.name} (${cols.join(', ')}, _batch_id, _file_id, _row_no, _hash)
    select ${cols.join(', ')}, $batch, $file, _row_no, _hash
    from good anti join (select ${key} from ${f.name} semi join good using (${key})) u using (${key})`,
    { batch: ctx.batchId, file: ctx.fileId },
  );

  const quarantined = Number(await db.value('select count(distinct _row_no) from problems'));
  const good = Number(await db.value('select count(*) from good'));
  return {
    loaded: good - c.same,
    quarantined,
    duplicates: c.repeats + c.same,
    superseded: c.changed,
  };
}

/** True when a family's key names a person (enrollments: activity and person): its value is personal. */
function keyIsPersonal(f: Family): boolean {
  return f.key.some((k) => k === 'person_key' || cleanColumns(f).some((c) => c.name === k && personalKind(c)));
}

// A message never quotes a personal value (ID number, phone, name, birth date): masked readers would
// otherwise find in the message what the mask hides, and the row number and column say which cell.
// The templates quote values as “{value}” (zh) and "{value}" (en): those words are dropped.
const unquoted = (t: string) => `replace(replace(${t}, '“{value}”', ''), ' "{value}"', '')`;

function message(lang: 'zh' | 'en', personalKey: boolean): string {
  const col = lang === 'zh' ? `coalesce(c.zh, p.column_name, '')` : `coalesce(p.column_name, '')`;
  // details are 'zh|en'; one without an English half shows whole rather than as an empty list
  const detail = `coalesce(nullif(split_part(p.detail, '|', ${lang === 'zh' ? 1 : 2}), ''), p.detail, '')`;
  const template = `case when coalesce(c.personal, false) then ${unquoted(`r.${lang}`)} else r.${lang} end`;
  // conflicting_rows carries the row list in detail and names the key in {detail}
  const conflict = personalKey ? unquoted(`r.${lang}`) : `r.${lang}`;
  return `case when p.reason = 'conflicting_rows'
      then replace(replace(replace(${conflict}, '{detail}', ${lang === 'zh' ? "coalesce(c.zh, '编号')" : "coalesce(p.column_name, 'key')"}), '{value}', coalesce(p.value, '')), '{rows}', p.detail)
      else replace(replace(replace(${template}, '{col}', ${col}), '{value}', coalesce(p.value, '')), '{detail}', ${detail})
    end`;
}
