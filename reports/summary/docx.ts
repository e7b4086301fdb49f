// The same work summary as a Word file (.docx, with the `docx` package): the SummaryDoc the PDF lays
// out, in the same 公文 geometry (A4, 版心 156 × 225 mm, 22 lines × 28 characters on a document grid,
// exact line pitch, two-character first-line indent, page numbers "— 1 —" at the outer side). Named
// styles carry the faces, so staff who edit in Word or WPS keep the layout: 标题 / 正文 / 一级标题 /
// 二级标题. Fonts are the Windows and WPS faces every Chinese office has (宋体, 仿宋, 黑体, 楷体); the PDF
// embeds open-licence stand-ins for them (reports/fonts.ts).
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  FileChild,
  XmlComponent,
  type IContext,
  type ISectionOptions,
} from 'docx';
import { ITEM_NUMBERS, signatureIndents, type SummaryDoc } from './compose.ts';
import type { AttachmentTable } from './attachments.ts';

const TWIP_PER_MM = 1440 / 25.4;
const mm = (x: number) => Math.round(x * TWIP_PER_MM);
/** 225 mm / 22 lines, in twips (the exact line pitch of the body). */
const PITCH = Math.round((225 * TWIP_PER_MM) / 22);
/** Half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt. */
const SIZE = { title: 44, body: 32, pageNumber: 28, table: 21 };
/** Two characters of 3号. */
const INDENT = 2 * 16 * 20;

const FACE = { song: '宋体', fangsong: '仿宋', hei: '黑体', kai: '楷体', latin: 'Times New Roman' };
const font = (eastAsia: string) => ({ ascii: FACE.latin, hAnsi: FACE.latin, eastAsia, cs: FACE.latin });

const STYLES = {
  default: { document: { run: { font: font(FACE.fangsong), size: SIZE.body, color: '000000' } } },
  paragraphStyles: [
    {
      id: 'GwBody',
      name: '正文（公文）',
      basedOn: 'Normal',
      quickFormat: true,
      run: { font: font(FACE.fangsong), size: SIZE.body },
      paragraph: { indent: { firstLine: INDENT }, spacing: { line: PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, alignment: AlignmentType.BOTH },
    },
    {
      id: 'GwTitle',
      name: '标题（公文）',
      basedOn: 'Normal',
      quickFormat: true,
      run: { font: font(FACE.song), size: SIZE.title, bold: true },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { line: Math.round(PITCH * 1.2), lineRule: LineRuleType.EXACT, after: PITCH } },
    },
    {
      id: 'GwH1',
      name: '一级标题（黑体）',
      basedOn: 'GwBody',
      quickFormat: true,
      run: { font: font(FACE.hei), size: SIZE.body },
      paragraph: { keepNext: true },
    },
    {
      id: 'GwTable',
      name: '表格（公文附件）',
      basedOn: 'Normal',
      run: { font: font(FACE.fangsong), size: SIZE.table },
      paragraph: { spacing: { line: 300, lineRule: LineRuleType.AUTO, before: 40, after: 40 } },
    },
  ],
};

function body(text: string, extra: { before?: TextRun[]; style?: string } = {}): Paragraph {
  return new Paragraph({ style: extra.style ?? 'GwBody', children: [...(extra.before ?? []), new TextRun(text)] });
}

/** "— 1 —" at the outer side, one character in: odd pages right, even pages left. */
function pageNumber(align: 'right' | 'left'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: 280 } : { left: 280 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FACE.song), size: SIZE.pageNumber })],
      }),
    ],
  });
}

/** 落款 and 成文日期 (GB/T 9704-2012 7.3.5.2), placed as in the PDF (signatureIndents, compose.ts). */
function signature(sig: string, date: string): Paragraph[] {
  const { sigRight, dateRight } = signatureIndents(sig, date);
  const right = (n: number, text: string) =>
    new Paragraph({ style: 'GwBody', alignment: AlignmentType.RIGHT, indent: { firstLine: 0, right: Math.round(n * 320) }, children: [new TextRun(text)] });
  return [new Paragraph({ style: 'GwBody', children: [] }), right(sigRight, sig), right(dateRight, date)];
}

/**
 * A table whose XML tree is prepared once and handed out again: the indicator definitions are the
 * same 72 rows in every report of a year, and building and preparing them was three quarters of a
 * Word file's cost. The prepared tree is plain data the serializer only reads, so sharing it is safe.
 */
class PreparedTable extends FileChild {
  private prepared: ReturnType<XmlComponent['prepForXml']> | undefined;
  private readonly table: Table;
  constructor(table: Table) {
    super('w:tbl');
    this.table = table;
  }
  override prepForXml(context: IContext) {
    return (this.prepared ??= this.table.prepForXml(context));
  }
}

