// The work summary laid out as a 公文 (GB/T 9704-2012, the default layout): A4, 版心 156 × 225 mm
// (top 37 mm, left 28 mm), 22 lines of 28 characters; title 2号 (22 pt) bold serif (小标宋-like);
// body 3号 (16 pt) serif with a two-character first-line indent; 一、 headings in 黑体, （一） in 楷体;
// page numbers "— 1 —" in 4号 at the outer side (odd pages right, even left, one character in);
// black; 落款 and 成文日期 per 7.3.5.2; attachments on new pages after the 落款. Pure: SummaryDoc in,
// pdfmake document definition out.
import type { Content, ContentText, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { NUMBER_WITH_UNIT } from '../../src/lib/format/prose.ts';
import { FONT_SETS, HEI, KAI, SERIF, SERIF_LINE_EM } from '../fonts.ts';
import { breakLines } from '../lines.ts';
import { ITEM_NUMBERS, signatureIndents, type SummaryDoc } from './compose.ts';
import type { AttachmentTable } from './attachments.ts';

const MM = 72 / 25.4;
export const GEOMETRY = {
  top: 37 * MM,
  left: 28 * MM,
  width: 156 * MM,
  height: 225 * MM,
  right: (210 - 28 - 156) * MM,
  bottom: (297 - 37 - 225) * MM,
  body: 16,
  title: 22,
  pageNumber: 14,
  lines: 22,
  chars: 28,
};
/** Line pitch: 225 mm over 22 lines. */
const PITCH = GEOMETRY.height / GEOMETRY.lines;
/**
 * 28 characters of 16 pt would need 448 pt; the 版心 is 442.2 pt wide. Word reaches 28 with its
 * character grid: 3号 (16 pt) glyphs on a 15.79 pt pitch. The same here: the body is 16 pt with a
 * character spacing of −0.21 pt, so each character advances by the grid pitch (render.ts makes
 * pdfmake measure the spacing after every character, as the PDF draws it).
 */
const BODY = GEOMETRY.body;
/** The grid pitch of one character (a hair under 442.2 / 28, so float rounding never drops the 28th). */
const EM = GEOMETRY.width / GEOMETRY.chars - 0.005;
export const CHARACTER_SPACING = EM - BODY;
/** pdfmake's lineHeight multiplies the font's own line height (SERIF_LINE_EM × size). */
// (a hair under the exact pitch, so float rounding never pushes the 22nd line to the next page)
const LINE_HEIGHT = (PITCH * 0.9995) / (BODY * SERIF_LINE_EM);
const INDENT = 2 * EM;

/** A paragraph's text as runs: every figure with its unit is one unbreakable run ("1270人"). */
export function runs(text: string): ContentText[] {
  const out: ContentText[] = [];
  let last = 0;
  for (const m of text.matchAll(NUMBER_WITH_UNIT)) {
    if (m.index! > last) out.push({ text: text.slice(last, m.index) });
    out.push({ text: m[0], noWrap: true });
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

function para(text: string, extra: Partial<ContentText> = {}): Content {
  return { text: runs(text), style: 'body', leadingIndent: INDENT, ...extra } as Content;
}

/** 落款 and 成文日期 (7.3.5.2), placed by signatureIndents (compose.ts, shared with the Word file). */
function signature(sig: string, date: string): Content[] {
  const { sigRight, dateRight } = signatureIndents(sig, date);
  return [
    { text: ' ', style: 'body' },
    { text: sig, style: 'body', alignment: 'right', margin: [0, 0, sigRight * EM, 0] },
    { text: date, style: 'body', alignment: 'right', margin: [0, 0, dateRight * EM, 0], noWrap: true },
  ];
}

/** The attachments' table text (the 'table' style). */
const TABLE_SIZE = 10.5;

/**
 * A body cell as lines broken once per process (reports/lines.ts): pdfmake then lays out and draws a
 * line as one word instead of one word per character, the same lines it would have drawn.
 */
function cellLines(text: string, width: number): Record<string, unknown> {
  const lines = breakLines(text, FONT_SETS[SERIF]!.normal, TABLE_SIZE, width);
  return lines.length === 1 ? { text: lines[0]!, noWrap: true } : { stack: lines.map((l) => ({ text: l, noWrap: true })) };
}

function attachmentPage(t: AttachmentTable, n: number): Content[] {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const widths = t.widths.map((w) => (GEOMETRY.width * w) / total - 8);
  return [
    { text: `附件${n}`, font: HEI, pageBreak: 'before', margin: [0, 0, 0, PITCH / 2] },
    { text: t.title, style: 'title' },
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths,
        body: [
          t.header.map((h) => ({ text: h, font: HEI, alignment: 'center' as const })),
          ...t.rows.map((r, i) =>
            r.map((c, j) =>
              t.strong.includes(i)
                ? { text: c, alignment: t.align[j] ?? 'left', bold: true, font: HEI }
                : ({ ...cellLines(c, widths[j]!), alignment: t.align[j] ?? 'left', font: SERIF } as TableCell),
            ),
          ),
        ],
      },
      layout: 'gongwen',
      style: 'table',
    },
    ...(t.note ? [{ text: t.note, style: 'table', margin: [0, 6, 0, 0] } as Content] : []),
  ];
}

export function buildGongwen(doc: SummaryDoc): TDocumentDefinitions {
  const content: Content[] = [
    { text: doc.title, style: 'title' },
    para(doc.opening),
  ];
  for (const s of doc.sections) {
    const heading = { text: `${s.number}、${s.heading}`, style: 'h1', leadingIndent: INDENT } as Content;
    // A heading never ends a page: it stays with the first paragraph after it.
    const [first, ...rest] = s.paragraphs;
    content.push(first !== undefined ? { stack: [heading, para(first)], unbreakable: true } : heading);
    for (const p of rest) content.push(para(p));
    if (s.example.length) {
      s.example.forEach((p, i) => content.push(para(i === 0 && !/^如[:：]?/.test(p) ? `如：${p}` : p)));
    }
    if (s.key === 'plans') {
      doc.plans.forEach((p, i) =>
        content.push({ text: [{ text: `（${ITEM_NUMBERS[i] ?? i + 1}）`, font: KAI }, ...runs(p)], style: 'body', leadingIndent: INDENT } as Content),
      );
    }
  }
  // 附件说明 (7.3.4): below the body, two characters in, numbered; then the 落款.
  if (doc.attachments.length) {
    content.push({ text: ' ', style: 'body' });
    doc.attachments.forEach((a, i) =>
      content.push({
        text: i === 0 ? `附件：${i + 1}．${a.title}` : `${i + 1}．${a.title}`,
        style: 'body',
        margin: [i === 0 ? INDENT : INDENT + 3 * EM, 0, 0, 0],
      }),
    );
  }
  content.push(...signature(doc.signature, doc.date));
  doc.attachments.forEach((a, i) => content.push(...attachmentPage(a, i + 1)));

  return {
    pageSize: 'A4',
    pageMargins: [GEOMETRY.left, GEOMETRY.top, GEOMETRY.right, GEOMETRY.bottom],
    language: 'zh-CN',
    info: {
      title: doc.title,
      author: doc.signature,
      subject: `${doc.meta.year}年工作总结`,
      creator: 'union-analytics reports',
      producer: 'union-analytics reports (pdfmake)',
      // pdfkit derives the file ID from the creation date: pinning it makes the bytes reproducible.
      creationDate: new Date(doc.meta.createdAt),
    },
    // "— 1 —": 4号, one character in from the outer edge of the 版心, 7 mm below it.
    footer: (page: number) => ({
      // En spaces: plain spaces beside the dashes are too narrow for a reader (or pdftotext) to see.
      text: `—\u2002${page}\u2002—`,
      font: SERIF,
      fontSize: GEOMETRY.pageNumber,
      alignment: page % 2 === 1 ? 'right' : 'left',
      margin: [GEOMETRY.left + GEOMETRY.pageNumber, 7 * MM, GEOMETRY.right + GEOMETRY.pageNumber, 0],
    }),
    content,
    defaultStyle: { font: SERIF, fontSize: BODY, lineHeight: LINE_HEIGHT, color: '#000000' },
    styles: {
      title: { font: SERIF, bold: true, fontSize: GEOMETRY.title, alignment: 'center', lineHeight: (PITCH * 1.2) / (GEOMETRY.title * SERIF_LINE_EM), margin: [0, 0, 0, PITCH] },
      body: { alignment: 'justify', characterSpacing: CHARACTER_SPACING },
      h1: { font: HEI, characterSpacing: CHARACTER_SPACING },
      table: { fontSize: TABLE_SIZE, lineHeight: 1.15 },
    },
  };
}
