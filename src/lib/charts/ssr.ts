// Server-side rendering of a chart to an SVG string, for the PDF reports (pdfmake `{ svg }`).
// Same options, same theme as the pages; no DOM needed.
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { echarts } from './register.ts';
import { THEME_NAME } from './theme.ts';

echarts.use([SVGRenderer]);

export function renderChartSvg(option: EChartsCoreOption, size: { width: number; height: number }): string {
  const chart = echarts.init(null, THEME_NAME, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    // Animation is pointless in a static picture and would leave elements mid-transition.
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
