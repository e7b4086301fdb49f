// GET /api/audit/history?limit=50 → the signed-in user's own queries, newest first (from the audit log).
import type { APIRoute } from 'astro';
import { listAudit } from '../../../lib/auditor/audit-log.ts';
import { config } from '../../../lib/server/config.ts';

export const GET: APIRoute = async ({ locals, url }) => {
  if (!locals.user) return Response.json({ error: { kind: 'forbidden', message: 'Sign in first' } }, { status: 401 });
  const limit = Math.max(1, Math.min(500, Number(url.searchParams.get('limit')) || 50));
  const rows = await listAudit(config.db, { user: locals.user.name, limit });
  return Response.json(rows, { headers: { 'cache-control': 'no-store' } });
};
