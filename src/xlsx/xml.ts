// A small pull scanner for the XML of .xlsx parts: elements, attributes and text, by local name (prefixes
// such as "x:" dropped). It refuses DTDs and undefined entities instead of expanding anything.
import { MESSAGES, XlsxReadError, type FileKind } from "./errors";

export const Tok = { End: 0, Open: 1, Close: 2 } as const;
export type Tok = 0 | 1 | 2;

/** Local name of xml[s, e) without allocating for the names a sheet repeats on every cell. */
function intern(xml: string, s: number, e: number): string {
  const n = e - s;
  const c0 = xml.charCodeAt(s);
  if (n === 1) {
    if (c0 === 99) return "c";
    if (c0 === 118) return "v";
    if (c0 === 102) return "f";
    if (c0 === 116) return "t";
    if (c0 === 114) return "r";
  } else if (n === 2 && c0 === 105 && xml.charCodeAt(s + 1) === 115) return "is";
  else if (n === 3 && c0 === 114 && xml.charCodeAt(s + 1) === 111 && xml.charCodeAt(s + 2) === 119) return "row";
  else if (n === 2 && c0 === 115 && xml.charCodeAt(s + 1) === 105) return "si";
  return xml.slice(s, e);
}

/** XML white space: space, line feed, tab, carriage return. */
export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

export class XmlScanner {
  /** Local name of the current tag. */
  name = "";
  selfClosing = false;
  /** Where the current start tag's attributes are in `xml`. */
  attrStart = 0;
  attrEnd = 0;
  /** Position after the current tag, and of its '<'. */
  pos = 0;
  tagStart = 0;
  /** Where the qualified name starts (before any prefix) and the local name starts. */
  qnameStart = 0;
  nameStart = 0;

  constructor(
    readonly xml: string,
    readonly part: string,
  ) {}

  /** Next start or end tag; text, comments and processing instructions are skipped. */
  next(): Tok {
    const xml = this.xml;
    const len = xml.length;
    for (;;) {
      const lt = xml.indexOf("<", this.pos);
      if (lt < 0) return Tok.End;
      const c = xml.charCodeAt(lt + 1);
      if (c === 33 /* ! */) {
        this.pos = this.skipBang(lt);
        continue;
      }
      if (c === 63 /* ? */) {
        const end = xml.indexOf("?>", lt);
        if (end < 0) throw this.broken();
        this.pos = end + 2;
        continue;
      }
      const close = c === 47; /* / */
      let i = close ? lt + 2 : lt + 1;
      let start = i;
      for (; i < len; i++) {
        const ch = xml.charCodeAt(i);
        if (ch === 32 || ch === 62 || ch === 47 || ch === 10 || ch === 9 || ch === 13) break;
        if (ch === 58 /* : */) start = i + 1;
      }
      this.name = intern(xml, start, i);
      this.tagStart = lt;
      this.qnameStart = close ? lt + 2 : lt + 1;
      this.nameStart = start;
      // Attributes end at a '>' outside quotes (a quoted value may hold '>').
      this.attrStart = i;
      let quote = 0;
      for (; i < len; i++) {
        const ch = xml.charCodeAt(i);
        if (quote !== 0) {
          if (ch === quote) quote = 0;
        } else if (ch === 62) break;
        else if (ch === 34 || ch === 39) quote = ch;
      }
      if (i >= len) throw this.broken();
      this.pos = i + 1;
      if (close) return Tok.Close;
      this.selfClosing = xml.charCodeAt(i - 1) === 47;
      this.attrEnd = this.selfClosing ? i - 1 : i;
      return Tok.Open;
    }
  }

  private skipBang(lt: number): number {
    const xml = this.xml;
    if (xml.startsWith("<!--", lt)) {
      const end = xml.indexOf("-->", lt + 4);
      if (end < 0) throw this.broken();
      return end + 3;
    }
    if (xml.startsWith("<![CDATA[", lt)) {
      const end = xml.indexOf("]]>", lt);
      if (end < 0) throw this.broken();
      return end + 3;
    }
    // <!DOCTYPE …> or <!ENTITY …>: never expanded, never accepted.
    throw new XlsxReadError("dtd", MESSAGES.dtd(this.part));
  }

  /** "x:" for <x:c>, "" for <c>. */
  prefix(): string {
    return this.xml.slice(this.qnameStart, this.nameStart);
  }

  broken(): XlsxReadError {
    return new XlsxReadError("damaged", MESSAGES.badXml(this.part));
  }

