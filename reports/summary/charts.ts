// The report's charts: data from SummaryInput → the shared option builder (src/lib/charts/options)
// → SVG by the shared SSR function. A chart with nothing to show is left out, never drawn empty.
import type { Content } from 'pdfmake/interfaces.js';
import { cartesianOption, type CartesianInput } from '../../src/lib/charts/options/index.ts';
import { formatValue, type Unit } from '../../src/lib/format/index.ts';
import { renderChartSvg } from '../../src/lib/charts/ssr.ts';
import { FONT_FAMILY } from '../fonts.ts';
import { labels } from './labels.ts';
import type { Slice, SummaryInput, SummaryOptions } from './types.ts';

/** Content width of an A4 page with the template's margins, in points. */
export const CHART_WIDTH = 483;
/** Charts are drawn on a wider canvas and scaled to the page, so 12 px chart text prints at ~9.7 pt. */
const CANVAS_WIDTH = 600;

type Series = { type?: string; label?: Record<string, unknown> };

/** Bar labels carry no unit (the axis names it): '1,211', not '1,211 people'. */
function bareLabel(unit: Unit, lang: SummaryOptions['lang']) {
  return (p: { value: unknown }) => formatValue(typeof p.value === 'number' ? p.value : null, unit, { lang, bare: true });
}

/** `barsInside`: value labels inside the foot of the bars, clear of a line drawn across their tops. */
function chart(input: CartesianInput, height: number, barsInside = false): Content {
  const option = cartesianOption({ ...input, showTitle: true, labels: true });
  const series = (option.series as Series[]).map((s, i) => {
    const bar = s.type === 'bar';
    const inside = barsInside && bar;
    return {
      ...s,
      ...(inside ? { barMaxWidth: 64 } : {}),
      label: {
        ...s.label,
        ...(inside ? { position: 'insideBottom', color: '#ffffff' } : {}),
        // Money keeps its unit: '1.28万元' (bare it would read '1.28' against an axis counted in 元).
        ...(bar && input.series[i]?.unit !== '元' ? { formatter: bareLabel(input.series[i]?.unit ?? '人', input.lang) } : {}),
        textBorderWidth: 0,
        textBorderColor: 'transparent',
      },
    };
  });
  // Room for the axis labels, set here because the builder's grid.containLabel needs ECharts 6's
  // LegacyGridContainLabel, which is not registered (it only warns). Horizontal bars: measured from
  // the longest category name; vertical: value labels are short ('1,400', '5万', '100%').
  const longest = Math.max(0, ...input.categories.map((c) => [...c].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 12 : 6.6), 0)));
  const twoAxes = new Set(input.series.map((s) => s.unit)).size > 1;
  const grid = input.horizontal
    ? { ...(option.grid as object), left: Math.ceil(longest) + 14, right: 48, containLabel: false }
    : { ...(option.grid as object), left: 56, right: twoAxes ? 56 : 24, bottom: 28, containLabel: false };
  // Two adjustments for print, not for the builder: (1) the theme's CSS font stack contains double
  // quotes that the SSR writes unescaped into a style attribute (invalid XML for pdfmake's SVG
  // parser), and the PDF has exactly one font anyway; (2) value labels get a white halo through SVG
  // paint-order, which pdfmake's SVG renderer ignores, painting the halo over the text.
  // The builder names a money axis '万元' while its tick labels (formatAxis) are yuan with their own
  // 万 ('3,000', '1.2万'): name the axis '元' so ticks and name agree.
  const axis = (a: unknown) => (Array.isArray(a) ? a.map((x: { name?: string }) => (x?.name === '万元' ? { ...x, name: '元' } : x)) : a);
  const svg = renderChartSvg(
    { ...option, xAxis: axis(option.xAxis), yAxis: axis(option.yAxis), grid, series, textStyle: { fontFamily: FONT_FAMILY } },
    { width: CANVAS_WIDTH, height },
  );
  return { svg, width: CHART_WIDTH, font: FONT_FAMILY, margin: [0, 6, 0, 10] } as Content;
}

export function trendChart(input: SummaryInput, opts: SummaryOptions): Content | null {
  const points = input.trend.filter((p) => (p.members ?? 0) > 0 || (p.membershipRate ?? 0) > 0);
  if (points.length === 0) return null;
  const t = labels(opts.lang).charts;
  return chart(
    {
      lang: opts.lang,
      title: t.trend,
      description: t.trendDesc(input.org.name),
      categories: points.map((p) => t.year(p.year)),
      // A series with no value in any year (no headcounts → no rate) is left out, legend and axis too.
      series: [
        { name: t.members, unit: '人' as const, type: 'bar' as const, values: points.map((p) => p.members) },
        { name: t.memberRate, unit: '%' as const, type: 'line' as const, values: points.map((p) => p.membershipRate) },
      ].filter((s) => s.values.some((v) => v !== null && v !== 0)),
    },
    260,
    true,
  );
}

/** Noto Sans SC draws ’ full-width (a CJK font): English text uses the plain apostrophe. */
export function plainQuotes(s: string): string {
  return s.replace(/[‘’]/g, "'");
}

/** Horizontal bars of the non-zero slices, largest first. */
function sliceChart(slices: Slice[], opts: SummaryOptions, title: string, description: string, series: string, unit: '元' | '场'): Content | null {
  const shown = slices
    .filter((s) => (s.value ?? 0) > 0)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || a.key.localeCompare(b.key));
  if (shown.length === 0) return null;
  return chart(
    {
      lang: opts.lang,
      title,
      description,
      horizontal: true,
      categories: shown.map((s) => (opts.lang === 'en' ? plainQuotes(s.en) : s.zh)),
      series: [{ name: series, unit, type: 'bar', values: shown.map((s) => s.value) }],
    },
    Math.max(150, 80 + shown.length * 30),
  );
}

export function reliefChart(input: SummaryInput, opts: SummaryOptions): Content | null {
  const t = labels(opts.lang).charts;
  return sliceChart(input.breakdowns.reliefByCategory, opts, t.relief, t.reliefDesc(input.org.name, input.year), t.reliefSeries, '元');
}

export function activityChart(input: SummaryInput, opts: SummaryOptions): Content | null {
  const t = labels(opts.lang).charts;
  return sliceChart(input.breakdowns.activityByKind, opts, t.activities, t.activitiesDesc(input.org.name, input.year), t.activitiesSeries, '场');
}
