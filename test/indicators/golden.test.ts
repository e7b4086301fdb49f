// The indicator report of the sample federation's root for its latest year, through the real path:
// the sample generator (seed 1, byte-identical files) → the ingest CLI (which rebuilds the mart) →
// getIndicators. Compared with test/output/indicators/sample-root-<year>.json; on a mismatch the new
// report is written beside it as …-changed.json (gitignored) to diff and, if right, copy over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Db } from '../../src/lib/db/duckdb.ts';
import { getIndicators } from '../../src/lib/indicators/read.ts';
import type { IndicatorReport } from '../../src/lib/indicators/types.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = join(ROOT, 'test/output/indicators');

function node(args: string[]): void {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
}

let dir: string;
let report: IndicatorReport;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'indicators-golden-'));
  node(['scripts/data/sample.ts', '--out', join(dir, 'sample'), '--seed', '1']);
  node(['scripts/ingest/cli.ts', '--db', join(dir, 'warehouse.duckdb'), join(dir, 'sample')]);
  const db = await Db.open(join(dir, 'warehouse.duckdb'), { readOnly: true });
  try {
    const root = await db.value<string>('select org_code from orgs where parent_code is null order by org_code limit 1');
    const year = await db.value<number>('select max(year) from indicator_years');
    report = await getIndicators(db, root, year);
  } finally {
    db.close();
  }
}, 300_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the sample federation root, latest year', () => {
  it('matches the golden report', () => {
    const name = `sample-root-${report.year}`;
    const golden = join(OUT, `${name}.json`);
    const actual = JSON.stringify(report, null, 2) + '\n';
    mkdirSync(OUT, { recursive: true });
    if (!existsSync(golden)) {
      writeFileSync(golden, actual);
      return; // first run: the golden file is written; review and commit it
    }
    const expected = readFileSync(golden, 'utf8');
    if (actual !== expected) writeFileSync(join(OUT, `${name}-changed.json`), actual);
    else rmSync(join(OUT, `${name}-changed.json`), { force: true });
    expect(actual).toBe(expected);
  });

  it('is internally consistent', () => {
    const i = report.indicators;
    expect(report.as_of).toBe(`${report.year}-12-31`);
    // a rate's value is its numerator over its denominator
    const rate = i['coverage.unionisation_rate']!;
    expect(rate.value).toBeCloseTo(rate.numerator! / rate.denominator!, 4);
    expect(rate.numerator).toBe(i['coverage.units_unionised']!.value);
    expect(rate.denominator).toBe(i['coverage.units_should']!.value);
    // breakdowns by category add up to the total, exactly (money in cents)
    const cats = Object.keys(i).filter((k) => /^relief\.amount:(living|medical|education|holiday|model_worker|employment|startup|mutual)$/.test(k));
    const cents = cats.reduce((s, k) => s + Math.round(i[k]!.value! * 100), 0);
    expect(cents).toBe(Math.round(i['relief.amount']!.value! * 100));
    const kinds = Object.keys(i).filter((k) => k.startsWith('activity.count:'));
    expect(kinds.reduce((s, k) => s + i[k]!.value!, 0)).toBe(i['activity.count']!.value);
    expect(i['activity.participants:training']!.value).toBe(i['training.person_times']!.value);
  });
});
