// GET /go?org=CODE&year=YYYY&section=relief: the switchers' target (works without JavaScript).
// Redirects to the canonical URL; a year the org has no data for falls back to its latest year.
import type { APIRoute } from 'astro';
import { getYears } from '../lib/indicators/read.ts';
import { SECTIONS, orgPath } from '../lib/server/pages.ts';
import { NoWarehouseError, warehouse } from '../lib/server/warehouse.ts';
import { NotFoundError } from '../lib/indicators/types.ts';

export const GET: APIRoute = async ({ url, redirect }) => {
  const org = url.searchParams.get('org') ?? '';
  const year = Number(url.searchParams.get('year'));
  const asked = url.searchParams.get('section') ?? '';
  const section = (SECTIONS as readonly string[]).includes(asked) ? asked : '';
  if (!org) return redirect('/', 303);
  let years: number[] = [];
  try {
    years = await getYears(await warehouse(), org);
  } catch (e) {
    // An unknown org or no warehouse: the org page explains it (404 / 503) in the reader's language.
    if (!(e instanceof NotFoundError || e instanceof NoWarehouseError)) throw e;
  }
  const target = years.includes(year) ? year : years.length ? Math.max(...years) : year;
  return redirect(orgPath(org, target, section), 303);
};
