// POST /api/audit/query {sql, unmask?} → the result as JSON (masked unless unmask, capped, audited).
// Errors: 400 refused, 403 not allowed, 408 timeout, 422 the query failed (kind 'memory': over the limit); always {error: {kind, message}}.
import type { APIRoute } from 'astro';
import { AccessError, AuditLogError, runAudited } from '../../../lib/auditor/run.ts';
import { Refusal, SandboxError } from '../../../lib/auditor/sandbox.ts';
import { config } from '../../../lib/server/config.ts';

export function errorResponse(e: unknown): Response {
  const [status, kind] =
    e instanceof Refusal ? [400, 'refused'] : e instanceof AccessError ? [403, 'forbidden'] : e instanceof AuditLogError ? [503, 'unavailable'] : e instanceof SandboxError ? (e.kind === 'timeout' ? [408, 'timeout'] : e.kind === 'memory' ? [422, 'memory'] : [422, 'error']) : [500, 'error'];
  return Response.json({ error: { kind, message: (e as Error).message } }, { status, headers: { 'cache-control': 'no-store' } });
}

export async function readRequest(request: Request): Promise<{ sql: string; unmask: boolean; format?: string }> {
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    const b = (await request.json()) as { sql?: unknown; unmask?: unknown; format?: unknown };
    return { sql: String(b.sql ?? ''), unmask: b.unmask === true, format: b.format === undefined ? undefined : String(b.format) };
  }
  const f = await request.formData();
  return { sql: String(f.get('sql') ?? ''), unmask: f.get('unmask') === 'on' || f.get('unmask') === 'true', format: f.get('format')?.toString() };
}

export const POST: APIRoute = async ({ request, locals }) => {
  if (!locals.user) return Response.json({ error: { kind: 'forbidden', message: 'Sign in first' } }, { status: 401 });
  try {
    const { sql, unmask } = await readRequest(request);
    const result = await runAudited(config.db, { user: locals.user, sql, unmask, source: 'console' });
    return Response.json(result, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    return errorResponse(e);
  }
};
