// What staff wrote in the work summary (开头, 典型事例, 存在的问题, 下一步工作打算, 落款, 成文日期), per
// org and year, in the sidecar SQLite next to the warehouse (through src/lib/auth/store.ts, the one
// node:sqlite importer). Every save is a new row, never an update: the full history stays, with
// author and time, and triggers refuse UPDATE and DELETE. The current text of a part is its latest
// row; an empty body means "back to the generated draft".
import { existsSync } from 'node:fs';
import { openStore, sidecarPath, type Store } from '../auth/store.ts';

const SCHEMA = [
  `create table if not exists narrative_edits (
    id        integer primary key autoincrement,
    org_code  text not null,
    year      integer not null,
    field     text not null,      -- opening | problems | plans | signature | date | example:<section key>
    body      text not null,      -- '' = use the generated draft again
    author    text not null,
    at        text not null       -- ISO 8601 UTC
  )`,
  'create index if not exists narrative_edits_key on narrative_edits(org_code, year, field, id)',
  `create trigger if not exists narrative_edits_no_update before update on narrative_edits
    begin select raise(abort, 'narrative_edits keeps every version: rows cannot be changed'); end`,
  `create trigger if not exists narrative_edits_no_delete before delete on narrative_edits
    begin select raise(abort, 'narrative_edits keeps every version: rows cannot be deleted'); end`,
];

const ready = new WeakSet<Store>();
function prepared(store: Store): Store {
  if (!ready.has(store)) {
    for (const s of SCHEMA) store.run(s);
    ready.add(store);
  }
  return store;
}

export const FIELD_PATTERN = /^(opening|problems|plans|signature|date|example:[a-z_]{1,40})$/;
/** Longest text a part may hold (a few pages of prose). */
export const MAX_BODY = 20_000;

export interface Edit {
  id: number;
  org_code: string;
  year: number;
  field: string;
  body: string;
  author: string;
  at: string;
}

/** The current text per part (only parts ever edited) and the revision (latest edit id, 0 = none). */
export interface Current {
  revision: number;
  fields: Record<string, string>;
}

export function currentNarrative(store: Store, org: string, year: number): Current {
  const rows = prepared(store).all<{ field: string; body: string; id: number }>(
    `select field, body, id from narrative_edits e
      where org_code = ? and year = ? and id = (select max(id) from narrative_edits x where x.org_code = e.org_code and x.year = e.year and x.field = e.field)`,
    org,
    year,
  );
  const fields: Record<string, string> = {};
  let revision = 0;
  for (const r of rows) {
    fields[r.field] = r.body;
    revision = Math.max(revision, Number(r.id));
  }
  return { revision, fields };
}

/** Every version of every part, newest first. */
export function narrativeHistory(store: Store, org: string, year: number): Edit[] {
  return prepared(store).all<Edit>('select * from narrative_edits where org_code = ? and year = ? order by id desc', org, year);
}

/**
 * Saves the parts whose text differs from the current one (one row each, in one transaction);
 * returns how many were saved. Throws on an unknown part or an oversize text.
 */
export function saveNarrative(store: Store, org: string, year: number, author: string, parts: Record<string, string>, now = new Date()): number {
  const s = prepared(store);
  for (const [field, body] of Object.entries(parts)) {
    if (!FIELD_PATTERN.test(field)) throw new Error(`未知的部分 ${field} / unknown part ${field}`);
    if (body.length > MAX_BODY) throw new Error(`${field} 超过 ${MAX_BODY} 字 / ${field} is longer than ${MAX_BODY} characters`);
  }
  return s.tx(() => {
    const cur = currentNarrative(s, org, year).fields;
    let n = 0;
    for (const [field, raw] of Object.entries(parts)) {
      const body = raw.replace(/\r\n/g, '\n').trim();
      if ((cur[field] ?? '') === body) continue;
      s.run('insert into narrative_edits (org_code, year, field, body, author, at) values (?, ?, ?, ?, ?, ?)', org, year, field, body, author, now.toISOString());
      n++;
    }
    return n;
  });
}

/** The store of a warehouse for reading narratives, or null when no sidecar exists yet (CLI). */
export function narrativeStoreIfAny(dbPath: string): Store | null {
  return existsSync(sidecarPath(dbPath)) ? openStore(dbPath) : null;
}
