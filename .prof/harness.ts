import { Db } from '../src/lib/db/duckdb.ts';
import { listOrgs, getYears } from '../src/lib/indicators/read.ts';
import { renderSummary } from '../reports/summary/index.ts';
import { hasData, loadSummaryInput } from '../reports/summary/load.ts';
const db = await Db.open('data/warehouse.duckdb', { readOnly: true });
const orgs = await listOrgs(db);
const years = await getYears(db, orgs[0]!.code);
const year = years.at(-1)!;
console.log('orgs', orgs.length, 'year', year);
const picked = orgs.filter((_, i) => i % Math.floor(orgs.length / 20) === 0).slice(0, 20);
const inputs = [];
let t = performance.now();
for (const o of picked) { const i = await loadSummaryInput(db, o.code, year, { generatedAt: '2026-01-15T02:30:00.000Z', orgs }); if (hasData(i)) inputs.push(i); }
console.log('load ms/org', ((performance.now() - t) / picked.length).toFixed(1));
const fmt = process.argv[2] ?? 'pdf';
for (let r = 0; r < 3; r++) {
  const ms: number[] = [];
  for (const i of inputs) { t = performance.now(); await renderSummary(i, { format: fmt as 'pdf' }); ms.push(performance.now() - t); }
  ms.sort((a, b) => a - b);
  console.log(fmt, 'round', r, 'median', ms[ms.length >> 1]!.toFixed(0));
}
db.close();
