// The auditor's SQL sandbox: a fresh in-memory DuckDB per query that attaches the warehouse
// read-only, puts masked (and, for limited accounts, subtree-filtered) views in front of every table,
// then locks itself down: no file or network access, no extension loading, no settings changes.
// One statement at a time (guard.ts), a timeout that interrupts, a memory limit and a row cap.
// Each query runs in its own killable process: sandbox-process.ts.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Db } from '../db/duckdb.ts';
import { checkQuery, Refusal } from './guard.ts';
import { MASK_MACROS_SQL } from './masking.ts';
import { planViews, readTables, WH, type TableInfo, type ViewOptions } from './views.ts';

export { Refusal };

export const SANDBOX_DEFAULTS = { timeoutMs: 30_000, maxRows: 100_000, maxBytes: 16 * 1024 * 1024, memoryLimit: '1GB', threads: 2 };

export interface SandboxOptions {
  unmask?: boolean;
  orgScope?: string | null;
  timeoutMs?: number;
  maxRows?: number;
  /** Cap on the result's size (text length of its values): wide rows stop before the row cap. */
  maxBytes?: number;
  memoryLimit?: string;
  threads?: number;
}

export type Cell = string | number | boolean | null | Cell[] | { [k: string]: Cell };

export interface QueryResult {
  columns: { name: string; type: string }[];
  rows: Cell[][];
  /** True when the query had more rows than the caps allow; `rows` holds the first ones. */
  truncated: boolean;
  /** Which cap cut it: `maxRows` rows, or `maxBytes` of values. */
  truncatedBy?: 'rows' | 'bytes' | null;
  maxRows: number;
  maxBytes?: number;
  elapsedMs: number;
  masked: boolean;
}

export class SandboxError extends Error {
  /** 'memory': the query passed the memory limit (its process was killed, or DuckDB refused). */
  readonly kind: 'timeout' | 'memory' | 'error';
  /** The query's process was killed from outside (memory watcher, hard wall clock). */
  readonly killed: boolean;
  constructor(kind: 'timeout' | 'memory' | 'error', message: string, killed = false) {
    super(message);
    this.kind = kind;
    this.killed = killed;
  }
}

export class Sandbox {
  readonly db: Db;
  readonly masked: boolean;
  private opts: Required<Omit<SandboxOptions, 'orgScope' | 'unmask'>>;
  private viewOptions: ViewOptions;
  /** Warehouse tables and their columns. */
  private tables: Map<string, TableInfo>;
  private created = new Set<string>();
  private hidden = new Set<string>();

  private constructor(db: Db, tables: Map<string, TableInfo>, viewOptions: ViewOptions, opts: Sandbox['opts']) {
    this.db = db;
    this.tables = tables;
    this.viewOptions = viewOptions;
    this.masked = !viewOptions.unmask;
    this.opts = opts;
  }

