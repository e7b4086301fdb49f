// The report's charts: data from SummaryInput → the shared option builder (src/lib/charts/options)
// → SVG by the shared SSR function. A chart with nothing to show is left out, never drawn empty.
import type { Content } from 'pdfmake/interfaces.js';
import { cartesianOption, type CartesianInput } from '../../src/lib/charts/options/index.ts';
import { renderChartSvg } from '../../src/lib/charts/ssr.ts';
import { FONT_FAMILY } from '../fonts.ts';
import { labels } from './labels.ts';
import type { Slice, SummaryInput, SummaryOptions } from './types.ts';

/** Content width of an A4 page with the template's margins, in points. */
export const CHART_WIDTH = 483;

function chart(input: CartesianInput, height: number): Content {
  const option = cartesianOption({ ...input, showTitle: true, labels: true });
  // The theme's CSS font stack contains double quotes, which the SSR writes unescaped into a style
  // attribute (invalid XML for pdfmake's SVG parser). The PDF has exactly one font anyway: name it.
  const svg = renderChartSvg({ ...option, textStyle: { fontFamily: FONT_FAMILY } }, { width: CHART_WIDTH, height });
  return { svg, width: CHART_WIDTH, font: FONT_FAMILY, margin: [0, 6, 0, 10] } as Content;
}

export function trendChart(input: SummaryInput, opts: SummaryOptions): Content | null {
  const points = input.trend.filter((p) => (p.members ?? 0) > 0 || p.membershipRate !== null);
  if (points.length === 0) return null;
  const t = labels(opts.lang).charts;
  return chart(
    {
      lang: opts.lang,
      title: t.trend,
      description: t.trendDesc(input.org.name),
      categories: points.map((p) => t.year(p.year)),
      series: [
        { name: t.members, unit: '人', type: 'bar', values: points.map((p) => p.members) },
        { name: t.memberRate, unit: '%', type: 'line', values: points.map((p) => p.membershipRate) },
      ],
    },
    220,
  );
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
      categories: shown.map((s) => (opts.lang === 'en' ? s.en : s.zh)),
      series: [{ name: series, unit, type: 'bar', values: shown.map((s) => s.value) }],
    },
    Math.max(120, 60 + shown.length * 26),
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
