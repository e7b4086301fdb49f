// The work summary: compose (figures + what staff wrote → one text model, pure), then lay it out as
// a 公文 PDF (gongwen.ts → render.ts) or a Word file (docx.ts). Used by the CLI, the worker threads
// and the download routes.
import { renderPdf } from '../render.ts';
import { composeSummary } from './compose.ts';
import { renderDocx } from './docx.ts';
import { buildGongwen } from './gongwen.ts';
import type { Narrative } from './narrative.ts';
import type { SummaryInput } from './types.ts';

export { composeSummary } from './compose.ts';
export { buildGongwen } from './gongwen.ts';
export type { SummaryInput } from './types.ts';

export type SummaryFormat = 'pdf' | 'docx';
export const FORMATS: readonly SummaryFormat[] = ['pdf', 'docx'];

export interface SummaryOptions {
  format: SummaryFormat;
  /** What staff wrote for this org and year (parts not written are generated). */
  narrative?: Narrative;
}

export interface RenderedSummary {
  bytes: Buffer;
  /** Pages of the PDF; null for Word (its pages depend on the program that opens it). */
  pages: number | null;
}

export async function renderSummary(input: SummaryInput, opts: SummaryOptions): Promise<RenderedSummary> {
  const doc = composeSummary(input, opts.narrative ?? {});
  if (opts.format === 'docx') return { bytes: await renderDocx(doc), pages: null };
  return renderPdf(buildGongwen(doc));
}

/** The download / output file name: '{组织名称}{年度}年工作总结.pdf' (or .docx). */
export function summaryFileName(input: Pick<SummaryInput, 'org' | 'year'>, format: SummaryFormat = 'pdf'): string {
  const safe = input.org.name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
  return `${safe}${input.year}年工作总结.${format}`;
}
