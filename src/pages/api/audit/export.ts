// POST /api/audit/export {sql, unmask?, format: csv|xlsx|parquet|arrow|json} → the result as a file.
// The query runs again in the sandbox (masked unless unmask, capped, audited as an export).
import type { APIRoute } from 'astro';
import { CONTENT_TYPES, render, type Format } from '../../../lib/auditor/export.ts';
import { runAudited } from '../../../lib/auditor/run.ts';
import { config } from '../../../lib/server/config.ts';
import { errorResponse, readRequest } from './query.ts';

const EXT: Record<string, string> = { csv: 'csv', xlsx: 'xlsx', parquet: 'parquet', arrow: 'arrows', json: 'json' };

export const POST: APIRoute = async ({ request, locals }) => {
  if (!locals.user) return Response.json({ error: { kind: 'forbidden', message: 'Sign in first' } }, { status: 401 });
  try {
    const { sql, unmask, format = 'csv' } = await readRequest(request);
    if (!(format in EXT)) {
      return Response.json({ error: { kind: 'refused', message: `未知格式 ${format} / unknown format: use csv, xlsx, parquet, arrow or json` } }, { status: 400 });
    }
    const result = await runAudited(config.db, { user: locals.user, sql, unmask, source: 'export' });
    const body = await render(result, format as Format);
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
    const name = `query-${stamp}${result.masked ? '' : '-unmasked'}.${EXT[format]}`;
    return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
      headers: {
        'content-type': CONTENT_TYPES[format as Exclude<Format, 'table'>],
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-store',
        'x-rows': String(result.rows.length),
        'x-truncated': String(result.truncated),
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
};
