import { readFileSync, readdirSync } from 'node:fs';
const dir = process.argv[2];
const f = readdirSync(dir).find((x) => x.endsWith('.cpuprofile'));
const p = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
const self = new Map(); const byId = new Map(p.nodes.map((n) => [n.id, n]));
const dt = new Map(); for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const total = new Map();
for (const n of p.nodes) {
  const t = dt.get(n.id) ?? 0; const cf = n.callFrame;
  const key = `${cf.functionName || '(anon)'} ${cf.url.split('/node_modules/').pop()?.split('/').slice(-3).join('/')}:${cf.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + t);
  // inclusive: walk up, count each key once per sample path
  const seen = new Set(); let id = n.id;
  while (id !== undefined) { const m = byId.get(id); const c = m.callFrame; const k = `${c.functionName || '(anon)'} ${c.url.split('/node_modules/').pop()?.split('/').slice(-3).join('/')}:${c.lineNumber}`; if (!seen.has(k)) { seen.add(k); total.set(k, (total.get(k) ?? 0) + t); } id = parent.get(id); }
}
const all = [...dt.values()].reduce((a, b) => a + b, 0);
console.log('SELF'); for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / all * 100).toFixed(1).padStart(5), k);
console.log('TOTAL'); for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log((v / all * 100).toFixed(1).padStart(5), k);
