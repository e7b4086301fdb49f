// GET /upload/templates/<family>.xlsx: an empty register with the Chinese headers, and notes.
import type { APIRoute } from 'astro';
import { isFamily, templateName, templateXlsx } from '../../../lib/auditor/templates.ts';

export const GET: APIRoute = async ({ params }) => {
  const family = params.family ?? '';
  if (!isFamily(family)) return new Response(`没有这类台账 / no register family ${family}`, { status: 404 });
  const bytes = await templateXlsx(family);
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${family}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${templateName(family)}.xlsx`)}`,
      'cache-control': 'no-store',
    },
  });
};
