// Uploads by accounts limited to an org subtree may only carry rows of that subtree. Before the
// ingest runs, each file is read the way the ingest reads it (same detection, raw loader and header
// mapping, in a private in-memory DuckDB) and its org references are checked against org_closure.
// A file with rows outside the subtree is refused whole, with the rows to look at; blank references
// are left to the ingest, which quarantines them as missing.
import { Db } from '../db/duckdb.ts';
import { RefusedFile, inspectFile, recogniseFamily, type HeaderMapping } from '../ingest/detect.ts';
import { loadRaw, type RawLoad } from '../ingest/load-raw.ts';

export interface ScopeRefusal {
  path: string;
  message: string;
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

interface Loaded {
  path: string;
  raw: RawLoad;
  mapping: HeaderMapping;
}

export async function checkUploadScope(warehousePath: string, paths: string[], orgScope: string): Promise<ScopeRefusal[]> {
  const db = await Db.open(':memory:', { threads: 2 });
  try {
    await db.run(`attach ${lit(warehousePath)} as wh (read_only)`);
    await db.run(`create temp table scope as select descendant as code from wh.main.org_closure where ancestor = ${lit(orgScope)}`);
    const loaded: Loaded[] = [];
    for (const [i, path] of paths.entries()) {
      try {
        const facts = await inspectFile(path);
        const raw = await loadRaw(db, facts, i + 1);
        loaded.push({ path, raw, mapping: recogniseFamily(facts.fileName, raw.headers) });
      } catch (e) {
        if (!(e instanceof RefusedFile)) throw e; // the ingest reports unreadable files itself
      }
    }
    const col = (l: Loaded, c: string) => {
      const h = l.mapping.columns.get(c);
      return h ? `nullif(trim(${ident(h)}), '')` : 'null';
    };
    const of = (family: string) => loaded.filter((l) => l.mapping.family.name === family);
    // Orgs, units and activities of this upload count as in scope when they themselves are.
    const newOrgs = of('orgs').map((l) => `select ${col(l, 'org_code')} from ${l.raw.table} where ${col(l, 'parent_code')} in (select code from scope)`);
    const S = `(select code from scope${newOrgs.map((q) => ` union ${q}`).join('')})`;
    const units = [`select unit_code from wh.main.units where area_org_code in ${S} or union_org_code in ${S}`,
      ...of('units').map((l) => `select ${col(l, 'unit_code')} from ${l.raw.table} where ${col(l, 'area_org_code')} in ${S}`)].join(' union ');
    const acts = [`select activity_no from wh.main.activities where org_code in ${S}`,
      ...of('activities').map((l) => `select ${col(l, 'activity_no')} from ${l.raw.table} where ${col(l, 'org_code')} in ${S}`)].join(' union ');

    const refusals: ScopeRefusal[] = [];
    for (const l of loaded) {
      const f = l.mapping.family.name;
      const rule: [string, string] | null =
        f === 'orgs' ? [col(l, 'parent_code'), S]
        : f === 'units' ? [col(l, 'area_org_code'), S]
        // registers kept per unit (headcounts; data-contract-2's democracy, dues, contract_units)
        : ['headcounts', 'democracy', 'dues', 'contract_units'].includes(f) ? [col(l, 'unit_code'), `(${units})`]
        : f === 'enrollments' ? [col(l, 'activity_no'), `(${acts})`]
        : [col(l, 'org_code'), S];
      const rowNo = l.raw.rowNoExpr;
      const outside = await db.all<{ row_no: number; v: string }>(
        `select ${rowNo} as row_no, ${rule[0]} as v from ${l.raw.table}
          where ${rule[0]} is not null and ${rule[0]} not in ${rule[1]} order by 1 limit 6`,
      );
      // A scoped account may not add a root org (no parent) either.
      const roots = f === 'orgs' ? Number(await db.value(`select count(*) from ${l.raw.table} where ${col(l, 'parent_code')} is null and ${col(l, 'org_code')} is not null`)) : 0;
      if (outside.length || roots) {
        const rows = outside.slice(0, 5).map((r) => `${r.row_no} (${r.v})`).join(', ');
        refusals.push({
          path: l.path,
          message:
            `文件中有不属于您管辖范围 (${orgScope} 及其下级) 的数据${rows ? `，如第 ${rows} 行` : '（新增了顶级组织）'}。请只上传本组织及下级的记录。` +
            ` / The file has rows outside your scope (${orgScope} and below)${rows ? `, e.g. rows ${rows}` : ' (a new top-level org)'}. Upload only your subtree's records.`,
        });
      }
    }
    return refusals;
  } finally {
    db.close();
  }
}
