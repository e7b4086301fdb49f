// Where things live by default, relative to the project root (so scripts work from any folder).
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const rel = (p: string) => relative(process.cwd(), fileURLToPath(new URL(`../../${p}`, import.meta.url))) || '.';

export const DEFAULT_DB = rel('data/warehouse.duckdb');
