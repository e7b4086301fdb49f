// The work summary: build (pure) + render. Used by the CLI, the worker threads and the download route.
import { renderPdf, type RenderedPdf } from '../render.ts';
import { buildSummaryDoc } from './template.ts';
import type { SummaryInput, SummaryOptions } from './types.ts';

export { buildSummaryDoc } from './template.ts';
export type { SummaryInput, SummaryOptions } from './types.ts';

export function renderSummary(input: SummaryInput, opts: SummaryOptions): Promise<RenderedPdf> {
  return renderPdf(buildSummaryDoc(input, opts));
}

/** The download / output file name: '{组织名称}{年度}年度工会工作总结.pdf' (en: '… work summary YYYY.pdf'). */
export function summaryFileName(input: Pick<SummaryInput, 'org' | 'year'>, lang: SummaryOptions['lang']): string {
  const safe = input.org.name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
  return lang === 'en' ? `${safe} work summary ${input.year}.pdf` : `${safe}${input.year}年度工会工作总结.pdf`;
}
