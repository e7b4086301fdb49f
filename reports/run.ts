// What `npm run report` does, as functions the CLI, the benchmark and the tests share: one report in
// process, or every org with data on worker threads with a manifest. What staff wrote (the narrative)
// is read on the main thread from the sidecar store and travels with the figures to the workers.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Db } from '../src/lib/db/duckdb.ts';
import { listOrgs } from '../src/lib/indicators/read.ts';
import { renderInPool, type RenderResult } from './batch/pool.ts';
import { renderSummary, summaryFileName, type SummaryFormat } from './summary/index.ts';
import { hasData, loadSummaryInput } from './summary/load.ts';
import type { Narrative } from './summary/narrative.ts';
import type { SummaryInput } from './summary/types.ts';

/** The narrative of an org and year (what staff wrote), or {} when none is stored. */
export type NarrativeSource = (org: string, year: number) => Narrative;
const NONE: NarrativeSource = () => ({});

export interface OneResult {
  file: string;
  format: SummaryFormat;
  org: string;
  orgName: string;
  year: number;
  batch: number | null;
  pages: number | null;
  bytes: number;
  sha256: string;
  ms: number;
}

export async function reportOne(
  db: Db,
  opts: { org: string; year: number; format: SummaryFormat; generatedAt: string; out: string | null; outDir: string; narrative?: NarrativeSource },
): Promise<OneResult> {
  const started = performance.now();
  const input = await loadSummaryInput(db, opts.org, opts.year, { generatedAt: opts.generatedAt });
  const { bytes, pages } = await renderSummary(input, { format: opts.format, narrative: (opts.narrative ?? NONE)(opts.org, opts.year) });
  const file = opts.out ?? join(opts.outDir, summaryFileName(input, opts.format));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return {
    file,
    format: opts.format,
    org: input.org.code,
    orgName: input.org.name,
    year: opts.year,
    batch: input.batch?.id ?? null,
    pages,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    ms: performance.now() - started,
  };
}

export interface ManifestEntry {
  org: string;
  org_name: string;
  year: number;
  batch: number | null;
  format: SummaryFormat;
  file: string;
  pages: number | null;
  bytes: number;
  sha256: string;
}

export interface AllResult {
  outDir: string;
  manifest: string;
  orgs: number;
  skipped: { org: string; name: string }[];
  written: ManifestEntry[];
  failed: { org: string; error: string }[];
  /** Render time per file inside its worker (compose + layout + bytes), ms, by format. */
  renderMs: Record<SummaryFormat, number[]>;
  /** Time spent reading the warehouse on the main thread (overlaps the rendering). */
  loadMs: number;
  wallMs: number;
}

/** Every org with data in the year → its summary in each format, on worker threads, plus manifest.json. */
export async function reportAll(
  db: Db,
  opts: {
    year: number;
    formats: SummaryFormat[];
    generatedAt: string;
    outDir: string;
    threads?: number | null;
    narrative?: NarrativeSource;
    onProgress?: (done: number, total: number, label: string) => void;
  },
): Promise<AllResult> {
  const started = performance.now();
  const orgs = await listOrgs(db);
  const narrativeOf = opts.narrative ?? NONE;
  // The main thread reads org i+1 (one DuckDB handle) while the workers render; an org with nothing
  // at all in the year gets no document and is listed as skipped.
  const inputs: (SummaryInput | undefined)[] = new Array(orgs.length);
  const taken = new Set<string>();
  let loadMs = 0;
  const results: RenderResult[] = await renderInPool(
    orgs.length,
    async (i) => {
      const t = performance.now();
      const input = await loadSummaryInput(db, orgs[i]!.code, opts.year, { generatedAt: opts.generatedAt, orgs });
      loadMs += performance.now() - t;
      if (!hasData(input)) return null;
      inputs[i] = input;
      const base = uniqueBase(input, taken);
      return {
        input,
        narrative: narrativeOf(input.org.code, opts.year),
        outputs: opts.formats.map((format) => ({ format, out: join(opts.outDir, `${base}.${format}`) })),
      };
    },
    {
      threads: opts.threads ?? undefined,
      onDone: (done, total, r) => opts.onProgress?.(done, total, r.ok === false ? `✗ ${orgs[r.id]!.code}` : orgs[r.id]!.name),
    },
  );
  const written: ManifestEntry[] = [];
  const skipped: AllResult['skipped'] = [];
  const failed: AllResult['failed'] = [];
  const renderMs: AllResult['renderMs'] = { pdf: [], docx: [] };
  results.forEach((r, i) => {
    const org = orgs[i]!;
    if (r.ok === null) return skipped.push({ org: org.code, name: org.name });
    if (r.ok === false) return failed.push({ org: org.code, error: r.error });
    const input = inputs[i]!;
    for (const f of r.files) {
      renderMs[f.format].push(f.ms);
      written.push({
        org: input.org.code,
        org_name: input.org.name,
        year: input.year,
        batch: input.batch?.id ?? null,
        format: f.format,
        file: relative(opts.outDir, f.out),
        pages: f.pages,
        bytes: f.bytes,
        sha256: f.sha256,
      });
    }
  });
  mkdirSync(opts.outDir, { recursive: true });
  const manifest = join(opts.outDir, 'manifest.json');
  const body = { year: opts.year, formats: opts.formats, generated_at: opts.generatedAt, batch: inputs.find(Boolean)?.batch?.id ?? null, reports: written, skipped, failed };
  writeFileSync(manifest, JSON.stringify(body, null, 2) + '\n');
  return { outDir: opts.outDir, manifest, orgs: orgs.length, skipped, written, failed, renderMs, loadMs, wallMs: performance.now() - started };
}

/** The file name (without extension) of an org's summary; a second org with the same name gets its code. */
function uniqueBase(input: SummaryInput, taken: Set<string>): string {
  let name = summaryFileName(input, 'pdf').replace(/\.pdf$/, '');
  if (taken.has(name)) name = `${name}_${input.org.code}`;
  taken.add(name);
  return name;
}
