// Person pseudonyms (#12): computed inside a write with the key beside the warehouse, one per clear
// person key, none for member numbers, recomputed when the key changes; the sandbox shows them and
// nothing it can compute gives them.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeWarehouse } from '../../src/lib/db/warehouse.ts';
import { keyPath, pseudonymKey, refreshPersonRefs } from '../../src/lib/auditor/pseudonym.ts';
import { sandboxQuery } from '../../src/lib/auditor/sandbox-process.ts';
import { ID_1, ID_2 } from './fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'ua-pseudonym-'));
const db = join(dir, 'w.duckdb');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refsOf = async () => (await sandboxQuery(db, 'select voucher_no, person_key from aid order by 1')).rows;

describe('person pseudonyms', () => {
  it('are made at ingest with a key file only the owner can read', async () => {
    const added = await writeWarehouse(db, async (w) => {
      await w.run(`insert into aid (voucher_no, paid_on, org_code, category, amount, person_key, _batch_id, _file_id, _row_no, _hash) values
        ('V1', '2024-01-01', 'F', 'living', 1, '${ID_1}', 1, 1, 2, 'h'), ('V2', '2024-01-02', 'F', 'living', 1, '${ID_1}', 1, 1, 3, 'h'),
        ('V3', '2024-01-03', 'F', 'living', 1, '${ID_2}', 1, 1, 4, 'h'), ('V4', '2024-01-04', 'F', 'living', 1, 'M:42', 1, 1, 5, 'h')`);
      return refreshPersonRefs(w, pseudonymKey(db));
    }, { create: true });
    // two clear keys (the same ID twice is one person); M:42 is a member number, not personal
    expect(added).toEqual({ added: 2, recomputed: false });
    expect(statSync(keyPath(db)).mode & 0o777).toBe(0o600);
    const rows = await refsOf();
    expect(rows[0]![1]).toMatch(/^P:[0-9a-f]{16}$/);
    expect(rows[0]![1]).toBe(rows[1]![1]); // the same person joins
    expect(rows[2]![1]).not.toBe(rows[0]![1]);
    expect(rows[3]![1]).toBe('M:42');
    // not the unkeyed hashes of the ID an attacker would try
    for (const h of ['sha256', 'md5']) expect(rows[0]![1]).not.toContain(createHash(h).update(ID_1).digest('hex').slice(0, 16));
  });

  it('are all recomputed when the key file is replaced, so counts never mix two keys', async () => {
    const before = await refsOf();
    writeFileSync(keyPath(db), 'ab'.repeat(32) + '\n');
    const r = await writeWarehouse(db, (w) => refreshPersonRefs(w, pseudonymKey(db)));
    expect(r).toEqual({ added: 2, recomputed: true });
    const after = await refsOf();
    expect(after[0]![1]).not.toBe(before[0]![1]);
    expect(after[0]![1]).toBe(after[1]![1]);
    expect((await sandboxQuery(db, 'select count(distinct person_key) from aid')).rows).toEqual([[3]]);
  });

  it('are read from a table a masked session cannot name', async () => {
    await expect(sandboxQuery(db, 'select * from person_refs')).rejects.toThrow(/person_refs/);
    expect((await sandboxQuery(db, 'select count(*) from person_refs', { unmask: true })).rows).toEqual([[2]]);
  });
});
