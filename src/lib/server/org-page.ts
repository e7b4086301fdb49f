// Resolves an org page request (/org/{code}/{year}/…) into everything the page renders, or into
// an error with its HTTP status and a message in the reader's language.
import type { AstroCookies } from 'astro';
import { getIndicators, getYears, listOrgs } from '../indicators/read.ts';
import type { IndicatorReport, OrgListing, OrgRef } from '../indicators/types.ts';
import { translator, type Lang } from '../i18n/index.ts';
import type { Db } from '../db/duckdb.ts';
import { langOf, treeOrder, type OrgOption } from './pages.ts';
import { NoWarehouseError, warehouse } from './warehouse.ts';
import { scopeOrgs } from '../auth/scope.ts';
import type { SessionUser } from '../auth/roles.ts';

export interface OrgPage {
  ok: true;
  lang: Lang;
  db: Db;
  org: OrgRef;
  year: number;
  orgs: OrgOption[];
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
    db = await warehouse();
  } catch (e) {
    if (e instanceof NoWarehouseError) return { ok: false, lang, status: 503, message: t('error.noWarehouse') };
    throw e;
  }
  const code = params.code ?? '';
  const scope = user ? await scopeOrgs(db, user) : null;
  const listing = (await listOrgs(db)).filter((o) => !scope || scope.has(o.code));
  const org = listing.find((o) => o.code === code);
  if (!org) return { ok: false, lang, status: 404, message: t('error.unknownOrg', { code }) };
  const years = await getYears(db, code);
  const year = Number(params.year);
  if (!/^\d{4}$/.test(params.year ?? '') || !years.includes(year)) {
    return { ok: false, lang, status: 404, message: t('error.noYear', { org: org.name, year: params.year ?? '', years: years.join(', ') || '—' }) };
  }
  const report = await getIndicators(db, code, year);
  return { ok: true, lang, db, org: { code: org.code, name: org.name, type: org.type }, year, orgs: treeOrder(listing), listing, years, report };
}

/** The last `n` years with data up to `year`, oldest first. */
export function lastYears(years: number[], year: number, n = 5): number[] {
  return years.filter((y) => y <= year && y > year - n).sort((a, b) => a - b);
}
