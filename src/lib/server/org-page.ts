// Resolves an org page request (/org/{code}/{year}/…) into everything the page renders, or into
// an error with its HTTP status and a message in the reader's language.
import type { AstroCookies } from 'astro';
import type { IndicatorReport, OrgListing, OrgRef } from '../indicators/types.ts';
import { translator, type Lang } from '../i18n/index.ts';
import type { Db } from '../db/duckdb.ts';
import { langOf } from './pages.ts';
import type { PickerOrg } from './org-picker.ts';
import { NoWarehouseError } from './warehouse.ts';
import { freshDb, q } from './cache.ts';
import type { SessionUser } from '../auth/roles.ts';

export interface OrgPage {
  ok: true;
  lang: Lang;
  db: Db;
  org: OrgRef;
  year: number;
  orgs: PickerOrg[];
  listing: OrgListing[];
  years: number[];
  report: IndicatorReport;
}

export interface ErrorPage {
  ok: false;
  lang: Lang;
  status: number;
  message: string;
}

/** `user` limited to a subtree sees only that subtree in the switcher and the breadcrumb trail. */
export async function loadOrgPage(
  params: Record<string, string | undefined>,
  cookies: AstroCookies,
  user?: SessionUser | null,
): Promise<OrgPage | ErrorPage> {
  const lang = langOf(cookies);
  const t = translator(lang);
  let db: Db;
  try {
    db = (await freshDb()).db;
  } catch (e) {
    if (e instanceof NoWarehouseError) return { ok: false, lang, status: 503, message: t('error.noWarehouse') };
    throw e;
  }
  const code = params.code ?? '';
  const scope = user ? await q.scope(user) : null;
  const listing = scope ? (await q.listOrgs()).filter((o) => scope.has(o.code)) : await q.listOrgs();
  const org = listing.find((o) => o.code === code);
  if (!org) return { ok: false, lang, status: 404, message: t('error.unknownOrg', { code }) };
  const years = await q.years(code);
  const year = Number(params.year);
  if (!/^\d{4}$/.test(params.year ?? '') || !years.includes(year)) {
    return { ok: false, lang, status: 404, message: t('error.noYear', { org: org.name, year: params.year ?? '', years: years.join(', ') || '—' }) };
  }
  const report = await q.indicators(code, year);
  return { ok: true, lang, db, org: { code: org.code, name: org.name, type: org.type }, year, orgs: await q.picker(user ?? null), listing, years, report };
}

/** The last `n` years with data up to `year`, oldest first. */
export function lastYears(years: number[], year: number, n = 5): number[] {
  return years.filter((y) => y <= year && y > year - n).sort((a, b) => a - b);
}
