// Person keys as a masked session sees them: a keyed hash computed at ingest time, outside the
// sandbox, with a secret the sandbox cannot reach.
//
// person_key is the clear ID number (or N:name) so the marts can join on it. A masked auditor still
// needs to join and count people, so the masked views show instead a pseudonym, 'P:' + 16 hex digits
// of sha256(secret ‖ person_key), read from the table person_refs. The secret lives in a file beside
// the warehouse (`<db>.pseudonym-key`, mode 0600), created on the first ingest; the sandbox never
// sees it (no macro, no table, no setting holds it), so no SQL can compute the pseudonym of a
// candidate ID — the oracle of issue #12. The warehouse keeps only a fingerprint of the secret: if the
// key file is lost or replaced, the next ingest notices and recomputes every pseudonym from the clear
// keys (earlier masked exports then no longer match new ones; nothing is counted wrong).
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Db } from '../db/duckdb.ts';
import { FAMILIES, FAMILY_ORDER } from '../ingest/families.ts';

export const PERSON_REFS = 'person_refs';
export const PERSON_REFS_KEY = 'person_refs_key';
/** Tables a masked session never sees (not even their names in a view). */
export const PERSON_REFS_TABLES = [PERSON_REFS, PERSON_REFS_KEY];

export function keyPath(dbPath: string): string {
  return `${resolve(dbPath)}.pseudonym-key`;
}

/** The pseudonym secret of a warehouse: read from its key file, or created (random, 0600) on first use. */
export function pseudonymKey(dbPath: string): string {
  const path = keyPath(dbPath);
  try {
    const key = readFileSync(path, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(key)) return key;
    throw new Error(`${path}: 内容不是64位十六进制密钥 / not a 64-hex-digit key; delete it to have a new one made (pseudonyms are then recomputed)`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const key = randomBytes(32).toString('hex');
  try {
    writeFileSync(path, key + '\n', { flag: 'wx', mode: 0o600 });
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return pseudonymKey(dbPath); // another writer made it first
    throw e;
  }
}

/** Tables whose rows carry a person_key: the families that derive one, and their histories. */
export function personKeyTables(): string[] {
  return FAMILY_ORDER.filter((f) => FAMILIES[f].derived?.some((c) => c.name === 'person_key')).flatMap((f) => [f, `${f}_history`]);
}

const fingerprint = (key: string) => createHash('sha256').update(`union-analytics pseudonym key fingerprint\n${key}`).digest('hex');

/**
 * Brings person_refs up to date inside a write (an ingest): a pseudonym for every clear person key
 * of every table (M:member_no keys are not personal and get none), reading only the rows of `batch`
 * when given. All of them are recomputed when the key changed. Returns how many were added.
 */
export async function refreshPersonRefs(db: Db, key: string, batch?: number): Promise<{ added: number; recomputed: boolean }> {
  // (The key is unique: the masked views left-join this table, and a duplicate would repeat rows.)
  await db.run(`create table if not exists ${PERSON_REFS} (person_key varchar primary key, ref varchar not null);
    create table if not exists ${PERSON_REFS_KEY} (fingerprint varchar not null);`);
  const fp = fingerprint(key);
  const stored = await db.value(`select max(fingerprint) from ${PERSON_REFS_KEY}`);
  const recomputed = stored !== null && stored !== fp;
  if (stored !== fp) {
    await db.run(`delete from ${PERSON_REFS}; delete from ${PERSON_REFS_KEY}; insert into ${PERSON_REFS_KEY} values ($fp)`, { fp });
  }
  const tables = personKeyTables();
  const before = Number(await db.value(`select count(*) from ${PERSON_REFS}`));
  // the keys first, then the insert: one insert over the union of every person table with ON
  // CONFLICT took 3 s at 15M members for a 10-row batch (the same keys from a temp table: 0.2 s)
  await db.run(
    `create or replace temp table _person_keys as select distinct person_key
    from (${tables
      // after an ingest only its batch's clean rows can bring new keys (the rest have theirs): a
      // 10-row upload need not read every person table (seconds at 15M members)
      .filter((t) => batch === undefined || stored !== fp || !t.endsWith('_history'))
      .map((t) => `select person_key from ${t}${batch !== undefined && stored === fp ? ` where _batch_id = ${Number(batch)}` : ''}`)
      .join(' union all ')})
    where person_key is not null
      and not starts_with(person_key, 'M:')`,
  );
  // a small upload's few keys are usually all there already: looked up by a literal list (the
  // stored keys' zone maps prune the scan: 3-5 ms at 15M against ~20 ms for the insert's index
  // probes), and the table is not written at all when none is new
  const few = (await db.all<{ k: string }>('select person_key as k from _person_keys limit 101')).map((r) => r.k);
  const lit = (keys: string[]) => keys.map((k) => `'${k.replace(/'/g, "''")}'`).join(', ');
  let fresh: string[] | null = null;
  if (few.length <= 100) {
    const found = new Set(few.length
      ? (await db.all<{ k: string }>(`select person_key as k from ${PERSON_REFS} where person_key in (${lit(few)})`)).map((r) => r.k)
      : []);
    fresh = few.filter((k) => !found.has(k));
  }
  if (fresh === null || fresh.length) {
    await db.run(
      `insert into ${PERSON_REFS}
      select person_key, 'P:' || left(sha256($k || person_key), 16) from _person_keys
      ${fresh ? `where person_key in (${lit(fresh)})` : ''}
      on conflict do nothing  -- keys already there: found by the key's index (an anti-join read every row)`,
      { k: key },
    );
  }
  await db.run('drop table _person_keys');
  return { added: Number(await db.value(`select count(*) from ${PERSON_REFS}`)) - before, recomputed };
}
