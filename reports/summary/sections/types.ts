// A work area of the summary (组织建设, 帮扶救助 …) is one section builder: SummaryInput in, the
// section's generated draft out. The document (compose.ts) numbers the sections 一、二、三 in
// `order`, moves every section's problems under 存在的问题 and its plans under 下一步工作打算, and puts
// the staff's 典型事例 for the section (keyed by `key`) after its paragraphs.
//
// To add a work area: one file here exporting a SectionBuilder, one line in index.ts. Write sentences
// with the helpers of words.ts (numbers through src/lib/format/prose.ts), following reports/STYLE.md.
import type { Get } from '../figures.ts';
import type { SummaryInput } from '../types.ts';

export interface SectionContext {
  input: SummaryInput;
  /** Figure by indicator key (`code` or `code:dimension`). */
  f: Get;
  /** 全县 / 全区 / 全街道 / 全社区 / 本单位: the area the figures cover, by org type and name. */
  scope: string;
}

export interface SectionDraft {
  /** What was done, not a topic: '抓组建、扩覆盖，组织建设不断夯实'. No number prefix. */
  heading: string;
  /** The section's sentences, one paragraph each (each a complete sentence ending in 。). */
  paragraphs: string[];
  /** Shortfalls found in the figures (declines, low rates): go under 存在的问题, never praised. */
  problems: string[];
  /** What to do next year in this area: go under 下一步工作打算. */
  plans: string[];
}

export interface SectionBuilder {
  /** Stable key: the narrative's 典型事例 for this section is stored under it. */
  key: string;
  /** The work area's short name, for the editor ('组织建设'). */
  title: string;
  /** Position in the seeds' order: 组织建设 10, 权益维护 20, 民主管理 30, 帮扶 40, 教育培训 50,
   *  文体活动 60, 荣誉与职工之家 70, 经费与服务 80. */
  order: number;
  /** The section's draft, or null when the org has nothing in this area this year (no section). */
  build(ctx: SectionContext): SectionDraft | null;
}
