-- The warehouse's fixed tables: provenance, quarantine and the org closure.
-- The raw_*, clean and *_history tables of each record family are generated from the data contract
-- (src/lib/ingest/families.ts → src/lib/ingest/ddl.ts).

-- One row per ingest run.
create table if not exists ingest_batch (
  batch_id     integer primary key,
  started_at   timestamptz not null,
  finished_at  timestamptz,
  user_name    varchar not null,   -- OS user or the web account that uploaded
  host         varchar,
  source       varchar not null,   -- 'cli' | 'upload'
  files        integer not null,
  rows_read    bigint not null,
  loaded       bigint not null,
  quarantined  bigint not null,
  duplicates   bigint not null,
  superseded   bigint not null
);

-- One row per file offered to an ingest run, read or refused.
create table if not exists ingest_file (
  file_id          integer primary key,
  batch_id         integer not null,
  path             varchar not null,
  file_name        varchar not null,
  sha256           varchar not null,
  bytes            bigint not null,
  family           varchar,           -- null when refused before recognition
  format           varchar,           -- 'csv' | 'xlsx'
  encoding         varchar,           -- 'utf-8' | 'utf-8-bom' | 'gb18030'
  sheet            varchar,
  rows_read        bigint not null default 0,
  loaded           bigint not null default 0,
  quarantined      bigint not null default 0,
  duplicates       bigint not null default 0,
  superseded       bigint not null default 0,
  refused          varchar,           -- null, or why the whole file was refused
  unknown_columns  varchar[],         -- headers outside the contract: kept in the raw table, reported
  raw_table        varchar            -- raw_file_<file_id>: the file as read, its own headers, all text
);

-- Every rejected cell or row, with what the clerk must fix. A row may have several problems.
create table if not exists quarantine (
  batch_id     integer not null,
  file_id      integer not null,
  family       varchar not null,
  file_name    varchar not null,
  sheet        varchar,
  row_no       integer not null,      -- as Excel shows it: the header is row 1
  column_name  varchar,               -- canonical column name, null for whole-row problems
  column_zh    varchar,
  value        varchar,
  reason       varchar not null,      -- stable code, see src/lib/ingest/reasons.ts
  message_zh   varchar not null,
  message_en   varchar not null
);

-- What the reader decided and the clerk should know: where the header was, sheets not read (hidden
-- or not a register), merged cells filled down, the family taken from the headers, and one row per
-- skipped noise row (blank, sub-heading, 合计, footer). No cell values: nothing personal.
create table if not exists ingest_note (
  batch_id    integer not null,
  file_id     integer not null,
  sheet       varchar,
  row_no      integer,                -- null for notes about the whole file or sheet
  kind        varchar not null,       -- header_row | hidden_sheet | other_sheet | merged_cells | family_from_headers | blank | total | footer | header_repeat | subheading
  message_zh  varchar not null,
  message_en  varchar not null
);

-- Rows read but neither loaded, quarantined nor duplicates: noise rows (see ingest_note).
-- Added after the first warehouses were written, hence ALTER.
alter table ingest_file add column if not exists skipped bigint default 0;
alter table ingest_batch add column if not exists skipped bigint default 0;

-- Every (ancestor, descendant) pair of the org tree, including (org, org) at depth 0.
-- Rebuilt after each ingest; every subtree roll-up is a join on it.
create table if not exists org_closure (
  ancestor    varchar not null,
  descendant  varchar not null,
  depth       integer not null
);

-- One row per committed write. The spare file (src/lib/db/warehouse.ts) is brought level with the
-- live one by replaying the writes it missed: an ingest by its batch, a mart rebuild by copying the
-- mart; any other write ('opaque') makes the next writer copy the whole file instead.
create table if not exists warehouse_write (
  write_id      integer primary key,
  kind          varchar not null,     -- 'ingest' | 'mart' | 'opaque'
  batch_id      integer,              -- the ingest batch it recorded
  committed_at  timestamptz not null
);

-- What each write changed in the indicator mart (src/lib/indicators/mart.ts): the whole of it, or
-- the cells of these org numbers × years × keys, recomputed.
create table if not exists mart_change (
  write_id      integer not null,
  full_rebuild  boolean not null,
  years         integer[],
  org_nos       integer[],
  key_nos       smallint[]
);
