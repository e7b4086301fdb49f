// GET /api/audit/lineage?key=&org=&year=[&unmask=1] → the rows behind an indicator (JSON).
import type { APIRoute } from 'astro';
import { LineageError, lineage } from '../../../lib/auditor/lineage.ts';
import { config } from '../../../lib/server/config.ts';
import { errorResponse } from './query.ts';

export const GET: APIRoute = async ({ url, locals }) => {
  if (!locals.user) return Response.json({ error: { kind: 'forbidden', message: 'Sign in first' } }, { status: 401 });
  const p = url.searchParams;
  try {
    const l = await lineage(config.db, locals.user, {
      key: p.get('key') ?? '',
      org: p.get('org') ?? '',
      year: Number(p.get('year')),
      unmask: p.get('unmask') === '1',
    });
    return Response.json(l, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    if (e instanceof LineageError) return Response.json({ error: { kind: 'refused', message: e.message } }, { status: 400 });
    return errorResponse(e);
  }
};
