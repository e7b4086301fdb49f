// What the sandbox accepts: exactly one read-only query that reads only the sandbox's own views.
//
// DuckDB parses the text for us (extractStatements for the count, json_serialize_sql for the tree:
// it serialises SELECT statements only, so anything else — writes, DDL, COPY, ATTACH, SET, PRAGMA,
// INSTALL, EXPORT — fails there). The tree is then walked for every table reference and table
// function. The engine settings (read-only attach, enable_external_access=false, no extension
// autoloading, lock_configuration) are the second wall behind this one.
import type { Db } from '../db/duckdb.ts';

export class Refusal extends Error {
  readonly kind = 'refused';
}

/** Table functions that read no files and no data beyond what the views show. */
const TABLE_FUNCTIONS = new Set([
  'range', 'generate_series', 'unnest', 'json_each', 'json_tree',
  'duckdb_tables', 'duckdb_views', 'duckdb_columns', 'duckdb_constraints', 'duckdb_types',
  'duckdb_functions', 'duckdb_keywords', 'duckdb_schemas', 'duckdb_indexes', 'pragma_table_info',
]);
const SCHEMAS = new Set(['', 'main', 'information_schema', 'pg_catalog']);
const CATALOGS = new Set(['', 'memory', 'system', 'temp']);

const FIRST_WORD_MESSAGES: [RegExp, string][] = [
  [/^(insert|update|delete|merge|truncate)\b/i, '沙箱是只读的，不能修改数据 / the sandbox is read-only: writes are not allowed'],
  [/^(create|drop|alter|comment|vacuum|checkpoint|analyze)\b/i, '沙箱不允许建表、删表或改结构 / the sandbox does not allow DDL (CREATE, DROP, ALTER …)'],
  [/^(copy|export|import)\b/i, '沙箱不能读写文件，请用导出按钮或 --format / the sandbox has no file access (COPY/EXPORT/IMPORT); export results with the console buttons or --format'],
  [/^(attach|detach|use)\b/i, '沙箱不能挂载或切换数据库 / ATTACH, DETACH and USE are not allowed in the sandbox'],
  [/^(install|load|force)\b/i, '沙箱不能安装或加载扩展 / extensions cannot be installed or loaded in the sandbox'],
  [/^(set|reset|pragma)\b/i, '沙箱不能修改设置 / settings cannot be changed in the sandbox (SET, RESET, PRAGMA)'],
  [/^(call|execute|prepare|deallocate|begin|commit|rollback|abort|start|end)\b/i, '沙箱只接受一条查询语句 (SELECT/WITH/FROM/VALUES/DESCRIBE/SUMMARIZE) / only a query is allowed (SELECT, WITH, FROM, VALUES, DESCRIBE, SUMMARIZE)'],
];

function stripLeadingComments(s: string): string {
  let t = s.trimStart();
  for (;;) {
    if (t.startsWith('--')) t = t.slice(t.indexOf('\n') === -1 ? t.length : t.indexOf('\n') + 1).trimStart();
    else if (t.startsWith('/*')) t = t.slice(t.indexOf('*/') === -1 ? t.length : t.indexOf('*/') + 2).trimStart();
    else if (t.startsWith('(')) t = t.slice(1).trimStart();
    else return t;
  }
}

function walk(node: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

export interface QueryRefs {
  /** Plain table names the query reads (CTE names included: harmless). */
  tables: Set<string>;
  /** True when it reads catalog metadata (information_schema, pg_catalog, duckdb_*()). */
  metadata: boolean;
}

/** Throws a Refusal with a clear message unless `text` is one query the sandbox may run. */
export async function checkQuery(parser: Db, text: string): Promise<QueryRefs> {
  const refs: QueryRefs = { tables: new Set(), metadata: false };
  if (!text.trim()) throw new Refusal('没有 SQL / no SQL given');
  if (text.length > 200_000) throw new Refusal('SQL 过长 (最多 200 000 字符) / the SQL is too long (200 000 characters at most)');
  let count: number;
  try {
    count = (await parser.con.extractStatements(text)).count;
  } catch (e) {
    throw new Refusal(`SQL 语法错误 / SQL syntax error: ${(e as Error).message.replace(/^Parser Error: /, '')}`);
  }
  if (count === 0) throw new Refusal('没有 SQL 语句 / no SQL statement given');
  if (count > 1) throw new Refusal(`一次只能执行一条语句，这里有 ${count} 条 / one statement at a time: this text holds ${count}`);
  const json = String(await parser.value('select json_serialize_sql($q::varchar)', { q: text }));
  const tree = JSON.parse(json) as { error: boolean; error_message?: string; statements?: unknown[] };
  if (tree.error) {
    const first = stripLeadingComments(text);
    for (const [re, msg] of FIRST_WORD_MESSAGES) if (re.test(first)) throw new Refusal(msg);
    throw new Refusal(
      /Only SELECT/.test(tree.error_message ?? '')
        ? '沙箱只接受一条查询语句 (SELECT/WITH/FROM/VALUES/DESCRIBE/SUMMARIZE) / only a read-only query is allowed (SELECT, WITH, FROM, VALUES, DESCRIBE, SUMMARIZE)'
        : `SQL 无法解析 / the SQL could not be parsed: ${tree.error_message}`,
    );
  }
  walk(tree.statements, (o) => {
    if ((o.type === 'BASE_TABLE' || o.type === 'SHOW_REF') && /^(.*\.)?"?ua_/i.test(String(o.table_name ?? ''))) {
      throw new Refusal(`${o.table_name} 是沙箱内部的表 / ${o.table_name} is internal to the sandbox`);
    }
    if (o.type === 'BASE_TABLE') {
      const catalog = String(o.catalog_name ?? '');
      const schema = String(o.schema_name ?? '');
      if (/^(information_schema|pg_catalog)$/i.test(schema) || /^(information_schema|pg_catalog)$/i.test(catalog)) refs.metadata = true;
      else if (!catalog && !schema && /^pg_/i.test(String(o.table_name))) refs.metadata = true; // pg_catalog views resolve unqualified
      else refs.tables.add(String(o.table_name ?? '').toLowerCase());
      if (!CATALOGS.has(catalog.toLowerCase()) || !SCHEMAS.has(schema.toLowerCase())) {
        const name = [catalog, schema, o.table_name].filter(Boolean).join('.');
        throw new Refusal(
          `不能访问 ${name}：请直接用表名 (如 members) / ${name} is not reachable from the sandbox: use the plain table names (e.g. members)`,
        );
      }
    } else if (o.type === 'TABLE_FUNCTION') {
      const fn = o.function as { function_name?: string; schema?: string } | undefined;
      const name = String(fn?.function_name ?? '').toLowerCase();
      if (name.startsWith('duckdb_') || name === 'pragma_table_info') refs.metadata = true;
      if (!TABLE_FUNCTIONS.has(name) || (fn?.schema && fn.schema !== 'main')) {
        throw new Refusal(
          `沙箱中不能使用表函数 ${name}()：不能读文件或网络 / the table function ${name}() is not available in the sandbox (no file or network access)`,
        );
      }
    } else if (o.type === 'SHOW_REF') {
      const name = String(o.table_name ?? '');
      if (name.includes('.') && !/^(main|memory)\./i.test(name)) {
        throw new Refusal(`不能访问 ${name} / ${name} is not reachable from the sandbox: use the plain table names`);
      }
      if (name) refs.tables.add(name.split('.').pop()!.replace(/"/g, '').toLowerCase());
    }
  });
  return refs;
}
