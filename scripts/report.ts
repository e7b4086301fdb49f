// npm run report -- [--db FILE] (--org CODE | --all) --year YYYY [--format pdf|docx|both] [--out FILE | --out-dir DIR]
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { parseReportArgs, UsageError, USAGE } from '../reports/cli-args.ts';

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let args;
try {
  args = parseReportArgs(process.argv.slice(2), process.env);
} catch (e) {
  if (e instanceof UsageError) fail(2, `${e.message}\n\n${USAGE}`);
  throw e;
}
if (args.help) {
  process.stdout.write(USAGE + '\n');
  process.exit(0);
}
if (!existsSync(args.db)) {
  fail(1, `找不到数据仓库 ${args.db}：请先运行 npm run ingest -- <文件夹>，或用 --db 指定。 / No warehouse at ${args.db}: run npm run ingest first or pass --db.`);
}

// Loaded after the arguments are checked: --help and usage errors answer at once.
const { Db } = await import('../src/lib/db/duckdb.ts');
const { Progress } = await import('../src/lib/cli/progress.ts');
const { NotFoundError } = await import('../src/lib/indicators/types.ts');
const { reportAll, reportOne } = await import('../reports/run.ts');
const { narrativeSource } = await import('../reports/narrative-source.ts');

const show = (p: string) => relative(process.cwd(), p) || p;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const db = await Db.open(args.db, { readOnly: true });
// What staff wrote in the dashboard (sidecar SQLite next to the warehouse), read-only.
const narrative = narrativeSource(args.db);
try {
  if (args.mode === 'one') {
    const r = await reportOne(db, { org: args.org!, year: args.year, format: args.formats[0]!, generatedAt: args.generatedAt, out: args.out, outDir: args.outDir, narrative: narrative.get });
    process.stdout.write(
      `已生成 / wrote ${show(r.file)}\n  ${r.orgName} (${r.org}) ${r.year}年, 数据批次 / batch ${r.batch ?? '—'}, ` +
        `${r.pages === null ? '' : `${r.pages} 页 / pages, `}${kb(r.bytes)}, ${r.ms.toFixed(0)} ms\n  SHA-256 ${r.sha256}\n`,
    );
  } else {
    const progress = new Progress();
    const r = await reportAll(db, {
      year: args.year,
      formats: args.formats,
      narrative: narrative.get,
      generatedAt: args.generatedAt,
      outDir: args.outDir,
      threads: args.threads,
      onProgress: (done, total, label) => progress.update(`(${done}/${total}) ${label}`, (done / total) * 100),
    });
    progress.clear();
    const pages = r.written.reduce((s, w) => s + (w.pages ?? 0), 0);
    const bytes = r.written.reduce((s, w) => s + w.bytes, 0);
    const n = (f: string) => r.written.filter((w) => w.format === f).length;
    process.stdout.write(
      `已生成 / wrote ${n('pdf')} PDF (${pages} 页 / pages) + ${n('docx')} DOCX, ${kb(bytes)} in ${show(r.outDir)} ` +
        `in ${(r.wallMs / 1000).toFixed(1)} s\n` +
        `  ${r.orgs} 个组织 / orgs; ${r.skipped.length} 个本年度无数据，未生成 / without data in ${args.year}, skipped\n` +
        `  清单 / manifest: ${show(r.manifest)}\n`,
    );
    if (r.failed.length) {
      for (const f of r.failed) process.stderr.write(`✗ ${f.org}: ${f.error.split('\n')[0]}\n`);
      fail(1, `${r.failed.length} 份生成失败，见上 / ${r.failed.length} reports failed (above).`);
    }
  }
} catch (e) {
  if (e instanceof NotFoundError) fail(1, e.message);
  throw e;
} finally {
  narrative.close();
  db.close();
}
