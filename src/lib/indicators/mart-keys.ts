// The mart's keys: every dictionary key with what the readers need, the counts not stored because a
// rate beside them holds them (RATE_PARTS), and the table indicator_keys that numbers them
// (key_no, how indicator_cells stores a key). An upload compares the stored keys with these
// (keySignature, mart-update.ts): a mart built under another dictionary or other rules is rebuilt.
import type { Db } from '../db/duckdb.ts';
import { allKeys, resolve, type Kind } from './dictionary.ts';

/** Every dictionary key with what the mart and its readers need; breakdowns share their code's. */
export function martKeys(): { key: string; kind: Kind; family: string; unit: string; zh: string; en: string }[] {
  return allKeys().map((key) => {
    const r = resolve(key)!;
    return { key, kind: r.indicator.kind, family: r.indicator.family, unit: r.indicator.unit, zh: r.zh, en: r.en };
  });
}

/**
 * Counts the mart does not store: each is the numerator or the denominator of a rate stored beside
 * it, with the same breakdown (`coverage.units_should:private` = the denominator of
 * `coverage.unionisation_rate:private`), computed by the same family query from the same rows. A
 * rate's cell exists exactly when either part is non-zero, so a part's cell is the rate's part where
 * that is non-zero: the view indicator_values (and the child tables, read.ts) show them from the
 * rate's cell. Not storing them drops ~40% of the cells (the ownership × industry breakdowns of
 * organisation.sql are most of the mart) and as much of the rebuild's write. A family query does not
 * emit a part (indicator_cells.sql would drop it); test/indicators/rate-parts.test.ts holds each rule
 * to the family's own figures. Not relief's: its update by difference (mart-delta.ts) reads the
 * stored cells of its keys.
 */
export const RATE_PARTS: { rate: string; numerator?: string; denominator?: string }[] = [
  { rate: 'coverage.unionisation_rate', numerator: 'coverage.units_unionised', denominator: 'coverage.units_should' },
  { rate: 'coverage.membership_rate', numerator: 'coverage.members', denominator: 'coverage.employees' },
  { rate: 'coverage.migrant_membership_rate', numerator: 'coverage.migrant_members', denominator: 'coverage.migrant_employees' },
  { rate: 'coverage.female_membership_rate', numerator: 'coverage.female_members', denominator: 'coverage.female_employees' },
  { rate: 'contracts.signing_rate', numerator: 'contracts.unionised_covered' },
  { rate: 'congress.establishment_rate', numerator: 'congress.unionised_established' },
  { rate: 'training.cadre_rate', numerator: 'training.cadres_trained', denominator: 'training.cadres' },
  { rate: 'training.certification_rate', numerator: 'training.certified', denominator: 'training.completed' },
  { rate: 'training.employment_rate', numerator: 'training.employed' },
];

/** Every key the mart derives from a rate's cell: part key → (rate key, which part), breakdowns included. */
export function rateParts(): Map<string, { rate: string; part: 'numerator' | 'denominator' }> {
  const keys = new Set(allKeys());
  const out = new Map<string, { rate: string; part: 'numerator' | 'denominator' }>();
  for (const rule of RATE_PARTS) {
    for (const key of keys) {
      if (key !== rule.rate && !key.startsWith(`${rule.rate}:`)) continue;
      const suffix = key.slice(rule.rate.length);
      for (const part of ['numerator', 'denominator'] as const) {
        const base = rule[part];
        if (!base) continue;
        if (!keys.has(base + suffix)) throw new Error(`internal: RATE_PARTS: ${key} has no ${base + suffix}`);
        out.set(base + suffix, { rate: key, part });
      }
    }
  }
  return out;
}

/**
 * One line per dictionary key as indicator_keys stores it: its code, and which rate's part it is
 * when not stored (RATE_PARTS). An update compares the stored lines with these (mart-update.ts):
 * a mart built under another dictionary or other rules is rebuilt.
 */
export function keySignature(row: { code: unknown; part_of?: unknown; part?: unknown }): string {
  return row.part ? `${String(row.code)} = ${String(row.part)} of ${String(row.part_of)}` : String(row.code);
}

export function expectedKeySignatures(): string[] {
  const keys = martKeys();
  const numbers = new Map(keys.map((k, i) => [k.key, i + 1]));
  const parts = rateParts();
  return keys.map((k) => {
    const p = parts.get(k.key);
    return keySignature({ code: k.key, part_of: p ? numbers.get(p.rate) : null, part: p?.part ?? null });
  });
}

/**
 * indicator_keys: the dictionary as a table, so an auditor can list, join and fill the sparse mart;
 * key_no (dictionary order) is how indicator_cells stores the key. A key read from a rate's cell
 * (RATE_PARTS) names that rate's key_no in `part_of` and which part in `part`.
 */
export async function loadKeys(db: Db): Promise<void> {
  await db.run(
    'create or replace table indicator_keys (key_no smallint primary key, code varchar unique not null, family varchar not null,' +
      ' kind varchar not null, unit varchar not null, name_zh varchar not null, name_en varchar not null,' +
      " part_of smallint, part varchar check (part in ('numerator', 'denominator')))",
  );
  const keys = martKeys();
  const numbers = new Map(keys.map((k, i) => [k.key, i + 1]));
  const parts = rateParts();
  // appended, not inserted as one statement of ~900 rows × 9 bound parameters (0.4 s of binding,
  // single-threaded, in every rebuild)
  const app = await db.appender('indicator_keys');
  for (const [i, k] of keys.entries()) {
    const p = parts.get(k.key);
    app.appendSmallInt(i + 1);
    for (const text of [k.key, k.family, k.kind, k.unit, k.zh, k.en]) app.appendVarchar(text);
    if (p) {
      app.appendSmallInt(numbers.get(p.rate)!);
      app.appendVarchar(p.part);
    } else {
      app.appendNull();
      app.appendNull();
    }
    app.endRow();
  }
  app.closeSync();
}
