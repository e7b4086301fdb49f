// npm run bench:ingest -- [--scale N] [--seed S] [--memory-limit SIZE]
// In one run: DuckDB's bare read_csv of the generated members file into a table (the baseline), and
// our full validated ingest of the same file (raw → checks → clean, quarantine, closure, mart), each
// in its own child process so that peak memory is measured per side. Prints rows/s, the ratio and
// peak RSS. Generated data lives in bench/data/ (gitignored) and is reused.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../src/lib/paths.ts';
import { parseCli, usageError } from '../../src/lib/cli/args.ts';
import { renderTable } from '../../src/lib/cli/table.ts';

const USAGE = `usage: npm run bench:ingest -- [--scale N] [--seed S] [--memory-limit SIZE]

  --scale N            sample scale (default 25 ≈ 1.5M member rows; 250 ≈ 15M)
  --seed S             sample seed (default 1)
  --memory-limit SIZE  DuckDB memory limit of the validated ingest (default: the ingest's own default)
  --help               this text`;

const args = parseCli(USAGE, {
  scale: { type: 'string', default: '25' },
  seed: { type: 'string', default: '1' },
  'memory-limit': { type: 'string' },
});
const scale = Number(args.values.scale);
if (!(scale > 0)) usageError(USAGE, '--scale must be a positive number');

const node = process.execPath;
const dataDir = join(ROOT, 'bench/data', `sample-s${scale}-seed${args.values.seed}`);
const work = join(ROOT, 'bench/data', 'ingest-work');

function step(label: string, cmd: string[]): string {
  const r = spawnSync(node, cmd, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    process.stderr.write(`${label} failed:\n${r.stderr}\n`);
    process.exit(1);
  }
  return r.stdout;
}

if (!existsSync(join(dataDir, 'members.csv'))) {
  process.stdout.write(`generating the sample at scale ${scale} into ${dataDir} …\n`);
  step('data:sample', ['scripts/data/sample.ts', '--out', dataDir, '--scale', String(scale), '--seed', args.values.seed]);
}
const members = join(dataDir, 'members.csv');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// The members file needs its orgs and units to validate against: load them first (not timed).
const warehouse = join(work, 'validated.duckdb');
step('ingest of orgs and units', ['scripts/ingest/cli.ts', '--db', warehouse, join(dataDir, 'orgs.csv'), join(dataDir, '单位.csv')]);

interface Measure { ms: number; rows: number; maxRssMb: number; phases?: Record<string, number> }
const child = (mode: string, db: string): Measure =>
  JSON.parse(step(mode, ['scripts/bench/ingest-child.ts', mode, db, members, ...(args.values['memory-limit'] ? [args.values['memory-limit']] : [])]));

process.stdout.write(`members.csv: ${(statSync(members).size / 1e6).toFixed(0)} MB\n`);
const bare = child('bare', join(work, 'bare.duckdb'));
const full = child('validated', warehouse);
const rate = (m: Measure) => `${Math.round(m.rows / (m.ms / 1000)).toLocaleString('en-US')} rows/s`;
process.stdout.write(
  '\n' +
    renderTable(
      ['', 'rows', 'seconds', 'rate', 'peak RSS'],
      [
        ['bare read_csv → table', bare.rows.toLocaleString('en-US'), (bare.ms / 1000).toFixed(2), rate(bare), `${bare.maxRssMb} MB`],
        ['validated ingest', full.rows.toLocaleString('en-US'), (full.ms / 1000).toFixed(2), rate(full), `${full.maxRssMb} MB`],
      ],
      [1, 2, 3, 4],
    ) +
    `\n\nvalidated / bare = ${(full.ms / bare.ms).toFixed(2)}× (goal ≤ 3×)\n` +
    `phases of the validated ingest (s): ${Object.entries(full.phases ?? {}).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`).join(', ')}\n`,
);
rmSync(work, { recursive: true, force: true });
