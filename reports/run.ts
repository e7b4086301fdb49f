// What `npm run report` does, as functions the CLI, the benchmark and the tests share: one report in
// process, or every org with data on worker threads with a manifest.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Db } from '../src/lib/db/duckdb.ts';
import { listOrgs } from '../src/lib/indicators/read.ts';
import { renderInPool, type RenderResult } from './batch/pool.ts';
import { renderSummary, summaryFileName } from './summary/index.ts';
import { hasData, loadSummaryInput } from './summary/load.ts';
import type { Lang, SummaryInput } from './summary/types.ts';

export interface OneResult {
  file: string;
  org: string;
  orgName: string;
  year: number;
  batch: number | null;
  pages: number;
  bytes: number;
  sha256: string;
  ms: number;
}

export async function reportOne(
  db: Db,
  opts: { org: string; year: number; lang: Lang; generatedAt: string; out: string | null; outDir: string },
): Promise<OneResult> {
  const started = performance.now();
  const input = await loadSummaryInput(db, opts.org, opts.year, { generatedAt: opts.generatedAt });
  const { bytes, pages } = await renderSummary(input, { lang: opts.lang });
  const file = opts.out ?? join(opts.outDir, summaryFileName(input, opts.lang));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return {
    file,
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
  lang: Lang;
  file: string;
  pages: number;
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
  /** Render time per report inside its worker (build + layout + PDF), ms. */
  renderMs: number[];
  /** Time spent reading the warehouse on the main thread (overlaps the rendering). */
  loadMs: number;
  wallMs: number;
}

/** Every org with data in the year → one PDF each, rendered on worker threads, plus manifest.json. */
export async function reportAll(
  db: Db,
  opts: { year: number; lang: Lang; generatedAt: string; outDir: string; threads?: number | null; onProgress?: (done: number, total: number, label: string) => void },
): Promise<AllResult> {
  const started = performance.now();
  const orgs = await listOrgs(db);
  // The main thread reads org i+1 (one DuckDB handle) while the workers render; an org with nothing
  // at all in the year gets no PDF and is listed as skipped.
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
      return { input, options: { lang: opts.lang }, out: join(opts.outDir, uniqueName(input, opts.lang, taken)) };
    },
    {
      threads: opts.threads ?? undefined,
      onDone: (done, total, r) => opts.onProgress?.(done, total, r.ok === false ? `✗ ${orgs[r.id]!.code}` : orgs[r.id]!.name),
    },
  );
  const written: ManifestEntry[] = [];
  const skipped: AllResult['skipped'] = [];
  const failed: AllResult['failed'] = [];
  const renderMs: number[] = [];
  results.forEach((r, i) => {
    const org = orgs[i]!;
    if (r.ok === null) return skipped.push({ org: org.code, name: org.name });
    if (r.ok === false) return failed.push({ org: org.code, error: r.error });
    const input = inputs[i]!;
    renderMs.push(r.ms);
    written.push({
      org: input.org.code,
      org_name: input.org.name,
      year: input.year,
      batch: input.batch?.id ?? null,
      lang: opts.lang,
      file: relative(opts.outDir, r.out),
      pages: r.pages,
      bytes: r.bytes,
      sha256: r.sha256,
    });
  });
  mkdirSync(opts.outDir, { recursive: true });
  const manifest = join(opts.outDir, 'manifest.json');
  const body = { year: opts.year, lang: opts.lang, generated_at: opts.generatedAt, batch: inputs.find(Boolean)?.batch?.id ?? null, reports: written, skipped, failed };
  writeFileSync(manifest, JSON.stringify(body, null, 2) + '\n');
  return { outDir: opts.outDir, manifest, orgs: orgs.length, skipped, written, failed, renderMs, loadMs, wallMs: performance.now() - started };
}

/** The file name of an org's PDF; a second org with the same name gets its code appended. */
function uniqueName(input: SummaryInput, lang: Lang, taken: Set<string>): string {
  let name = summaryFileName(input, lang);
  if (taken.has(name)) name = name.replace(/\.pdf$/, `_${input.org.code}.pdf`);
  taken.add(name);
  return name;
}