  static async open(dbPath: string, o: SandboxOptions = {}): Promise<Sandbox> {
    if (!existsSync(dbPath)) throw new SandboxError('error', `找不到数据仓库 ${dbPath} / no warehouse at ${dbPath}: run npm run ingest first`);
    const opts = { ...SANDBOX_DEFAULTS, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) } as Sandbox['opts'];
    const db = await Db.open(':memory:', {
      memoryLimit: duckdbMemoryLimit(opts.memoryLimit),
      threads: opts.threads,
      config: { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' },
    });
    try {
      await db.run(`attach ${sqlString(dbPath)} as ${WH} (read_only)`);
      // (No secret enters the sandbox: person keys are pseudonymised at ingest, pseudonym.ts.)
      const tables = await readTables(db);
      await db.run(MASK_MACROS_SQL);
      await db.run(`use memory; set enable_external_access = false; set lock_configuration = true;`);
      return new Sandbox(db, tables, { unmask: !!o.unmask, orgScope: o.orgScope ?? null }, opts);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  /**
   * Creates the masked/scoped views of the given warehouse tables (or of all). Views are made on
   * demand: a warehouse that has taken hundreds of uploads has hundreds of raw_file_* tables, and
   * a query names only a few of them.
   */
  async ensureViews(names: Iterable<string> | 'all'): Promise<void> {
    const wanted = names === 'all' ? [...this.tables.keys()] : [...names].map((n) => n.toLowerCase());
    const todo = new Map([...new Set(wanted)].filter((n) => this.tables.has(n) && !this.created.has(n)).map((n) => [n, this.tables.get(n)!]));
    if (!todo.size) return;
    const plans = planViews(todo, this.viewOptions, this.tables);
    await this.db.run(plans.map((p) => p.sql).join('\n'));
    for (const p of plans) {
      this.created.add(p.table);
      if (p.hidden) this.hidden.add(p.table);
    }
  }

  /** Tables whose rows the account's subtree limit hides entirely (of the views made so far). */
  get hiddenTables(): string[] {
    return [...this.hidden];
  }

  /** Runs one query under the guard, the timeout and the row cap. Throws Refusal or SandboxError. */
  async query(text: string): Promise<QueryResult> {
    const refs = await checkQuery(this.db, text);
    // Metadata queries (information_schema, duckdb_tables() …) see every view; others get theirs.
    await this.ensureViews(refs.metadata ? 'all' : refs.tables);
    const started = performance.now();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      this.db.interrupt();
    }, this.opts.timeoutMs);
    try {
      // Read chunk by chunk and stop at the row cap or the byte cap, whichever comes first; the
      // result says so (truncated, truncatedBy) instead of coming back silently short.
      const stream = await this.db.streamJson(text);
      const { names, types } = stream;
      const convert = types.map((t) => (INT_TYPES.test(t) || t.startsWith('DECIMAL') ? (v: unknown) => cell(v, t) : (v: unknown) => v as Cell));
      const rows: Cell[][] = [];
      let bytes = 0;
      let truncatedBy: 'rows' | 'bytes' | null = null;
      read: for (let cols = await stream.next(); cols; cols = await stream.next()) {
        const n = cols[0]?.length ?? 0;
        for (let r = 0; r < n; r++) {
          if (rows.length >= this.opts.maxRows) {
            truncatedBy = 'rows';
            break read;
          }
          const row: Cell[] = new Array(cols.length);
          for (let c = 0; c < cols.length; c++) {
            const v = (row[c] = convert[c]!(cols[c]![r]));
            bytes += typeof v === 'string' ? v.length + 8 : v !== null && typeof v === 'object' ? JSON.stringify(v).length : 8;
          }
          if (bytes > this.opts.maxBytes) {
            truncatedBy = 'bytes';
            break read;
          }
          rows.push(row);
        }
      }
      // An interrupted stream just ends: without this a timed-out query came back short, unmarked.
      if (timedOut) throw new Error('INTERRUPT');
      return {
        columns: names.map((name, i) => ({ name, type: types[i]! })),
        rows,
        truncated: truncatedBy !== null,
        truncatedBy,
        maxRows: this.opts.maxRows,
        maxBytes: this.opts.maxBytes,
        elapsedMs: Math.round(performance.now() - started),
        masked: this.masked,
      };
    } catch (e) {
      const msg = (e as Error).message;
      if (timedOut || /INTERRUPT/i.test(msg)) {
        throw new SandboxError('timeout', `查询超过 ${this.opts.timeoutMs / 1000} 秒，已中止 / the query ran longer than ${this.opts.timeoutMs / 1000} s and was stopped`);
      }
      if (/Out of Memory/i.test(msg)) throw memoryError(this.opts.memoryLimit, `DuckDB: ${msg}`);
      if (/enable_external_access|lock_configuration|disabled by configuration|Permission Error/i.test(msg)) {
        throw new Refusal(`沙箱不允许此操作 / not allowed in the sandbox: ${msg}`);
      }
      throw new SandboxError('error', msg);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    this.db.close();
  }
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

const INT_TYPES = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/;

/** JSON-safe values: integers and decimals as numbers when exact enough, dates as text. */
function cell(v: unknown, type: string): Cell {
  if (typeof v === 'string' && (INT_TYPES.test(type) || type.startsWith('DECIMAL'))) {
    const n = Number(v);
    return Number.isSafeInteger(n) || (type.startsWith('DECIMAL') && Number.isFinite(n)) ? n : v;
  }
  return v as Cell;
}

const UNITS: Record<string, number> = { B: 1, KB: 1e3, KIB: 1024, MB: 1e6, MIB: 1024 ** 2, GB: 1e9, GIB: 1024 ** 3 };
/** '1GB' → bytes (DuckDB's units). */
export function parseBytes(s: string): number {
  const m = /^\s*([\d.]+)\s*([a-z]*)\s*$/i.exec(s);
  return m ? Number(m[1]) * (UNITS[(m[2] || 'B').toUpperCase()] ?? 1) : NaN;
}


/**
 * The query process's memory limit (`memoryLimit`, 1 GB by default) is a limit on the whole process,
 * watched from outside: scalar functions (repeat, lpad, string_agg …) allocate outside DuckDB's
 * buffer manager, so DuckDB's own memory_limit never stops them. DuckDB itself gets the limit less
 * what Node and DuckDB need before any query (about 150 MB measured; 256 MB kept), so that
 * its own operators refuse or spill before the watcher has to kill the process.
 */
export const PROCESS_OVERHEAD = 256 * 1024 * 1024;


function duckdbMemoryLimit(limit: string): string {
  const bytes = parseBytes(limit);
  if (!Number.isFinite(bytes)) return limit;
  return `${Math.max(64, Math.floor((bytes - PROCESS_OVERHEAD) / 1024 ** 2))}MiB`;
}

/** '1GB' → '1 GB' (as the user wrote the limit, spaced for reading). */
function shownLimit(limit: string): string {
  return limit.replace(/^\s*([\d.]+)\s*([a-z]+)\s*$/i, '$1 $2');
}

export function memoryError(limit: string, detail?: string, killed = false): SandboxError {
  const l = shownLimit(limit);
  return new SandboxError(
    'memory',
    `查询超出内存上限（${l}），已强制中止：请先聚合或筛选，或缩小范围后再试。 / The query needed more than the memory limit (${l}) and was stopped: aggregate or filter first.${detail ? ` (${detail})` : ''}`,
    killed,
  );
}
