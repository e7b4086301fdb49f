// GET  /api/audit/lineage?key=&org=&year= → the rows behind an indicator (JSON), masked.
// POST /api/audit/lineage {key, org, year, unmask} → the same, unmasked when asked (auditors; logged).
// Unmasking is an act that is logged in the auditor's name, so it never runs from a GET: an
// <img src="…&unmask=1"> on another page of the same site would otherwise run it as them.
import type { APIRoute } from 'astro';
import { LineageError, lineage } from '../../../lib/auditor/lineage.ts';
import { config } from '../../../lib/server/config.ts';
import { errorResponse } from './query.ts';

async function answer(user: App.Locals['user'], p: { key: string; org: string; year: number; unmask: boolean }): Promise<Response> {
  if (!user) return Response.json({ error: { kind: 'forbidden', message: 'Sign in first' } }, { status: 401 });
  try {
    return Response.json(await lineage(config.db, user, p), { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    if (e instanceof LineageError) return Response.json({ error: { kind: 'refused', message: e.message } }, { status: 400 });
    return errorResponse(e);
  }
}

export const GET: APIRoute = async ({ url, locals }) => {
  const p = url.searchParams;
  if (p.get('unmask') === '1') {
    return Response.json(
      { error: { kind: 'refused', message: '查看未脱敏数据须用 POST 提交 / unmasking needs a POST (it is logged in your name)' } },
      { status: 405, headers: { allow: 'POST', 'cache-control': 'no-store' } },
    );
  }
  return answer(locals.user, { key: p.get('key') ?? '', org: p.get('org') ?? '', year: Number(p.get('year')), unmask: false });
};

export const POST: APIRoute = async ({ request, locals }) => {
  let b: Record<string, unknown> = {};
  const type = request.headers.get('content-type') ?? '';
  try {
    b = type.includes('application/json') ? ((await request.json()) as Record<string, unknown>) : Object.fromEntries(await request.formData());
  } catch {
    return Response.json({ error: { kind: 'refused', message: '请求格式无效 / malformed request' } }, { status: 400 });
  }
  const unmask = b.unmask === true || b.unmask === '1' || b.unmask === 'true' || b.unmask === 'on';
  return answer(locals.user, { key: String(b.key ?? ''), org: String(b.org ?? ''), year: Number(b.year), unmask });
};
