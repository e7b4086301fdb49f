// Where a dashboard figure's "rows behind it" link points, for users allowed to follow it (auditors
// only); null for everyone else, so KPI cards render the link only when it would open.
import { may, type SessionUser } from '../auth/roles.ts';
import { LINEAGE_CODES } from './lineage-codes.ts';
import { resolve } from '../indicators/dictionary.ts';

export function lineageLink(user: SessionUser | null | undefined, key: string, org: string, year: number): string | null {
  if (!may(user, 'audit')) return null;
  const r = resolve(key);
  const parts = r?.numerator ? [r.numerator, r.denominator].filter(Boolean) : [key];
  if (!parts.some((p) => LINEAGE_CODES.includes(String(p).split(':')[0]!))) return null;
  return `/audit/lineage?${new URLSearchParams({ key, org, year: String(year) })}`;
}
