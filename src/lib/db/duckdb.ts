// The one door to DuckDB. Nothing else in the project imports @duckdb/node-api.
import './allocator.ts'; // first: sets the allocator's options before the library loads
import {
  DuckDBInstance,
  DuckDBTypeId,
  JsonDuckDBValueConverter,
  type DuckDBConnection,
  type DuckDBAppender,
  type DuckDBResultReader,
  type DuckDBValue,
} from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export type Params = Record<string, string | number | boolean | null | bigint>;
/** A row as the rest of the project sees it: numbers, strings (dates as YYYY-MM-DD), booleans, null. */
export type Row = Record<string, string | number | boolean | null>;

export interface OpenOptions {
  readOnly?: boolean;
  /** DuckDB memory_limit, e.g. '1GB'. */
  memoryLimit?: string;
  threads?: number;
  /** Extra DuckDB config (strings), e.g. for the auditor sandbox. */
  config?: Record<string, string>;
}

/** UA_SQL_TIMING=1 prints every statement run through `run`, `all` and the helpers on them with its duration (for profiling). */
const TIMING = process.env.UA_SQL_TIMING === '1';

export const QUERIES_DIR = fileURLToPath(new URL('../../../queries/', import.meta.url));

/** Reads a SQL file from queries/, e.g. sql('marts/coverage.sql'). */
export function sql(relPath: string): string {
  return readFileSync(join(QUERIES_DIR, relPath), 'utf8');
}

/**
 * The physical memory a writer's block allocator may keep (DuckDB's `block_allocator_memory`: blocks
 * freed are kept for reuse, never returned to the system while the instance lives; past it, blocks
 * come from the default allocator). A small upload's write touches well under it; the server's warm
 * writer holds what it touched until it closes (src/lib/db/warm.ts).
 */
export const WRITER_BLOCK_MEMORY = '256MB';

export class Db {
  readonly path: string;
  private instance: DuckDBInstance;
  readonly con: DuckDBConnection;
  /** Statements running now, and when the last one ended: a reader lets go of an old file once idle. */
  private running = 0;
  private lastEnd = Date.now();

  private constructor(path: string, instance: DuckDBInstance, con: DuckDBConnection) {
    this.path = path;
    this.instance = instance;
    this.con = con;
  }

  static async open(path: string, opts: OpenOptions = {}): Promise<Db> {
    const config: Record<string, string> = { ...(opts.config ?? {}) };
    if (opts.readOnly) config.access_mode = 'READ_ONLY';
    if (opts.memoryLimit) config.memory_limit = opts.memoryLimit;
    if (opts.threads) config.threads = String(opts.threads);
    const instance = await DuckDBInstance.create(path, config);
    const con = await instance.connect();
    const db = new Db(path, instance, con);
    db.threads = opts.threads;
    return db;
  }

  /** The instance's worker threads as asked for (undefined: DuckDB's default, one per core). */
  threads: number | undefined;

  /**
   * Sets the instance's worker threads (undefined: back to DuckDB's default) when they differ from
   * what it has: a change stops or starts workers (75–165 ms measured), so it is made only then.
   */
  async setThreads(n: number | undefined): Promise<void> {
    if (n === this.threads) return;
    await this.run(n ? `set threads = ${Math.floor(n)}` : 'reset threads');
    this.threads = n;
  }

  /** Runs one or more statements (no result wanted). Parameters are bound as $name, never spliced. */
  async run(text: string, params?: Params): Promise<void> {
    return this.track(() => this.runNow(text, params));
  }

  private async runNow(text: string, params?: Params): Promise<void> {
    const started = TIMING ? performance.now() : 0;
    try {
      if (params && Object.keys(params).length) await this.con.run(text, params as never);
      else await this.con.run(text);
    } catch (e) {
      // a failure can be masked by what its caller runs next ("transaction is aborted"): say it here
      if (TIMING) process.stderr.write(`[sql failed] ${(e as Error).message.slice(0, 300)}: ${text.replace(/\s+/g, ' ').slice(0, 110)}\n`);
      throw e;
    }
    if (TIMING) process.stderr.write(`[sql ${(performance.now() - started).toFixed(0).padStart(6)} ms] ${text.replace(/\s+/g, ' ').slice(0, 110)}\n`);
  }

  /** Runs a query and returns plain rows. */
  async all<T extends Row = Row>(text: string, params?: Params): Promise<T[]> {
    return this.track(() => this.allNow<T>(text, params));
  }

