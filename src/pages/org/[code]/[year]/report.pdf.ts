// GET /org/CODE/YEAR/report.pdf — the annual work summary of the org's subtree, built on demand from
// the warehouse the dashboard reads and cached per (org, year, language, warehouse snapshot). The
// language follows the dashboard's `lang` cookie (or ?lang=en). Access (sign-in, org scope) is
// decided by the middleware like for every org page.
import type { APIRoute } from 'astro';
import { NotFoundError } from '../../../../lib/indicators/types.ts';
import { isLang } from '../../../../lib/i18n/index.ts';
import { langOf } from '../../../../lib/server/pages.ts';
import { NoWarehouseError, snapshot, warehouse } from '../../../../lib/server/warehouse.ts';
import { contentDisposition, summaryPdf } from '../../../../../reports/serve.ts';

function text(status: number, message: string): Response {
  return new Response(message + '\n', { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

export const GET: APIRoute = async ({ params, cookies, url, request }) => {
  const code = params.code ?? '';
  const year = Number(params.year);
  if (!/^\d{4}$/.test(params.year ?? '')) return text(404, `年度无效 / not a year: ${params.year}`);
  const q = url.searchParams.get('lang');
  const lang = isLang(q) ? q : langOf(cookies);
  let pdf;
  try {
    const db = await warehouse();
    pdf = await summaryPdf(db, snapshot(), code, year, lang);
  } catch (e) {
    if (e instanceof NotFoundError) return text(404, e.message);
    if (e instanceof NoWarehouseError) return text(503, e.message);
    throw e;
  }
  const headers = {
    etag: pdf.etag,
    'cache-control': 'private, no-cache',
    'x-data-batch': String(pdf.batch ?? ''),
  };
  if (request.headers.get('if-none-match') === pdf.etag) return new Response(null, { status: 304, headers });
  return new Response(pdf.bytes as BodyInit, {
    headers: {
      ...headers,
      'content-type': 'application/pdf',
      'content-length': String(pdf.bytes.length),
      'content-disposition': contentDisposition(pdf.fileName, `work-summary-${code}-${year}.pdf`),
    },
  });
};
