// Sorting of the child-org table from the URL (?sort=CODE&dir=asc|desc), so it works without
// JavaScript and a sorted view can be shared.
import type { ChildValues } from '../indicators/types.ts';

export interface Sorted {
  key: string;
  dir: 'asc' | 'desc';
  rows: ChildValues[];
}

export function sortChildren(rows: ChildValues[], params: URLSearchParams, keys: string[], fallback: string): Sorted {
  const asked = params.get('sort') ?? '';
  const key = keys.includes(asked) ? asked : fallback;
  const dir = params.get('dir') === 'asc' ? 'asc' : 'desc';
  const sign = dir === 'asc' ? 1 : -1;
  const sorted = [...rows].sort((a, b) => {
    const x = a.values[key]?.value ?? null;
    const y = b.values[key]?.value ?? null;
    // Missing values ('—') go last whichever the direction.
    if (x === null || y === null) return x === y ? a.org.code.localeCompare(b.org.code) : x === null ? 1 : -1;
    return x === y ? a.org.code.localeCompare(b.org.code) : sign * (x - y);
  });
  return { key, dir, rows: sorted };
}