  private async allNow<T extends Row>(text: string, params?: Params): Promise<T[]> {
    const started = TIMING ? performance.now() : 0;
    const result =
      params && Object.keys(params).length
        ? await this.con.runAndReadAll(text, params as never)
        : await this.con.runAndReadAll(text);
    if (TIMING) process.stderr.write(`[sql ${(performance.now() - started).toFixed(0).padStart(6)} ms] ${text.replace(/\s+/g, ' ').slice(0, 110)}\n`);
    return plainRows(result) as T[];
  }

  async one<T extends Row = Row>(text: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(text, params))[0];
  }

  /** A single value from the first column of the first row. */
  async value<T extends string | number | boolean | null>(text: string, params?: Params): Promise<T> {
    const row = await this.one(text, params);
    return (row ? Object.values(row)[0] : null) as T;
  }

  /** Columns as arrays, for Arrow or chart data. */
  async columns(text: string, params?: Params): Promise<Record<string, unknown[]>> {
    const reader = await this.track(() => (params ? this.con.runAndReadAll(text, params as never) : this.con.runAndReadAll(text)));
    return reader.getColumnsObjectJS() as Record<string, unknown[]>;
  }

  /**
   * A query's result chunk by chunk (about 2048 rows each), as JSON-safe columns, so a caller can
   * stop reading at a row or byte cap without materialising the rest (the auditor's sandbox).
   */
  async streamJson(text: string): Promise<{ names: string[]; types: string[]; next: () => Promise<unknown[][] | null> }> {
    const result = await this.con.stream(text);
    return {
      names: result.columnNames(),
      types: result.columnTypes().map((t) => t.toString()),
      next: async () => {
        const chunk = await result.fetchChunk();
        return chunk && chunk.rowCount > 0 ? (chunk.convertColumns(JsonDuckDBValueConverter) as unknown[][]) : null;
      },
    };
  }

  async appender(table: string): Promise<DuckDBAppender> {
    return this.con.createAppender(table);
  }

  private async track<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.lastEnd = Date.now();
    }
  }

  /** No statement (run, all, columns) is running, and none ended in the last `ms`. */
  idleFor(ms: number): boolean {
    return this.running === 0 && Date.now() - this.lastEnd >= ms;
  }

  /**
   * A file opened for writing as the default database (`wh`) of an in-memory instance. `detachFile`
   * lets go of the file and its lock in milliseconds, where closing an instance that has written a
   * large file takes 0.1–0.2 s at scale 250 (freeing what it read): a writer lets go of its file
   * before the swap and closes the instance after the answer (src/lib/db/README.md). Spills go next to
   * the file, as for a file opened directly.
   *
   * A writer's blocks come from DuckDB's block allocator (WRITER_BLOCK_MEMORY): a write allocates
   * and frees thousands of 256 KB blocks (every column of every table its checkpoint touches, the
   * mart's temp tables), and through the default allocator each went back to the system and was
   * faulted in again (madvise, page faults, TLB shootdowns: on this VM a third of a small upload's
   * CPU, most of its commit).
   */
  static async openAttached(path: string, opts: OpenOptions = {}): Promise<Db> {
    const db = await Db.open(':memory:', {
      ...opts, config: { temp_directory: `${path}.tmp`, block_allocator_memory: WRITER_BLOCK_MEMORY, ...(opts.config ?? {}) },
    });
    try {
      await db.attachFile(path);
    } catch (e) {
      db.close();
      throw e;
    }
    return db;
  }

  /** The file attached read-write as the default database (openAttached), if any. */
  attached: string | undefined;

  async attachFile(path: string): Promise<void> {
    if (this.attached) throw new Error(`internal: ${this.attached} is still attached`);
    await this.run(`attach '${path.replace(/'/g, "''")}' as wh; use wh`);
    this.attached = path;
  }

  async detachFile(): Promise<void> {
    if (!this.attached) return;
    await this.run('use memory; detach wh');
    this.attached = undefined;
  }

  /** Percentage done of the running query (-1 when unknown). */
  progress(): number {
    return this.con.progress.percentage;
  }

  interrupt(): void {
    this.con.interrupt();
  }

  close(): void {
    this.con.closeSync();
    this.instance.closeSync();
  }
}

function plainRows(result: DuckDBResultReader): Row[] {
  const names = result.columnNames();
  const types = result.columnTypes();
  const rows = result.getRows();
  return rows.map((values) => {
    const out: Row = {};
    values.forEach((v, i) => {
      out[names[i]!] = plain(v, types[i]!.typeId);
    });
    return out;
  });
}

function plain(v: DuckDBValue, typeId: DuckDBTypeId): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  switch (typeId) {
    case DuckDBTypeId.DECIMAL:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return Number(String(v));
    default:
      return String(v);
  }
}
