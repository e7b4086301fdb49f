// One WarehouseReader per server process. It reopens the file when an ingest swaps a new one in,
// so pages always see the latest data without a restart.
import { existsSync } from 'node:fs';
import { WarehouseReader } from '../db/warehouse.ts';
import type { Db } from '../db/duckdb.ts';
import { config } from './config.ts';

let reader: WarehouseReader | undefined;

export class NoWarehouseError extends Error {}

export async function warehouse(): Promise<Db> {
  if (!existsSync(config.db)) {
    throw new NoWarehouseError(
      `找不到数据仓库 ${config.db}。请先运行 npm run ingest -- <文件夹>。 / No warehouse at ${config.db}: run npm run ingest first.`,
    );
  }
  reader ??= new WarehouseReader(config.db, { threads: 2 });
  return reader.get();
}

/** Changes exactly when a new warehouse is swapped in: a cheap cache key and "data as of" marker. */
export function snapshot(): number {
  return reader?.snapshot() ?? 0;
}
