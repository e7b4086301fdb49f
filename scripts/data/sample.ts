// npm run data:sample -- [--out DIR] [--scale N] [--seed S]: writes the sample federation's registers.
import { generateSample } from '../../src/lib/sample/index.ts';
import { parseCli, usageError } from '../../src/lib/cli/args.ts';

const HELP = `Usage: npm run data:sample -- [--out DIR] [--scale N] [--seed S]

Writes the registers of a fictional county federation (云岭县总工会), 2021–2025, following
the data contract: orgs.csv, 单位.csv (GBK), 职工人数.csv (BOM), members.csv, 困难职工档案.xlsx,
2021-2025年帮扶发放.csv, activities.csv, enrollments.csv, and bad-rows.json listing the deliberate
bad rows (file, row as Excel numbers it, column, reason code).

  --out DIR    output folder (default data/sample)
  --scale N    size; 1 ≈ 3,000 units and 40,000 members; fractions allowed (default 1)
  --seed S     integer seed; the same seed gives byte-identical files (default 1)
  --help       this text`;

function fail(msg: string): never {
  return usageError(HELP, `data:sample: ${msg}`);
}
const { values } = parseCli(HELP, { out: { type: 'string' }, scale: { type: 'string' }, seed: { type: 'string' } });
const out = values.out ?? 'data/sample';
const scale = Number(values.scale ?? '1');
const seed = Number(values.seed ?? '1');
if (!Number.isFinite(scale) || scale <= 0) fail(`--scale must be a number > 0, got "${values.scale}"`);
if (!Number.isInteger(seed)) fail(`--seed must be an integer, got "${values.seed}"`);

const t0 = performance.now();
console.log(`Writing the sample federation to ${out} (scale ${scale}, seed ${seed})`);
try {
  const { files, bad } = await generateSample({
    out,
    scale,
    seed,
    onFile: (f) =>
      console.log(
        `  ${f.file.padEnd(24)} ${String(f.rows).padStart(10)} rows ${(f.bytes / 1e6).toFixed(1).padStart(8)} MB ` +
          (f.withPrevious ? '  (written together with the file above)' : `${f.seconds.toFixed(1).padStart(6)} s`),
      ),
  });
  const total = files.reduce((s, f) => s + f.bytes, 0);
  console.log(`Done: ${files.length} files, ${(total / 1e6).toFixed(1)} MB, ${bad.length} deliberate bad rows, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
} catch (e) {
  console.error(`data:sample failed: ${(e as Error).message}`);
  process.exit(1);
}
