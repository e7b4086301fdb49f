// Pure option builder: bars and/or lines over categories (years, months, child orgs, kinds).
// Data in → EChartsOption out. Every label comes from the one formatter; aria is on so screen
// readers get the title and description. Shared by the pages (canvas) and the PDFs (SSR → SVG).
import type { EChartsCoreOption } from 'echarts/core';
import { formatAxis, formatValue, unitLabel, type Lang, type Unit } from '../../format/index.ts';

export interface SeriesInput {
  name: string;
  unit: Unit;
  values: (number | null)[];
  type?: 'bar' | 'line';
  /** Stack bars with the same stack name. */
  stack?: string;
}

export interface CartesianInput {
  title: string;
  description: string;
  categories: string[];
  series: SeriesInput[];
  lang: Lang;
  /** Category axis vertical (long org names read better as horizontal bars). */
  horizontal?: boolean;
  /** Draw the title inside the chart (PDF, PNG); pages show it as an HTML heading instead. */
  showTitle?: boolean;
  /** Print value labels on the bars/points (dense charts leave them off). */
  labels?: boolean;
}

/** The units of the series, at most two (one axis each); the first series' unit is the main axis. */
function axisUnits(series: SeriesInput[]): Unit[] {
  const units: Unit[] = [];
  for (const s of series) if (!units.includes(s.unit)) units.push(s.unit);
  return units.slice(0, 2);
}

export function cartesianOption(input: CartesianInput): EChartsCoreOption {
  const { lang, horizontal = false, showTitle = false, labels = false } = input;
  const units = axisUnits(input.series);
  const valueAxes = units.map((unit, i) => ({
    type: 'value',
    name: unitLabel(unit, lang),
    // Names grow inwards (over the plot's top margin) so long English units are never clipped.
    nameTextStyle: { align: horizontal ? 'right' : i === 0 ? 'left' : 'right' },
    position: horizontal ? (i === 0 ? 'bottom' : 'top') : i === 0 ? 'left' : 'right',
    axisLabel: { formatter: (v: number) => formatAxis(v, unit, lang), hideOverlap: true },
    splitLine: { show: i === 0 },
    // Rates start at 0 so bars are honest; the top follows the data (a 2% rate must stay visible).
    ...(unit === '%' ? { min: 0 } : {}),
  }));
  const categoryAxis = {
    type: 'category',
    data: input.categories,
    inverse: horizontal,
    axisLabel: horizontal
      ? { width: 150, overflow: 'truncate', interval: 0 }
      : { hideOverlap: true, interval: 'auto' },
  };
  // Room above the plot: title, legend, and the axis names (or, horizontal, a second value axis on top).
  const top = (showTitle ? 36 : 8) + (input.series.length > 1 ? 28 : 0) + (horizontal ? (units.length > 1 ? 34 : 0) : 20);
  return {
    aria: { enabled: true, label: { enabled: true, description: input.description } },
    title: { text: input.title, show: showTitle, left: 0, top: 0 },
    legend: input.series.length > 1 ? { top: showTitle ? 30 : 0, left: 'center', type: 'scroll' } : { show: false },
    // ECharts 6: the grid shrinks so axis labels and names stay inside the chart (outerBoundsMode 'auto').
    grid: { left: 8, right: units.length > 1 && !horizontal ? 16 : 24, top, bottom: 8, outerBoundsMode: 'auto', outerBoundsContain: 'all' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: input.series.some((s) => (s.type ?? 'bar') === 'bar') ? 'shadow' : 'line' },
      confine: true,
    },
    xAxis: horizontal ? valueAxes : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxes,
    series: input.series.map((s) => {
      const axis = Math.max(0, units.indexOf(s.unit));
      const fmt = (v: unknown) => formatValue(typeof v === 'number' ? v : null, s.unit, { lang });
      return {
        type: s.type ?? 'bar',
        name: s.name,
        data: s.values,
        stack: s.stack,
        [horizontal ? 'xAxisIndex' : 'yAxisIndex']: axis,
        connectNulls: false,
        tooltip: { valueFormatter: fmt },
        label: labels
          ? {
              show: true,
              position: s.type === 'line' ? 'top' : horizontal ? 'right' : 'top',
              formatter: (p: { value: unknown }) => fmt(p.value),
              fontSize: 11,
            }
          : { show: false },
        emphasis: { focus: 'series' },
      };
    }),
  };
}
