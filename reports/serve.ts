// On-demand work summaries for the dashboard's download links (PDF and Word). One file per (org, year,
// format, warehouse snapshot, narrative revision): a new ingest swaps a new file in, the snapshot changes, and the next download
// is built from the new data. Concurrent requests for the same PDF share one rendering.
import { createHash } from 'node:crypto';
import type { Db } from '../src/lib/db/duckdb.ts';
import { renderSummary, summaryFileName } from './summary/index.ts';
import { loadSummaryInput } from './summary/load.ts';
import type { SummaryFormat } from './summary/index.ts';
import type { Narrative } from './summary/narrative.ts';

export interface ServedPdf {
  bytes: Uint8Array;
  fileName: string;
  etag: string;
  batch: number | null;
}

const MAX_ENTRIES = 64;
const cache = new Map<string, Promise<ServedPdf>>();

/** Builds (or returns the cached) summary. `snapshot` identifies the warehouse file now being read. */
export function summaryFile(
  db: Db,
  snapshot: string | number,
  org: string,
  year: number,
  format: SummaryFormat,
  narrative: { revision: number; text: Narrative } = { revision: 0, text: {} },
  now = () => new Date(),
): Promise<ServedPdf> {
  // An edit makes a new revision, so the next download carries the edited text.
  const key = JSON.stringify([snapshot, org, year, format, narrative.revision]);
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last, so the oldest entry is the first to go.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const made = (async () => {
    const input = await loadSummaryInput(db, org, year, { generatedAt: now().toISOString() });
    const { bytes } = await renderSummary(input, { format, narrative: narrative.text });
    const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
    return { bytes: new Uint8Array(bytes), fileName: summaryFileName(input, format), etag, batch: input.batch?.id ?? null };
  })();
  cache.set(key, made);
  // A failure (unknown org, no such year) is not remembered: the next request asks again.
  made.catch(() => cache.delete(key));
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return made;
}

/**
 * RFC 6266 / RFC 5987: an ASCII fallback for old clients and the real (Chinese) name as UTF-8,
 * percent-encoded, in filename*.
 */
export function contentDisposition(fileName: string, fallback: string): string {
  const ascii = fallback.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** For tests: forget every cached PDF. */
export function clearSummaryCache(): void {
  cache.clear();
}
