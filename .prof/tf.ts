import { inflateSync } from 'node:zlib';
import { renderSummary } from '../reports/summary/index.ts';
import * as fx from '../test/reports/fixtures.ts';
import { writeFileSync } from 'node:fs';
const { bytes } = await renderSummary(fx.federation(), { format: 'pdf' });
writeFileSync('.prof/street.pdf', bytes);
const s = bytes.toString('latin1');
const sizes = new Map<string, number>();
for (const m of s.matchAll(/stream\r?\n/g)) {
  const start = m.index! + m[0].length;
  const end = s.indexOf('endstream', start);
  let text = '';
  try { text = inflateSync(bytes.subarray(start, end)).toString('latin1'); } catch { continue; }
  for (const t of text.matchAll(/\/(F\d+) ([\d.]+) Tf(?:\s+([-\d.]+) Tc)?/g)) sizes.set(`${t[1]} ${t[2]}`, (sizes.get(`${t[1]} ${t[2]}`) ?? 0) + 1);
  const tc = [...text.matchAll(/([-\d.]+) Tc/g)].map((x) => x[1]); if (tc.length) sizes.set('Tc ' + [...new Set(tc)].join(','), tc.length);
}
console.log(sizes);
