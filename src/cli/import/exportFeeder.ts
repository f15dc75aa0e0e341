// Feeds an export to the XML parser, but hands it the bulk of the bytes — the wikitext inside each
// <text> element, ~95% of a dump — directly: found with indexOf, its five entities decoded, \r\n
// normalised. The parser still reads every tag, so an export is checked as XML; a text holding
// anything unusual (a `<`, an unknown entity) goes through the parser, which reads it or refuses it.
// Measured: this halves the CPU time of an import (bench/REPORT.md, "Import").
import type { SaxesParser } from 'saxes';

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The text as XML reads it, or undefined when it needs the parser. */
function decode(raw: string): string | undefined {
  if (raw.indexOf('<') >= 0) return undefined;
  let text = raw;
  if (text.indexOf('&') >= 0) {
    let bad = false;
    text = text.replace(ENTITY, (_, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
      if (name) return NAMED[name]!;
      const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        bad = true;
        return '';
      }
      return String.fromCodePoint(code);
    });
    if (bad || /&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw)) return undefined;
  }
  return text.indexOf('\r') >= 0 ? text.replace(/\r\n?/g, '\n') : text;
}

export class ExportFeeder {
  private carry = '';
  private inText = false;
  private parts: string[] = [];

  constructor(
    private readonly parser: SaxesParser,
    /** Receives a <text> element's content, right after the parser has read its start tag. */
    private readonly onText: (text: string) => void,
  ) {}

  write(chunk: string): void {
    const data = this.carry.length > 0 ? this.carry + chunk : chunk;
    this.carry = '';
    let pos = 0;
    for (;;) {
      if (!this.inText) {
        const open = data.indexOf('<text', pos);
        if (open < 0) {
          // Keep a tail that could be the start of "<text".
          const keep = Math.max(pos, data.length - 5);
          if (keep > pos) this.parser.write(data.slice(pos, keep));
          this.carry = data.slice(keep);
          return;
        }
        const gt = data.indexOf('>', open);
        if (gt < 0 || open + 5 >= data.length) {
          if (open > pos) this.parser.write(data.slice(pos, open));
          this.carry = data.slice(open);
          return;
        }
        const after = data.charCodeAt(open + 5);
        const isTextTag = after === 32 || after === 62 || after === 47 || after === 9 || after === 10 || after === 13;
        this.parser.write(data.slice(pos, isTextTag ? gt + 1 : open + 5));
        pos = isTextTag ? gt + 1 : open + 5;
        // `<text/>` has no content; `<textual…>` is another element.
        if (!isTextTag || data.charCodeAt(gt - 1) === 47) continue;
        this.inText = true;
      }
      const close = data.indexOf('</text>', pos);
      if (close < 0) {
        const keep = Math.max(pos, data.length - 6);
        if (keep > pos) this.parts.push(data.slice(pos, keep));
        this.carry = data.slice(keep);
        return;
      }
      this.parts.push(data.slice(pos, close));
      const raw = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
      this.parts = [];
      this.inText = false;
      const text = decode(raw);
      if (text === undefined) this.parser.write(raw);
      else if (text.length > 0) this.onText(text);
      pos = close;
    }
  }

  /** The rest, at the end of the input (a cut-off text included: the parser then says it ends early). */
  end(): void {
    const rest = this.parts.join('') + this.carry;
    this.parts = [];
    this.carry = '';
    if (rest.length > 0) this.parser.write(rest);
  }
}
