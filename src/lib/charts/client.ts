// The one place that touches ECharts in the browser: init with the theme, resize with the
// container, update on new options, dispose on unmount. Components only build options.
import { CanvasRenderer } from 'echarts/renderers';
import type { ECharts, EChartsCoreOption } from 'echarts/core';
import { echarts } from './register.ts';
import { THEME_NAME } from './theme.ts';

echarts.use([CanvasRenderer]);

export interface ChartParams {
  option: EChartsCoreOption;
  /** Called with the data index of a clicked series item (e.g. a bar) – used for drill-down. */
  onClick?: (dataIndex: number, seriesIndex: number) => void;
  /** Receives the instance, e.g. to export a PNG. */
  onReady?: (chart: ECharts) => void;
}

/** Svelte action: `<div use:chart={{ option }}>`. Sets data-chart-ready="true" once drawn. */
export function chart(node: HTMLElement, params: ChartParams) {
  const instance = echarts.init(node, THEME_NAME, { renderer: 'canvas' });
  let current = params;
  instance.on('click', (e) => {
    if (typeof e.dataIndex === 'number') current.onClick?.(e.dataIndex, e.seriesIndex ?? 0);
  });
  instance.on('finished', () => node.setAttribute('data-chart-ready', 'true'));
  const draw = (p: ChartParams) => {
    instance.setOption(p.option, { notMerge: true });
    if (p.onClick) instance.getZr().setCursorStyle('pointer');
    p.onReady?.(instance);
  };
  draw(params);
  const observer = new ResizeObserver(() => instance.resize());
  observer.observe(node);
  return {
    update(next: ChartParams) {
      current = next;
      node.setAttribute('data-chart-ready', 'false');
      draw(next);
    },
    destroy() {
      observer.disconnect();
      instance.dispose();
    },
  };
}

/** A PNG of the chart on white, at twice the screen resolution (sharp when printed). */
export function chartPng(instance: ECharts): string {
  return instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
}
