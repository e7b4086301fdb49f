// The dashboard's pure parts, without a browser: config parsing, table downloads, sorting, and the
// shared option builder (formatter-driven labels, aria) rendered through the SSR path the PDFs use.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseServeConfig } from '../../src/lib/config.ts';
import { cellValue, safeFileName, toCsv } from '../../src/lib/charts/table.ts';
import { cartesianOption } from '../../src/lib/charts/options/index.ts';
import { renderChartSvg } from '../../src/lib/charts/ssr.ts';
import { sortChildren } from '../../src/lib/server/sort.ts';
import { treeOrder } from '../../src/lib/server/pages.ts';
import { en } from '../../src/lib/i18n/en.ts';
import { zh } from '../../src/lib/i18n/zh.ts';

describe('serve config', () => {
  it('takes flags over env over defaults and resolves the db path', () => {
    expect(parseServeConfig([], {}, '/x')).toEqual({ db: '/x/data/warehouse.duckdb', port: 4321, host: '127.0.0.1' });
    expect(parseServeConfig(['--port', '8080', '--db=w.duckdb'], { PORT: '9000', HOST: '0.0.0.0' }, '/x')).toEqual({
      db: '/x/w.duckdb', port: 8080, host: '0.0.0.0',
    });
  });
  it.each([[['--port', 'abc']], [['--port', '70000']], [['--nope']], [['--db']]])('refuses %j with a message', (argv) => {
    expect(() => parseServeConfig(argv, {})).toThrow(ConfigError);
  });
});

describe('table downloads', () => {
  it('writes CSV with a BOM, CRLF and quoted thousands separators', () => {
    expect(toCsv({ columns: ['名称', '人数 (人)'], rows: [['东城', '1,211'], ['西"城', '—']] })).toBe(
      '\uFEFF名称,人数 (人)\r\n东城,"1,211"\r\n"西""城",—\r\n',
    );
  });
  it.each([
    ['1,211', 1211, '#,##0'],
    ['33.50', 33.5, '#,##0.00'],
    ['96.3%', 0.963, '0.0%'],
    ['—', '—', undefined],
    ['东城街道', '东城街道', undefined],
  ])('reads the display %s back as %s', (display, value, numFmt) => {
    expect(cellValue(display)).toEqual(numFmt ? { value, numFmt } : { value });
  });
  it('keeps Chinese in file names but drops what Windows refuses', () => {
    expect(safeFileName('东城 2024/组建率: "A"')).toBe('东城_2024_组建率_A');
  });
});

describe('child sorting', () => {
  const child = (code: string, v: number | null) => ({ org: { code, name: code, type: 'x' }, values: { k: { value: v, numerator: null, denominator: null } } });
  const rows = [child('a', 2), child('b', null), child('c', 5), child('d', 2)];
  it('sorts by the asked key, missing values last, ties by code', () => {
    expect(sortChildren(rows, new URLSearchParams('sort=k&dir=desc'), ['k'], 'k').rows.map((r) => r.org.code)).toEqual(['c', 'a', 'd', 'b']);
    expect(sortChildren(rows, new URLSearchParams('sort=k&dir=asc'), ['k'], 'k').rows.map((r) => r.org.code)).toEqual(['a', 'd', 'c', 'b']);
  });
  it('falls back to the default key for an unknown one', () => {
    expect(sortChildren(rows, new URLSearchParams('sort=evil'), ['k'], 'k').key).toBe('k');
  });
});

describe('org switcher order', () => {
  it('lists each parent followed by its subtree', () => {
    const o = (code: string, parent: string | null, depth: number) => ({ code, name: code, type: 't', parent, depth });
    expect(treeOrder([o('R', null, 0), o('B', 'R', 1), o('A', 'R', 1), o('A1', 'A', 2)]).map((x) => `${x.depth}${x.code}`)).toEqual([
      '0R', '1A', '2A1', '1B',
    ]);
  });
});

describe('i18n', () => {
  it('has every key in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const v of [...Object.values(en), ...Object.values(zh)]) expect(v.trim()).not.toBe('');
  });
});

describe('cartesian option builder', () => {
  const input = {
    title: '组建率与会员', description: '示例 2021—2024', lang: 'zh' as const,
    categories: ['2023', '2024'],
    series: [
      { name: '会员人数', unit: '人' as const, values: [1211, 12000] },
      { name: '工会组建率', unit: '%' as const, type: 'line' as const, values: [0.9632, null] },
    ],
  };
  it('turns aria on with the description, one value axis per unit, formatter labels', () => {
    const opt = cartesianOption(input) as Record<string, any>;
    expect(opt.aria).toEqual({ enabled: true, label: { enabled: true, description: '示例 2021—2024' } });
    expect(opt.yAxis.map((a: { name: string }) => a.name)).toEqual(['人', '%']);
    expect(opt.yAxis[0].axisLabel.formatter(12000)).toBe('1.2万');
    expect(opt.yAxis[1].axisLabel.formatter(0.9632)).toBe('96.3%');
    expect(opt.series[0].tooltip.valueFormatter(1211)).toBe('1,211人');
    expect(opt.series[1].tooltip.valueFormatter(null)).toBe('—');
    expect(opt.series[1].yAxisIndex).toBe(1);
  });
  it('renders to SVG on the server with the labels as text (the PDF path)', () => {
    const svg = renderChartSvg(cartesianOption({ ...input, showTitle: true, labels: true }), { width: 480, height: 260 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('组建率与会员');
    expect(svg).toContain('96.3%');
    expect(svg).toContain('1.2万');
    expect(svg).not.toMatch(/style="[^"]*"[^ >]/);
  });
});
