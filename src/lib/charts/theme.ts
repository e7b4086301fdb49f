// One calm, print-friendly theme for every chart, on screen and in the PDFs.
// Colours are distinguishable in greyscale print and pass contrast against white.

export const THEME_NAME = 'union';

// Single quotes: the SSR renderer writes this into an SVG style="" attribute unescaped.
export const FONT_FAMILY =
  "system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

export const PALETTE = ['#1f5f99', '#c0612b', '#3c8c5a', '#8a5fa8', '#b8913a', '#4f8ea8', '#a84f5f', '#6b6b6b'];

export const THEME = {
  color: PALETTE,
  backgroundColor: 'transparent',
  textStyle: { fontFamily: FONT_FAMILY, color: '#2b2f33' },
  title: { textStyle: { fontSize: 14, fontWeight: 600, color: '#2b2f33' }, subtextStyle: { color: '#5b6168' } },
  legend: { textStyle: { color: '#3a3f44' } },
  categoryAxis: {
    axisLine: { lineStyle: { color: '#9aa1a8' } },
    axisTick: { show: false },
    axisLabel: { color: '#3a3f44' },
    splitLine: { show: false },
  },
  valueAxis: {
    axisLine: { show: false },
    axisLabel: { color: '#3a3f44' },
    splitLine: { lineStyle: { color: '#e3e6e9' } },
  },
  line: { symbolSize: 6, smooth: false, lineStyle: { width: 2 } },
  bar: { barMaxWidth: 36 },
};
