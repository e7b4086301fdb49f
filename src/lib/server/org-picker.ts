// The org picker's list: every org the user may see, in tree order, with what a person types to
// find it: the name, the code, or the pinyin initials of the name (云岭县总工会 → ylxzgh). The
// initials are computed on the server (pinyin-pro, which knows the polyphones of place names: 长安 →
// ca, 重庆 → cq), once per warehouse snapshot, so the browser downloads no dictionary.
import { pinyin } from 'pinyin-pro';
import type { OrgListing } from '../indicators/types.ts';
import { treeOrder, type OrgOption } from './pages.ts';

export interface PickerOrg extends OrgOption {
  parent: string | null;
  /** Lower-case pinyin initials of the name; other characters (digits, Latin) kept as they are. */
  initials: string;
}

export function initials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/\s+/g, '');
}

const memo = new Map<string, string>();

/** The picker's rows for a listing (already limited to the user's scope), in tree order. */
export function pickerOrgs(listing: OrgListing[]): PickerOrg[] {
  const parents = new Map(listing.map((o) => [o.code, o.parent]));
  return treeOrder(listing).map((o) => {
    let py = memo.get(o.name);
    if (py === undefined) memo.set(o.name, (py = initials(o.name)));
    const parent = parents.get(o.code) ?? null;
    return { ...o, parent: parent && parents.has(parent) ? parent : null, initials: py };
  });
}

/** Does a picker row match what was typed? Its name, code or initials contain it (the page script does the same). */
export function matches(o: Pick<PickerOrg, 'name' | 'code' | 'initials'>, typed: string): boolean {
  const t = typed.trim().toLowerCase();
  if (!t) return true;
  return o.name.includes(typed.trim()) || o.code.toLowerCase().includes(t) || o.initials.includes(t);
}