  /** Attribute value by its exact (qualified) name, entities decoded; null when absent. */
  attr(name: string): string | null {
    const xml = this.xml;
    let i = this.attrStart;
    const end = this.attrEnd;
    const first = name.charCodeAt(0);
    for (;;) {
      // A bounded search: indexOf would run past the tag to the end of the part.
      while (i < end && xml.charCodeAt(i) !== first) i++;
      if (i >= end) return null;
      if (!xml.startsWith(name, i)) {
        i++;
        continue;
      }
      const before = xml.charCodeAt(i - 1);
      let j = i + name.length;
      // Whole name only: "r" must not match inside "ref" or "xr:uid".
      if (before === 32 || before === 10 || before === 9 || before === 13) {
        while (isSpace(xml.charCodeAt(j))) j++;
        if (xml.charCodeAt(j) === 61 /* = */) {
          j++;
          while (isSpace(xml.charCodeAt(j))) j++;
          const q = xml.charCodeAt(j);
          if (q === 34 || q === 39) {
            const close = xml.indexOf(q === 34 ? '"' : "'", j + 1);
            if (close < 0 || close > end) throw this.broken();
            const v = xml.slice(j + 1, close);
            return v.indexOf("&") >= 0 ? decodeEntities(v, this.part) : v;
          }
        }
      }
      i = j;
    }
  }

  /** Attribute by local name under any prefix ("r:id" or "x:id"), for namespaces whose prefix varies. */
  prefixedAttr(local: string): string | null {
    const m = new RegExp(`\\s[\\w.-]+:${local}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(this.xml.slice(this.attrStart - 1, this.attrEnd));
    return m ? (m[1] ?? m[2]) : null;
  }

  /**
   * Text content up to the end tag of the current element (call right after an Open that is not self-closing).
   * Nested elements' text is included; CDATA is kept as is.
   */
  text(): string {
    const xml = this.xml;
    const lt = xml.indexOf("<", this.pos);
    if (lt < 0) throw this.broken();
    // Common case: plain text, then the end tag.
    if (xml.charCodeAt(lt + 1) === 47) {
      const raw = xml.slice(this.pos, lt);
      this.next();
      return raw.length === 0 ? raw : normalise(raw, this.part);
    }
    let out = normalise(xml.slice(this.pos, lt), this.part);
    let depth = 0;
    this.pos = lt;
    for (;;) {
      const lt2 = xml.indexOf("<", this.pos);
      if (lt2 < 0) throw this.broken();
      if (lt2 > this.pos) out += normalise(xml.slice(this.pos, lt2), this.part);
      if (xml.startsWith("<![CDATA[", lt2)) {
        const end = xml.indexOf("]]>", lt2);
        if (end < 0) throw this.broken();
        out += xml.slice(lt2 + 9, end);
        this.pos = end + 3;
        continue;
      }
      this.pos = lt2;
      const t = this.next();
      if (t === Tok.End) throw this.broken();
      if (t === Tok.Open && !this.selfClosing) depth++;
      else if (t === Tok.Close) {
        if (depth === 0) return out;
        depth--;
      }
    }
  }

  /** Skips to the end of the current element (after an Open that is not self-closing). */
  skip(): void {
    let depth = 0;
    for (;;) {
      const t = this.next();
      if (t === Tok.End) throw this.broken();
      if (t === Tok.Open && !this.selfClosing) depth++;
      else if (t === Tok.Close) {
        if (depth === 0) return;
        depth--;
      }
    }
  }
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Text with entities decoded and line ends normalised as an XML parser does. */
export function normalise(s: string, part: string): string {
  if (s.indexOf("&") >= 0) s = decodeEntities(s, part);
  if (s.indexOf("\r") >= 0) s = s.replace(/\r\n?/g, "\n");
  return s;
}

export function decodeEntities(s: string, part: string, kind?: FileKind): string {
  return s.replace(/&([^;&]{0,12});?/g, (all, body: string) => {
    if (!all.endsWith(";")) throw new XlsxReadError("damaged", MESSAGES.badEntity(part, all, kind));
    const named = NAMED[body];
    if (named !== undefined) return named;
    if (body.charCodeAt(0) === 35 /* # */) {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (Number.isFinite(code) && code >= 0 && code <= 0x10ffff) return String.fromCodePoint(code);
    }
    throw new XlsxReadError("damaged", MESSAGES.badEntity(part, all, kind));
  });
}

/** Excel's escapes for characters XML cannot hold ("_x000D_" → "\r"); "_x005F_" escapes a literal "_". */
export function decodeXstring(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : "&quot;"));
}
