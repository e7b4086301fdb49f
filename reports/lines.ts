// Table cells broken into lines once, here, instead of by pdfmake in every document.
//
// Why: pdfmake breaks CJK text into one word per character and measures, lays out and draws each
// one; the indicator-definitions attachment (72 rows of long text, most of a report's pages) cost
// three quarters of a PDF's render time that way, the same text in every report. Broken here into
// lines (one noWrap run each, so pdfmake handles a line as one word and pdfkit draws it with one call
// whose glyph layout it caches), the same cell costs a few calls, and the result is kept per process.
//
// The rules are the ones a reader expects of Chinese text: break between any two characters, but
// keep a run of ASCII letters and digits ("2025", "31日" keeps "31") together, never start a line with
// closing punctuation (，。、；：）》 …) and never end one with opening punctuation (（《 …).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);

interface Measurer {
  font(path: string): Measurer;
  fontSize(size: number): Measurer;
  widthOfString(text: string): number;
}

let measurer: Measurer | undefined;
/** A pdfkit document used only to measure (never written): the same metrics pdfmake uses. */
function pdfkit(): Measurer {
  if (!measurer) {
    const PDFDocument = require('pdfkit') as new (opts: object) => Measurer & { registerFont(name: string, src: Buffer): void };
    const doc = new PDFDocument({ autoFirstPage: false, compress: false });
    const fonts = new Map<string, boolean>();
    const font = doc.font.bind(doc);
    doc.font = (path: string) => {
      if (!fonts.has(path)) {
        doc.registerFont(path, readFileSync(path));
        fonts.set(path, true);
      }
      return font(path);
    };
    measurer = doc;
  }
  return measurer;
}

const NO_START = new Set('，。、；：？！）》」』”’％%．.,;:?!)]}…·');
const NO_END = new Set('（《「『“‘([{');

/** The units a line may break between: one CJK character, or a run of ASCII letters and digits. */
function units(text: string): string[] {
  return text.match(/[A-Za-z0-9.]+|[\s\S]/gu) ?? [];
}

const cache = new Map<string, string[]>();

/** `text` in `fontPath` at `size` broken into lines no wider than `width` points. Kept per process. */
export function breakLines(text: string, fontPath: string, size: number, width: number): string[] {
  const key = `${fontPath}|${size}|${width.toFixed(2)}|${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const m = pdfkit().font(fontPath).fontSize(size);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line: string[] = [];
    let w = 0;
    for (const u of units(paragraph)) {
      const uw = m.widthOfString(u);
      if (line.length && w + uw > width) {
        // closing punctuation stays with the character before it; opening punctuation goes down
        const carry: string[] = [];
        if (NO_START.has(u) && line.length > 1) carry.unshift(line.pop()!);
        while (line.length > 1 && NO_END.has(line.at(-1)!)) carry.unshift(line.pop()!);
        lines.push(line.join(''));
        line = carry;
        w = carry.reduce((s, c) => s + m.widthOfString(c), 0);
      }
      line.push(u);
      w += uw;
    }
    lines.push(line.join(''));
  }
  if (cache.size > 20_000) cache.clear(); // bounded: org names and figures add new cells
  cache.set(key, lines);
  return lines;
}
