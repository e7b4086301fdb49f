// How a part-2 lineage part's rows add up to its figure (count, sum of a column, distinct keys or the
// sum of the computed column), read off the part's own measure so the test cannot drift from it.
import { AREA_PARTS } from '../../src/lib/auditor/lineage-areas.ts';

export function areaMeasureSql(code: string, sql: string): string | undefined {
  const part = AREA_PARTS[code];
  if (!part) return undefined;
  const computed = /as (_\w+)$/.exec(part.computed ?? '')?.[1];
  if (computed) return `select coalesce(sum(${computed}), 0) from (${sql})`;
  const m = /^(sum of|distinct) (\w+)/.exec(part.measure.en);
  if (m?.[1] === 'sum of') return `select coalesce(sum(${m[2]}), 0) from (${sql})`;
  if (m?.[1] === 'distinct') return `select count(distinct ${m[2]}) from (${sql})`;
  return `select count(*) from (${sql})`;
}
