// The sample federation: 云岭县总工会 and everything under it, written as the registers staff upload.
// Deterministic per seed; streamed, so memory stays flat however large --scale is.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeMembers } from './members.ts';
import { Tree } from './orgs.ts';
import { writeRelief } from './relief.ts';
import { writeHeadcounts, writeOrgs, writeUnits } from './structure.ts';
import { writeTraining } from './training.ts';
import { writeRights } from './rights.ts';
import { writeServices } from './services.ts';
import { buildUnits } from './units.ts';
import type { BadRow } from './writers.ts';

export interface SampleOptions {
  out: string;
  scale: number;
  seed: number;
  /** Called after each file is finished. */
  onFile?: (f: WrittenFile) => void;
}

export interface WrittenFile {
  file: string;
  rows: number;
  bytes: number;
  seconds: number;
  /** Written interleaved with the previous file; `seconds` covers both. */
  withPrevious?: boolean;
}

export const SAMPLE_FILES = [
  'orgs.csv',
  '单位.csv',
  '职工人数.csv',
  'members.csv',
  '困难职工档案.xlsx',
  '2021-2025年帮扶发放.csv',
  'activities.csv',
  'enrollments.csv',
  '维权案件.csv',
  '劳动法律监督.csv',
  '集体合同.xlsx',
  '合同覆盖单位.csv',
  '职代会.csv',
  '职工之家.csv',
  '劳模.xlsx',
  '2021-2025年募集资金.csv',
  '工会经费.csv',
  '服务站点.csv',
  '就业帮扶.csv',
  'bad-rows.json',
] as const;

export async function generateSample(opts: SampleOptions): Promise<{ files: WrittenFile[]; bad: BadRow[] }> {
  const { out, scale, seed } = opts;
  if (!(scale > 0)) throw new Error(`scale must be > 0, got ${scale}`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  mkdirSync(out, { recursive: true });
  const bad: BadRow[] = [];
  const files: WrittenFile[] = [];
  let t = performance.now();
  let last = 0;
  const done = (written: { file: string; rows: number }, withPrevious = false) => {
    const now = performance.now();
    const seconds = withPrevious ? last : (now - t) / 1000;
    const f: WrittenFile = { ...written, bytes: statSync(join(out, written.file)).size, seconds, ...(withPrevious ? { withPrevious } : {}) };
    t = now;
    last = seconds;
    files.push(f);
    opts.onFile?.(f);
  };

  const tree = new Tree(seed);
  const units = buildUnits(tree, scale, seed);
  done(await writeOrgs(out, seed, tree, bad));
  done(await writeUnits(out, seed, tree, units, bad));
  done(await writeHeadcounts(out, seed, units, bad));
  const m = await writeMembers(out, seed, tree, units, bad);
  done(m);
  const relief = await writeRelief(out, seed, tree, m.pool, bad);
  relief.files.forEach((f, i) => done(f, i > 0));
  (await writeTraining(out, seed, tree, m.pool, relief.holders, bad)).forEach((f, i) => done(f, i > 0));
  (await writeRights(out, seed, tree, units, scale, bad)).forEach((f, i) => done(f, i > 0));
  (await writeServices(out, seed, tree, units, m.pool, scale, bad)).forEach((f, i) => done(f, i > 0));
  bad.sort((a, b) => SAMPLE_FILES.indexOf(a.file as never) - SAMPLE_FILES.indexOf(b.file as never) || a.row_no - b.row_no);
  writeFileSync(join(out, 'bad-rows.json'), JSON.stringify(bad, null, 2) + '\n');
  done({ file: 'bad-rows.json', rows: bad.length });
  return { files, bad };
}
