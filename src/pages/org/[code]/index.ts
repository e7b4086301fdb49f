// /org/CODE → that org's latest year.
import type { APIRoute } from 'astro';
import { getYears } from '../../../lib/indicators/read.ts';
import { orgPath } from '../../../lib/server/pages.ts';
import { warehouse } from '../../../lib/server/warehouse.ts';

export const GET: APIRoute = async ({ params, redirect }) => {
  const code = params.code ?? '';
  const years = await getYears(await warehouse(), code);
  if (!years.length) return new Response('Not found', { status: 404 });
  return redirect(orgPath(code, Math.max(...years)), 302);
};
