// GET /upload/reject/<batch>.xlsx: the reject report of an upload, for the clerk who uploaded it
// (and federation-wide auditors). Personal values masked.
import type { APIRoute } from 'astro';
import { may } from '../../../lib/auth/roles.ts';
import { rejectReportXlsx } from '../../../lib/auditor/reject-report.ts';
import { warehouse } from '../../../lib/server/warehouse.ts';

export const GET: APIRoute = async ({ params, locals }) => {
  const user = locals.user!;
  const batch = Number(params.batch);
  if (!Number.isInteger(batch) || batch < 1) return new Response('批次号无效 / invalid batch number', { status: 400 });
  const db = await warehouse();
  const owner = await db.value<string | null>('select user_name from ingest_batch where batch_id = $b', { b: batch });
  if (owner === null) return new Response(`没有批次 ${batch} / no batch ${batch}`, { status: 404 });
  if (owner !== user.name && !(may(user, 'audit') && !user.orgScope)) {
    return new Response(`批次 ${batch} 不是您上传的 / batch ${batch} was uploaded by another account`, { status: 403 });
  }
  const report = await rejectReportXlsx(db, batch);
  return new Response(new Uint8Array(report.bytes), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="reject-batch-${batch}.xlsx"; filename*=UTF-8''${encodeURIComponent(`问题清单-批次${batch}.xlsx`)}`,
      'cache-control': 'no-store',
      'x-problems': String(report.problems),
    },
  });
};
