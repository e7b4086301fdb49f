// What every org page needs before it renders: the language, the warehouse, the org and year
// (validated against the mart), the org list and years for the switchers.
import type { AstroCookies } from 'astro';
import { LANG_COOKIE, isLang, type Lang } from '../i18n/index.ts';
import type { IndicatorValue, OrgListing, OrgRef } from '../indicators/types.ts';
import type { Db } from '../db/duckdb.ts';

export type KpiValue = Pick<IndicatorValue, 'value' | 'numerator' | 'denominator' | 'previous'> &
  Partial<Pick<IndicatorValue, 'previous_numerator' | 'previous_denominator' | 'change'>>;

export interface OrgOption {
  code: string;
  name: string;
  depth: number;
}

export const SECTIONS = ['', 'coverage', 'relief', 'training', 'activities', 'rights', 'democracy', 'honours', 'services'] as const;
export type Section = (typeof SECTIONS)[number];

export function langOf(cookies: AstroCookies): Lang {
  const v = cookies.get(LANG_COOKIE)?.value;
  return isLang(v) ? v : 'zh';
}

export function orgPath(code: string, year: number, section: string = ''): string {
  return `/org/${encodeURIComponent(code)}/${year}${section ? `/${section}` : ''}`;
}

/** Orgs in tree order (each parent followed by its subtree), for the switcher. */
export function treeOrder(orgs: OrgListing[]): OrgOption[] {
  const kids = new Map<string | null, OrgListing[]>();
  for (const o of orgs) {
    const list = kids.get(o.parent) ?? [];
    list.push(o);
    kids.set(o.parent, list);
  }
  const codes = new Set(orgs.map((o) => o.code));
  const out: OrgOption[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const o of (kids.get(parent) ?? []).sort((a, b) => a.code.localeCompare(b.code))) {
      out.push({ code: o.code, name: o.name, depth });
      walk(o.code, depth + 1);
    }
  };
  // Roots: no parent, or a parent outside the listing.
  for (const [parent] of kids) if (parent === null || !codes.has(parent)) walk(parent, 0);
  return out;
}

export type PageContext =
  | { ok: true; lang: Lang; db: Db; org: OrgRef; year: number; orgs: OrgOption[]; years: number[] }
  | { ok: false; lang: Lang; status: number; message: string };
