// GET /api/indicators?org=CODE&year=YYYY → the same JSON as `npm run indicators -- --json`.
// 400 for bad parameters, 404 for an unknown org or a year without data, 503 without a warehouse.
import type { APIRoute } from 'astro';
import { NotFoundError } from '../../lib/indicators/types.ts';
import { q } from '../../lib/server/cache.ts';
import { NoWarehouseError } from '../../lib/server/warehouse.ts';

function error(status: number, zh: string, en: string): Response {
  return Response.json({ error: { status, zh, en } }, { status, headers: { 'cache-control': 'no-store' } });
}

export const GET: APIRoute = async ({ url }) => {
  const org = url.searchParams.get('org');
  const year = url.searchParams.get('year');
  if (!org || !/^[\p{L}\p{N}_.-]{1,64}$/u.test(org)) {
    return error(400, '参数 org 缺失或无效，例如 ?org=F0&year=2024', 'Missing or invalid org parameter, e.g. ?org=F0&year=2024');
  }
  if (!year || !/^\d{4}$/.test(year)) {
    return error(400, '参数 year 缺失或无效：需要四位年份，例如 year=2024', 'Missing or invalid year: four digits, e.g. year=2024');
  }
  try {
    // the org pages' answer for this snapshot (src/lib/server/cache.ts): after an upload, the one the
    // server began reading at the commit (warmHome)
    const report = await q.indicators(org, Number(year));
    return Response.json(report, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    if (e instanceof NotFoundError) return error(404, e.zh, e.en);
    if (e instanceof NoWarehouseError) return error(503, '还没有数据仓库，请先导入数据。', 'No warehouse yet: run the ingest first.');
    throw e;
  }
};
