// The only module that turns a pdfmake document definition into PDF bytes. It owns the fonts and the
// pdfmake setup, so templates stay pure (data in → document definition out).
//
// Why the font handling looks unusual: the CJK faces are 10–15 MB TrueType files. pdfkit reads a font
// file from disk for every document (and once more for every chart's SVG text), which cost more than
// the whole layout. We read each file once per process and hand pdfkit the bytes, registered under the
// file's own path, so the paths in the definition and in chart SVGs still resolve through the local
// access policy (limited to the font folder) while no document touches the disk.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { FONT_DIRS, FONT_PATHS, FONT_SETS } from './fonts.ts';
import type { TDocumentDefinitions, DynamicContent } from 'pdfmake/interfaces.js';

const require = createRequire(import.meta.url);

interface PdfMake {
  addTableLayouts(layouts: Record<string, unknown>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  setFonts(fonts: Record<string, Record<string, string>>): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}
/** The pdfkit internals the font cache touches (pdfkit 0.17–0.19: PDFDocument.font / EmbeddedFont). */
interface PdfKitFont {
  font: unknown;
  constructor: unknown;
  layoutCache: Record<string, unknown>;
}
type EmbeddedFontClass = new (doc: PdfKitDoc, font: unknown, id: string) => PdfKitFont;
interface PdfKitDoc {
  _font: PdfKitFont;
  _fontFamilies: Record<string, PdfKitFont>;
  _fontCount: number;
  _fontSource: unknown;
  _fontFamily: unknown;
  registerFont(name: string, src: Buffer): void;
  fontSize(size: number): void;
}

let pdfmake: PdfMake | undefined;

/** The 公文 attachments' table: black rules on every cell, as a printed statistical table. */
const GONGWEN_TABLE = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#000000',
  vLineColor: () => '#000000',
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

/** The templates' table look ('report'): light rules, a ruled header, comfortable padding. */
const REPORT_TABLE = {
  hLineWidth: (i: number, node: { table: { body: unknown[]; headerRows?: number } }) =>
    i === 0 || i === node.table.body.length || i === (node.table.headerRows ?? 0) ? 0.8 : 0.3,
  vLineWidth: () => 0,
  hLineColor: (i: number) => (i === 0 ? '#6b7177' : '#c9ced3'),
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

function setup(): PdfMake {
  if (pdfmake) return pdfmake;
  const pm = require('pdfmake') as PdfMake;
  const bytes = new Map<string, Buffer>(FONT_PATHS.map((p) => [p, readFileSync(p)]));
  // pdfmake's PDFDocument subclasses pdfkit's; patching its `font` lets every document of this
  // process take the font bytes from memory (see the header comment).
  const PDFDocument = require('pdfmake/js/PDFDocument.js').default as { prototype: Record<string, unknown> };
  const font = PDFDocument.prototype.font as (this: PdfKitDoc, src: unknown, ...rest: unknown[]) => PdfKitDoc;
  // pdfkit also parses the font anew for every document (cmap and metrics of ~30,000 glyphs). The
  // parsed fontkit font is read-only after parsing (each document builds its own subset in its own
  // EmbeddedFont), so after the first document we make the EmbeddedFont from the parsed font we keep.
  // The glyph-layout cache (text → glyphs and advances) depends only on the font, so it is shared
  // too: the fixed text every report repeats (labels, the appendix) is shaped once per process.
  const parsed = new Map<string, { Embedded: EmbeddedFontClass; font: unknown; layoutCache: Record<string, unknown> }>();
  PDFDocument.prototype.font = function (this: PdfKitDoc, src: unknown, family?: unknown, size?: unknown) {
    if (typeof src !== 'string' || !bytes.has(src)) return font.call(this, src, family, size);
    if (typeof family === 'number') [size, family] = [family, undefined];
    const known = parsed.get(src);
    if (!known) {
      this.registerFont(src, bytes.get(src)!);
      font.call(this, src, family, size);
      parsed.set(src, { Embedded: this._font.constructor as EmbeddedFontClass, font: this._font.font, layoutCache: this._font.layoutCache });
      memoizeGlyphDecode(this._font.font as GlyphSource);
      return this;
    }
    let embedded = this._fontFamilies[src];
    if (!embedded) {
      embedded = this._fontFamilies[src] = new known.Embedded(this, known.font, `F${++this._fontCount}`);
      // Bounded: org names and figures add new strings; start over rather than grow without end.
      if (Object.keys(known.layoutCache).length > 50_000) known.layoutCache = Object.create(null);
      embedded.layoutCache = known.layoutCache;
    }
    this._font = embedded;
    this._fontSource = src;
    this._fontFamily = family;
    if (typeof size === 'number') this.fontSize(size);
    return this;
  };
  // No network, ever; local files only from the font folder (pdfmake advisory, see stack notes).
  pm.setUrlAccessPolicy(() => false);
  const roots = FONT_DIRS.map((d) => resolve(d) + sep);
  pm.setLocalAccessPolicy((path) => roots.some((root) => resolve(path).startsWith(root)));
  // pdfmake measures a run's character spacing between its characters only (n − 1 times), while the
  // PDF's Tc adds it after every glyph. With CJK text broken into one-character words, a negative
  // spacing (the 公文 grid: 16 pt glyphs on a 15.79 pt pitch) was never measured at all. Measure it
  // as drawn: n times. (Without a spacing nothing changes.)
  const TextInlines = require('pdfmake/js/TextInlines.js').default as { prototype: { widthOfText(text: string, inline: TextInline): number } };
  TextInlines.prototype.widthOfText = function (text: string, inline: TextInline) {
    return inline.font.widthOfString(text, inline.fontSize, inline.fontFeatures) + (inline.characterSpacing || 0) * text.length;
  };
  pm.setFonts(Object.fromEntries(Object.entries(FONT_SETS).map(([name, f]) => [name, { ...f, italics: f.normal, bolditalics: f.bold }])));
  pm.addTableLayouts({ report: REPORT_TABLE, gongwen: GONGWEN_TABLE });
  pdfmake = pm;
  return pm;
}

interface TextInline {
  font: { widthOfString(text: string, size: number, features: unknown): number };
  fontSize: number;
  fontFeatures: unknown;
  characterSpacing?: number;
}

interface GlyphSource {
  getGlyph(id: number): { constructor: { prototype: Record<string, unknown> } };
}

/**
 * Subsetting calls glyph._decode() for every glyph of every document (to see whether it is compound),
 * which re-parses the outline each time: most of the subsetting cost. With the font shared, the
 * glyph objects persist, so the parsed outline is kept on the glyph (fontkit never mutates it).
 */
function memoizeGlyphDecode(font: GlyphSource): void {
  const proto = font.getGlyph(0).constructor.prototype as { _decode: () => unknown; __memo?: boolean };
  if (proto.__memo) return;
  const decode = proto._decode;
  const memo = new WeakMap<object, unknown>();
  proto._decode = function (this: object) {
    if (!memo.has(this)) memo.set(this, decode.call(this));
    return memo.get(this);
  };
  proto.__memo = true;
}

export interface RenderedPdf {
  bytes: Buffer;
  pages: number;
}

/**
 * Renders a document definition. The definition is not modified. Its `info.creationDate` should be
 * set by the template (from the pinned "generated at"): pdfkit derives the file ID from it, so the
 * same data gives byte-identical PDFs.
 */
export async function renderPdf(doc: TDocumentDefinitions): Promise<RenderedPdf> {
  const pm = setup();
  let pages = 0;
  const footer = doc.footer;
  // The page count is only known to the footer callback; capture it there.
  const counted: DynamicContent = (current, count, size) => {
    pages = count;
    return typeof footer === 'function' ? footer(current, count, size) : (footer ?? null);
  };
  const bytes = await pm.createPdf({ ...doc, footer: counted }).getBuffer();
  return { bytes, pages };
}
