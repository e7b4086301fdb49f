// A small streaming XML tokenizer for the parts of an .xlsx (sheets, shared strings, styles, the
// workbook). Those parts use a tiny subset of XML: elements, attributes, text, entities, at times
// CDATA, comments and processing instructions; no DTD entities (a DOCTYPE is skipped, never
// expanded). A hand tokenizer finds each '<' and '>' with indexOf, which is several times faster than a
// character-by-character SAX parser on a 50 MB sheet, and it keeps only the unfinished tail of a chunk.

export interface XmlHandler {
  /** name without its namespace prefix; attrs: the raw attribute text (see attr()) */
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** raw text between tags (entities not decoded, see decodeXml), or CDATA content (already literal) */
  text(raw: string, cdata: boolean): void;
}

export class XmlError extends Error {}

export class XmlStream {
  private buf = '';
  private readonly h: XmlHandler;
  constructor(h: XmlHandler) {
    this.h = h;
  }

  write(chunk: string): void {
    const buf = this.buf ? this.buf + chunk : chunk;
    const h = this.h;
    const n = buf.length;
    let pos = 0;
    while (pos < n) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) break; // text whose end is in the next chunk
      if (lt > pos) h.text(buf.slice(pos, lt), false);
      pos = lt;
      const c1 = buf.charCodeAt(lt + 1);
      if (c1 === 33 /* ! */ || c1 === 63 /* ? */) {
        const end = this.special(buf, lt);
        if (end < 0) break;
        pos = end;
        continue;
      }
      let gt = buf.indexOf('>', lt + 1);
      if (gt < 0) break;
      // '>' may stand inside a quoted attribute value: then the tag goes on
      while (unbalancedQuotes(buf, lt, gt)) {
        gt = buf.indexOf('>', gt + 1);
        if (gt < 0) break;
      }
      if (gt < 0) break;
      if (c1 === 47 /* / */) h.close(localName(buf, lt + 2, gt));
      else {
        const self = buf.charCodeAt(gt - 1) === 47;
        const end = self ? gt - 1 : gt;
        let i = lt + 1;
        while (i < end) {
          const c = buf.charCodeAt(i);
          if (c === 32 || c === 9 || c === 10 || c === 13) break;
          i++;
        }
        h.open(localName(buf, lt + 1, i), i < end ? buf.slice(i, end) : '', self);
      }
      pos = gt + 1;
    }
    this.buf = pos < n ? buf.slice(pos) : '';
    if (this.buf.length > 1 << 26) throw new XmlError('an XML token over 64 MB');
  }

  /** Everything must have been consumed: an unfinished tag means a truncated part. */
  end(): void {
    if (this.buf.trim() !== '') throw new XmlError('the XML ends inside a tag');
  }

  /** Comments, CDATA, processing instructions, DOCTYPE: returns the position after, or -1 if unfinished. */
  private special(buf: string, lt: number): number {
    if (buf.startsWith('<!--', lt)) {
      const e = buf.indexOf('-->', lt + 4);
      return e < 0 ? -1 : e + 3;
    }
    if (buf.startsWith('<![CDATA[', lt)) {
      const e = buf.indexOf(']]>', lt + 9);
      if (e < 0) return -1;
      this.h.text(buf.slice(lt + 9, e), true);
      return e + 3;
    }
    if (buf.startsWith('<?', lt)) {
      const e = buf.indexOf('?>', lt + 2);
      return e < 0 ? -1 : e + 2;
    }
    if (buf.length - lt < 9) return -1; // cannot tell yet what it is
    if (buf.startsWith('<!DOCTYPE', lt)) {
      // an internal subset ([...]) may hold '>': skip to the ']>' that closes it
      const bracket = buf.indexOf('[', lt);
      const gt = buf.indexOf('>', lt);
      if (gt < 0) return -1;
      if (bracket < 0 || bracket > gt) return gt + 1;
      const e = buf.indexOf(']>', bracket);
      return e < 0 ? -1 : e + 2;
    }
    throw new XmlError(`unexpected markup ${buf.slice(lt, lt + 12)}`);
  }
}

function unbalancedQuotes(buf: string, from: number, to: number): boolean {
  let q = 0; // the quote char we are inside of, or 0
  for (let i = from; i < to; i++) {
    const c = buf.charCodeAt(i);
    if (q) { if (c === q) q = 0; } else if (c === 34 || c === 39) q = c;
  }
  return q !== 0;
}

function localName(buf: string, from: number, to: number): string {
  let end = to;
  while (end > from && buf.charCodeAt(end - 1) <= 32) end--;
  let start = from;
  for (let i = from; i < end; i++) if (buf.charCodeAt(i) === 58 /* : */) start = i + 1;
  return buf.slice(start, end);
}

/** One attribute's value from the raw attribute text (name without prefix; xmlns excluded), decoded. */
export function attr(attrs: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const i = attrs.indexOf(name, from);
    if (i < 0) return undefined;
    from = i + name.length;
    const before = i === 0 ? 32 : attrs.charCodeAt(i - 1);
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13 && before !== 58 /* : prefix */) continue;
    let j = from;
    while (attrs.charCodeAt(j) <= 32) j++;
    if (attrs.charCodeAt(j) !== 61 /* = */) continue;
    j++;
    while (attrs.charCodeAt(j) <= 32) j++;
    const quote = attrs[j];
    if (quote !== '"' && quote !== "'") continue;
    const end = attrs.indexOf(quote, j + 1);
    if (end < 0) return undefined;
    const v = attrs.slice(j + 1, end);
    return v.indexOf('&') >= 0 ? decodeXml(v) : v;
  }
}

const NAMED: Record<string, string> = { quot: '"', apos: "'", gt: '>', lt: '<', amp: '&' };
const ENTITY = /&(?:(quot|apos|gt|lt|amp)|#(x[\da-fA-F]+|\d+));/g;
const ESCAPE = /_x([\da-fA-F]{4})_/g;

/**
 * XML entities, then the spreadsheet's own _xHHHH_ escapes (control characters Excel writes as
 * _x000D_), in SheetJS's order (its unescapexml), so the cells read are the ones SheetJS read.
 * `xlsxText`: text of a string cell, where CR LF becomes LF as in SheetJS.
 */
export function decodeXml(s: string, xlsxText = false): string {
  let out = s.indexOf('&') >= 0 ? s.replace(ENTITY, (m, name: string | undefined, num: string | undefined) => {
    if (name) return NAMED[name]!;
    const code = num![0] === 'x' ? parseInt(num!.slice(1), 16) : parseInt(num!, 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  }) : s;
  if (out.indexOf('_x') >= 0) out = out.replace(ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return xlsxText && out.indexOf('\r\n') >= 0 ? out.replace(/\r\n/g, '\n') : out;
}
