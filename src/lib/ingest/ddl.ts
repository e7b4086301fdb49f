// DDL of the per-family tables, generated from the data contract so that it cannot drift from it.
// (The raw layer is one table per ingested file, raw_file_<file_id>, made by load-raw.ts.)
//   <family>          the current version of each natural key, typed, with provenance
//   <family>_history  superseded versions, with the batch that replaced them
import { FAMILIES, FAMILY_ORDER, SQL_TYPES, cleanColumns, type Family } from './families.ts';

function cleanDefs(f: Family): string {
  return cleanColumns(f)
    .map((c) => `  ${c.name} ${SQL_TYPES[c.type]}`)
    .concat(['  _batch_id integer not null', '  _file_id integer not null', '  _row_no integer not null', '  _hash varchar not null'])
    .join(',\n');
}

export function cleanTableDdl(): string {
  return FAMILY_ORDER.map((name) => {
    const f = FAMILIES[name];
    return [
      `create table if not exists ${name} (\n${cleanDefs(f)}\n);`,
      `create table if not exists ${name}_history (\n${cleanDefs(f)},\n  _superseded_by_batch integer not null\n);`,
      ...addedColumns(f),
    ].join('\n');
  }).join('\n');
}

/**
 * A warehouse made before a column was added to its family gets it (null for the rows stored then).
 * It lands after the provenance columns there, so rows are always written by name (apply.ts).
 */
function addedColumns(f: Family): string[] {
  return f.columns
    .filter((c) => c.added)
    .flatMap((c) => [f.name, `${f.name}_history`].map((t) => `alter table ${t} add column if not exists ${c.name} ${SQL_TYPES[c.type]};`));
}
