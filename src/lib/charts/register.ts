// The ECharts pieces the dashboard and the PDFs use, registered once. Tree-shaken `echarts/core`
// keeps a page's JavaScript far below the 250 KB budget (the full `echarts` is ~380 KB gzipped).
// Renderers are registered by the caller: canvas in the browser (client.ts), SVG for SSR (ssr.ts).
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  MarkLineComponent,
} from 'echarts/components';
import { THEME, THEME_NAME } from './theme.ts';

echarts.use([
  BarChart,
  LineChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  MarkLineComponent,
]);
echarts.registerTheme(THEME_NAME, THEME);

export { echarts };
