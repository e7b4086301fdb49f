// /org/CODE → that org's latest year (an unknown org falls through to the org page's 404).
import type { APIRoute } from 'astro';
import { getYears } from '../../../lib/indicators/read.ts';
import { NotFoundError } from '../../../lib/indicators/types.ts';
import { orgPath } from '../../../lib/server/pages.ts';
import { NoWarehouseError, warehouse } from '../../../lib/server/warehouse.ts';

export const GET: APIRoute = async ({ params, redirect }) => {
  const code = params.code ?? '';
  let years: number[] = [];
  try {
    years = await getYears(await warehouse(), code);
  } catch (e) {
    if (!(e instanceof NotFoundError || e instanceof NoWarehouseError)) throw e;
  }
  return redirect(orgPath(code, years.length ? Math.max(...years) : new Date().getFullYear()), 302);
};
