// Golden-file helper: compares a value's JSON with test/output/<name>.json and, on mismatch, writes
// <name>-changed.json beside it (gitignored) so the difference can be reviewed and copied over.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const OUTPUT_DIR = join(import.meta.dirname, '../output');

/** Stable JSON of a pdfmake document definition: functions named, chart SVGs reduced to their size. */
export function docJson(doc: unknown): string {
  return JSON.stringify(
    doc,
    (key, value) => {
      if (typeof value === 'function') return `[function ${key}]`;
      if (key === 'svg' && typeof value === 'string') {
        const m = /<svg width="(\d+)" height="(\d+)"/.exec(value);
        return `[svg ${m ? `${m[1]}x${m[2]}` : '?'}]`;
      }
      return value;
    },
    2,
  ) + '\n';
}

/** Returns null when the golden file matches (or was just created), else a message. */
export function compareGolden(name: string, actual: string): string | null {
  const file = join(OUTPUT_DIR, `${name}.json`);
  const changed = join(OUTPUT_DIR, `${name}-changed.json`);
  mkdirSync(dirname(file), { recursive: true });
  if (!existsSync(file)) {
    writeFileSync(file, actual);
    return null;
  }
  if (readFileSync(file, 'utf8') === actual) {
    rmSync(changed, { force: true });
    return null;
  }
  writeFileSync(changed, actual);
  return `${file} differs from the output; review ${changed} and copy it over if the change is intended`;
}
