// `npm run report` options, parsed once into a typed object. Pure (argv and env in), so it is tested
// without running anything; a bad flag throws UsageError with a message a person can act on.
import { resolve } from 'node:path';
import { DEFAULT_DB } from '../src/lib/paths.ts';

/** Why there is no English work summary (the CLI's --lang and the download routes' ?lang say the same). */
export const LANG_REFUSAL = '工作总结是中文公文，没有其他语言版本 / the work summary is a Chinese official document, in Chinese only';

export type ReportArgs =
  | { help: true }
  | {
      help: false;
      mode: 'one' | 'all';
      db: string;
      org: string | null;
      year: number;
      /** One format, or both (--all writes both unless --format says otherwise). */
      formats: ('pdf' | 'docx')[];
      /** --out (one) or null: a file named after the org in outDir. */
      out: string | null;
      outDir: string;
      generatedAt: string;
      threads: number | null;
    };

export class UsageError extends Error {}

export const USAGE = `Usage:
  npm run report -- [--db FILE] --org CODE --year YYYY [--format pdf|docx] [--out FILE]
  npm run report -- [--db FILE] --all --year YYYY [--format pdf|docx|both] [--out-dir DIR] [--threads N]

Writes the annual work summary (工作总结) of an org and its whole subtree, laid out as a 公文
(GB/T 9704-2012), as PDF or Word (.docx), from the indicator mart of the warehouse and the text staff
edited in the dashboard (开头, 典型事例, 存在的问题, 下一步工作打算, 落款, 成文日期). --all writes both
formats for every org that has data in the year, on worker threads, and a manifest.json (org, year,
data batch, format, pages, SHA-256 per file).

  --db FILE           warehouse (default data/warehouse.duckdb)
  --org CODE          组织代码 of the org
  --year YYYY         reporting year
  --format F          pdf (default for one org), docx, or both (default for --all)
  --out FILE          output file (default: out/reports/<组织名称><年度>年工作总结.pdf|.docx)
  --out-dir DIR       folder for --all (default out/reports/<year>)
  --generated-at ISO  the default 成文日期 and the files' creation time (default now;
                      SOURCE_DATE_EPOCH also works), so a rerun on the same data gives identical bytes
  --threads N         worker threads for --all (default: one per core)
  --help              this text`;

const FLAGS = new Set(['db', 'org', 'year', 'out', 'out-dir', 'format', 'lang', 'generated-at', 'threads']);

export function parseReportArgs(argv: string[], env: Record<string, string | undefined> = {}, now = new Date(), cwd = process.cwd()): ReportArgs {
  const v: Record<string, string> = {};
  let all = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--all') {
      all = true;
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m || !FLAGS.has(m[1]!)) throw new UsageError(`未知参数 ${arg} / unknown option ${arg} (see --help)`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${m[1]} 需要一个值 / --${m[1]} needs a value`);
    v[m[1]!] = value;
  }
  if (!v.year || !/^\d{4}$/.test(v.year)) throw new UsageError('请用 --year YYYY 指定年度 / give the year with --year YYYY');
  if (all === Boolean(v.org)) throw new UsageError('请指定 --org CODE 或 --all（二选一）/ give either --org CODE or --all');
  if (all && v.out) throw new UsageError('--all 请用 --out-dir 指定文件夹 / with --all use --out-dir');
  if (v.lang !== undefined && v.lang !== 'zh') {
    throw new UsageError(`${LANG_REFUSAL}: --lang takes only zh`);
  }
  const format = v.format ?? (all ? 'both' : 'pdf');
  if (!['pdf', 'docx', 'both'].includes(format)) throw new UsageError(`--format 只能是 pdf、docx 或 both / --format must be pdf, docx or both, not ${format}`);
  if (format === 'both' && !all) throw new UsageError('单个组织请选一种格式：--format pdf 或 docx / for one org pick --format pdf or docx');
  const formats: ('pdf' | 'docx')[] = format === 'both' ? ['pdf', 'docx'] : [format as 'pdf' | 'docx'];
  let threads: number | null = null;
  if (v.threads !== undefined) {
    threads = Number(v.threads);
    if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new UsageError('--threads 须为 1–64 的整数 / --threads must be 1–64');
  }
  let generated = now;
  if (v['generated-at'] !== undefined) generated = new Date(v['generated-at']);
  else if (env.SOURCE_DATE_EPOCH) generated = new Date(Number(env.SOURCE_DATE_EPOCH) * 1000);
  if (Number.isNaN(generated.getTime())) {
    throw new UsageError('--generated-at 须为 ISO 时间，如 2026-01-15T10:30:00+08:00 / --generated-at must be an ISO timestamp');
  }
  const year = Number(v.year);
  return {
    help: false,
    mode: all ? 'all' : 'one',
    db: resolve(cwd, v.db ?? DEFAULT_DB),
    org: v.org ?? null,
    year,
    formats,
    out: v.out ? resolve(cwd, v.out) : null,
    outDir: resolve(cwd, v['out-dir'] ?? (all ? `out/reports/${year}` : 'out/reports')),
    generatedAt: generated.toISOString(),
    threads,
  };
}
