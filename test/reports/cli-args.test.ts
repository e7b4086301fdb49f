// `npm run report` flags → one typed object, and the usage errors a person can act on.
import { describe, expect, it } from 'vitest';
import { parseReportArgs, UsageError } from '../../reports/cli-args.ts';

const NOW = new Date('2026-01-15T02:30:00Z');
const parse = (argv: string[], env: Record<string, string> = {}) => parseReportArgs(argv, env, NOW, '/w');

describe('parseReportArgs', () => {
  it('reads one org with defaults', () => {
    expect(parse(['--org', 'S1', '--year', '2025'])).toMatchObject({
      help: false, mode: 'one', org: 'S1', year: 2025, formats: ['pdf'], out: null, outDir: '/w/out/reports',
      generatedAt: '2026-01-15T02:30:00.000Z', threads: null,
    });
  });

  it('reads --all (both formats) with its folder, threads and a pinned clock; --format picks one', () => {
    expect(parse(['--org', 'S1', '--year', '2025', '--format', 'docx'])).toMatchObject({ formats: ['docx'] });
    expect(parse(['--all', '--year', '2024', '--format', 'pdf'])).toMatchObject({ formats: ['pdf'] });
    expect(parse(['--all', '--year=2024', '--threads', '2', '--generated-at', '2025-01-20T10:00:00+08:00', '--db', 'x.duckdb'])).toMatchObject({
      mode: 'all', org: null, year: 2024, formats: ['pdf', 'docx'], threads: 2, outDir: '/w/out/reports/2024', db: '/w/x.duckdb',
      generatedAt: '2025-01-20T02:00:00.000Z',
    });
    expect(parse(['--all', '--year', '2024'], { SOURCE_DATE_EPOCH: '1737338400' })).toMatchObject({ generatedAt: '2025-01-20T02:00:00.000Z' });
  });

  it('answers --help before checking anything else', () => {
    expect(parse(['--org', 'S1', '--help'])).toEqual({ help: true });
  });

  it.each([
    [['--org', 'S1'], '--year YYYY'],
    [['--year', '2025'], '--org CODE 或 --all'],
    [['--org', 'S1', '--all', '--year', '2025'], '二选一'],
    [['--all', '--year', '2025', '--out', 'a.pdf'], '--out-dir'],
    [['--org', 'S1', '--year', '25'], '--year YYYY'],
    [['--org', 'S1', '--year', '2025', '--lang', 'en'], 'Chinese official document'],
    [['--org', 'S1', '--year', '2025', '--format', 'odt'], 'pdf, docx or both'],
    [['--org', 'S1', '--year', '2025', '--format', 'both'], 'pick --format pdf or docx'],
    [['--org', 'S1', '--year', '2025', '--threads', '0'], '1–64'],
    [['--org', 'S1', '--year', '2025', '--generated-at', 'yesterday'], 'ISO'],
    [['--org', 'S1', '--year', '2025', '--colour'], 'unknown option --colour'],
    [['--org'], 'needs a value'],
  ])('rejects %j', (argv, message) => {
    expect(() => parse(argv)).toThrow(UsageError);
    expect(() => parse(argv)).toThrow(message);
  });
});