/** Recently built tables by content (the definitions stay: every report asks for them). */
const TABLES = new Map<string, PreparedTable>();

function cachedTable(t: AttachmentTable, build: () => Table): PreparedTable {
  const key = JSON.stringify(t);
  let hit = TABLES.get(key);
  if (hit) TABLES.delete(key);
  else hit = new PreparedTable(build());
  TABLES.set(key, hit); // most recent last
  if (TABLES.size > 8) TABLES.delete(TABLES.keys().next().value!);
  return hit;
}

function attachment(t: AttachmentTable, n: number): (Paragraph | Table | PreparedTable)[] {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const width = mm(156);
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const cell = (text: string, i: number, j: number, head: boolean) =>
    new TableCell({
      width: { size: Math.round((width * t.widths[j]!) / total), type: WidthType.DXA },
      borders: { top: border, bottom: border, left: border, right: border },
      children: [
        new Paragraph({
          style: 'GwTable',
          alignment: head ? AlignmentType.CENTER : t.align[j] === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: !head && t.strong.includes(i), font: head || t.strong.includes(i) ? font(FACE.hei) : undefined })],
        }),
      ],
    });
  return [
    new Paragraph({ pageBreakBefore: true, style: 'GwBody', indent: { firstLine: 0 }, children: [new TextRun({ text: `附件${n}`, font: font(FACE.hei) })] }),
    new Paragraph({ style: 'GwTitle', children: [new TextRun(t.title)] }),
    cachedTable(t, () =>
      new Table({
        width: { size: width, type: WidthType.DXA },
        rows: [
          new TableRow({ tableHeader: true, children: t.header.map((h, j) => cell(h, -1, j, true)) }),
          ...t.rows.map((r, i) => new TableRow({ cantSplit: true, children: r.map((c, j) => cell(c, i, j, false)) })),
        ],
      }),
    ),
    ...(t.note ? [new Paragraph({ style: 'GwTable', children: [new TextRun(t.note)] })] : []),
  ];
}

export function buildDocx(doc: SummaryDoc): Document {
  const children: (Paragraph | Table | PreparedTable)[] = [new Paragraph({ style: 'GwTitle', children: [new TextRun(doc.title)] }), body(doc.opening)];
  for (const s of doc.sections) {
    children.push(new Paragraph({ style: 'GwH1', children: [new TextRun(`${s.number}、${s.heading}`)] }));
    for (const p of s.paragraphs) children.push(body(p));
    s.example.forEach((p, i) => children.push(body(i === 0 && !/^如[:：]?/.test(p) ? `如：${p}` : p)));
    if (s.key === 'plans') {
      doc.plans.forEach((p, i) => children.push(body(p, { before: [new TextRun({ text: `（${ITEM_NUMBERS[i] ?? i + 1}）`, font: font(FACE.kai) })] })));
    }
  }
  if (doc.attachments.length) {
    children.push(new Paragraph({ style: 'GwBody', children: [] }));
    doc.attachments.forEach((a, i) =>
      children.push(
        new Paragraph({
          style: 'GwBody',
          indent: i === 0 ? { firstLine: INDENT } : { firstLine: 0, left: INDENT + 3 * 320 },
          children: [new TextRun(i === 0 ? `附件：${i + 1}．${a.title}` : `${i + 1}．${a.title}`)],
        }),
      ),
    );
  }
  children.push(...signature(doc.signature, doc.date));
  doc.attachments.forEach((a, i) => children.push(...attachment(a, i + 1)));

  const section: ISectionOptions = {
    properties: {
      page: {
        size: { width: mm(210), height: mm(297) },
        margin: { top: mm(37), left: mm(28), right: mm(26), bottom: mm(35), footer: mm(35 - 7 - 5), header: mm(15) },
      },
      grid: { type: DocumentGridType.LINES, linePitch: PITCH },
    },
    footers: { default: pageNumber('right'), even: pageNumber('left') },
    children,
  };
  return new Document({
    creator: doc.signature,
    title: doc.title,
    description: `${doc.meta.year}年工作总结`,
    evenAndOddHeaderAndFooters: true,
    styles: STYLES,
    sections: [section],
  });
}

/** The .docx bytes. docx stamps the current time into the core properties; we pin it (same data →
 *  same text; the zip itself is not byte-reproducible). */
export async function renderDocx(doc: SummaryDoc): Promise<Buffer> {
  return Packer.toBuffer(buildDocx(doc));
}
