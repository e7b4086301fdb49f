// The schema browser's data: every table the user's sandbox shows, its columns and types, row
// counts (as the user sees them: scoped), and the data contract's descriptions.
import { FAMILIES, FAMILY_ORDER, cleanColumns, type FamilyName } from '../ingest/families.ts';
import { PERSONAL_COLUMNS } from './masking.ts';
import { Sandbox } from './sandbox.ts';
import { RAW_FILE } from './views.ts';

export interface SchemaColumn {
  name: string;
  type: string;
  zh?: string;
  note?: string;
  personal?: boolean;
}
export interface SchemaTable {
  name: string;
  rows: number;
  zh: string;
  en: string;
  hidden: boolean;
  columns: SchemaColumn[];
}

const FIXED: Record<string, [string, string]> = {
  ingest_batch: ['导入批次', 'One row per ingest run'],
  ingest_file: ['导入文件', 'One row per file offered to an ingest, read or refused'],
  quarantine: ['隔离区 (被拒绝的行)', 'Rejected cells and rows, with the reason a clerk can act on'],
  org_closure: ['组织树闭包', 'Every (ancestor, descendant) pair of the org tree, depth 0 for the org itself'],
  indicator_values: ['指标值', 'Indicator values: one row per org, year and indicator key (a view of indicator_cells)'],
  indicator_cells: ['指标值 (存储)', 'Indicator values as stored: org and key as numbers (indicator_orgs, indicator_keys)'],
  indicator_orgs: ['指标组织编号', 'Every org with its numbers in the mart: org_no level by level (children side by side), preorder_no depth first (a subtree is one run)'],
  indicator_keys: ['指标目录', 'The indicator dictionary: every code and breakdown, with its number in the mart'],
  indicator_years: ['指标年份 (已计算)', 'The years the stored mart computes: the reportable years from the first year with headcounts, aid or activities on'],
  reportable_years: ['可报告年份', 'Every year from the first to the last in which any register records a dated event (gaps included); annual = computed in the stored mart'],
};

const PROVENANCE: Record<string, string> = {
  _batch_id: '导入批次 / ingest batch',
  _file_id: '来源文件 / source file (ingest_file.file_id)',
  _row_no: '来源行号 (表头为第1行) / row in the source file, header = row 1',
  _hash: '行内容哈希 / content hash',
  _superseded_by_batch: '被哪个批次取代 / batch that superseded this version',
};

function describe(table: string, fileNames: Map<string, string>): [string, string] {
  const base = table.replace(/_history$/, '') as FamilyName;
  if (FAMILY_ORDER.includes(base)) {
    const f = FAMILIES[base];
    return table.endsWith('_history') ? [`${f.zh} (历史版本)`, `${f.en}: superseded versions`] : [f.zh, f.en];
  }
  if (RAW_FILE.test(table)) return [`原始文件 ${fileNames.get(table) ?? ''}`.trim(), `The file as read, all text${fileNames.has(table) ? `: ${fileNames.get(table)}` : ''}`];
  return FIXED[table] ?? [table, ''];
}

export async function readSchema(dbPath: string, orgScope: string | null): Promise<SchemaTable[]> {
  const sb = await Sandbox.open(dbPath, { orgScope, timeoutMs: 20_000 });
  try {
    await sb.ensureViews('all');
    const cols = await sb.db.all<{ t: string; c: string; ty: string }>(
      `select table_name t, column_name c, data_type ty from duckdb_columns()
        where database_name = 'memory' and schema_name = 'main' order by table_name, column_index`,
    );
    const tables = [...new Set(cols.map((c) => c.t))];
    const counts = tables.length
      ? await sb.db.all<{ t: string; n: number }>(tables.map((t) => `select '${t.replace(/'/g, "''")}' t, count(*) n from main."${t.replace(/"/g, '""')}"`).join(' union all '))
      : [];
    const files = tables.some((t) => RAW_FILE.test(t))
      ? await sb.db.all<{ t: string; f: string }>('select raw_table t, file_name f from main.ingest_file where raw_table is not null')
      : [];
    const fileNames = new Map(files.map((r) => [r.t, r.f]));
    const n = new Map(counts.map((r) => [r.t, Number(r.n)]));
    return tables.map((t) => {
      const base = t.replace(/_history$/, '') as FamilyName;
      const contract = FAMILY_ORDER.includes(base) ? new Map(cleanColumns(FAMILIES[base]).map((c) => [c.name, c])) : new Map();
      const [zh, en] = describe(t, fileNames);
      return {
        name: t,
        rows: n.get(t) ?? 0,
        zh,
        en,
        hidden: sb.hiddenTables.includes(t),
        columns: cols
          .filter((c) => c.t === t)
          .map((c) => {
            const k = contract.get(c.c);
            return {
              name: c.c,
              type: c.ty,
              zh: k?.zh ?? PROVENANCE[c.c],
              note: k?.note,
              personal: !!k?.personal || (!RAW_FILE.test(t) && c.c in PERSONAL_COLUMNS) || undefined,
            };
          }),
      };
    });
  } finally {
    sb.close();
  }
}
