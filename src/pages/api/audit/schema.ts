// GET /api/audit/schema → the tables the user's sandbox shows, with columns, row counts, descriptions.
import type { APIRoute } from 'astro';
import { readSchema } from '../../../lib/auditor/schema.ts';
import { config } from '../../../lib/server/config.ts';
import { errorResponse } from './query.ts';

export const GET: APIRoute = async ({ locals }) => {
  if (!locals.user) return Response.json({ error: { kind: 'forbidden', message: 'Sign in first' } }, { status: 401 });
  try {
    return Response.json(await readSchema(config.db, locals.user.orgScope), { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    return errorResponse(e);
  }
};
