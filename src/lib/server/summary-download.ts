// GET /org/CODE/YEAR/report.pdf and report.docx — the work summary of the org's subtree as a 公文, built
// on demand from the warehouse the dashboard reads and what staff wrote (the narrative in the sidecar
// store), cached per (org, year, format, warehouse snapshot, narrative revision). Access (staff and
// above, org scope) is decided by the middleware (src/lib/auth/roles.ts PATTERN_RULES).
import type { APIRoute } from 'astro';
import { NotFoundError } from '../indicators/types.ts';
import { openStore, retry } from '../auth/store.ts';
import { currentNarrative } from '../narrative/store.ts';
import { config } from './config.ts';
import { NoWarehouseError, snapshot, warehouse } from './warehouse.ts';
import { contentDisposition, summaryFile } from '../../../reports/serve.ts';
import { LANG_REFUSAL } from '../../../reports/cli-args.ts';
import { toNarrative } from '../../../reports/summary/narrative.ts';
import type { SummaryFormat } from '../../../reports/summary/index.ts';

const TYPES: Record<SummaryFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

function text(status: number, message: string): Response {
  return new Response(message + '\n', { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

export function summaryRoute(format: SummaryFormat): APIRoute {
  return async ({ params, request }) => {
    const code = params.code ?? '';
    const year = Number(params.year);
    if (!/^\d{4}$/.test(params.year ?? '')) return text(404, `年度无效 / not a year: ${params.year}`);
    // A Chinese official document has no English edition: say so rather than hand over the Chinese
    // file for ?lang=en (the same words as npm run report -- --lang en).
    const lang = new URL(request.url).searchParams.get('lang');
    if (lang !== null && lang !== 'zh') return text(400, LANG_REFUSAL);
    let file;
    try {
      const cur = await retry(() => currentNarrative(openStore(config.db), code, year));
      // the warehouse handle only now: retry may wait seconds for the sidecar, and a handle on a
      // replaced file left idle that long is let go when a writer wants it (src/lib/db/reader.ts)
      const db = await warehouse();
      file = await summaryFile(db, snapshot(), code, year, format, { revision: cur.revision, text: toNarrative(cur.fields) });
    } catch (e) {
      if (e instanceof NotFoundError) return text(404, e.message);
      if (e instanceof NoWarehouseError) return text(503, e.message);
      throw e;
    }
    const headers = { etag: file.etag, 'cache-control': 'private, no-cache', 'x-data-batch': String(file.batch ?? '') };
    if (request.headers.get('if-none-match') === file.etag) return new Response(null, { status: 304, headers });
    return new Response(file.bytes as BodyInit, {
      headers: {
        ...headers,
        'content-type': TYPES[format],
        'content-length': String(file.bytes.length),
        'content-disposition': contentDisposition(file.fileName, `work-summary-${code}-${year}.${format}`),
      },
    });
  };
}
