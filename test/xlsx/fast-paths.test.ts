// The sheet reader's fast paths (a <row> or <c> tag read in one pass, <v>…</v></c> read in place, a plain number
// scanned, a plain shared string read in place) against its general path, on random but legal XML: the same
// document with every tag under a namespace prefix ("x:c", which no fast path takes) must read the same.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { DEFAULT_LIMITS, XlsxReadError } from "../../src/xlsx/errors";
import { readSharedStrings, readSheet, type SheetContext } from "../../src/xlsx/sheet-xml";

const STRINGS = ["甲", "乙", "丙"];

function context(): SheetContext {
  return {
    name: "表",
    part: "xl/worksheets/sheet1.xml",
    strings: STRINGS,
    styles: { formats: [null, "mm-dd-yy", "0.00", "@"], isDate: [false, true, false, false] },
    date1904: false,
    limits: DEFAULT_LIMITS,
    cells: { count: 0, merged: 0, formulaChars: 0, merges: 0 },
  };
}

/** What reading gives: the sheet, or the code of the error it ends with. */
function read(xml: string): unknown {
  try {
    const s = readSheet(xml, context());
    return { rows: s.rows, numberFormats: s.numberFormats, formulas: s.formulas ?? null, merges: s.merges };
  } catch (e) {
    if (e instanceof XlsxReadError) return { error: e.code };
    throw e;
  }
}

// Mostly as Excel writes them (the fast paths' case), often as other writers may.
const space = fc.constantFrom(" ", " ", " ", " ", " ", " ", "\n", "\t", "\r\n", "  ");
const quote = fc.constantFrom('"', '"', '"', '"', "'");
/** An attribute as writers put it: name="value", maybe single-quoted, maybe with white space around "=". */
const attr = (name: string, value: string) =>
  fc.tuple(quote, fc.constantFrom("=", "=", "=", "=", "=", "=", " = ", "\n=\t")).map(([q, eq]) => (q === "'" && value.includes("'")) || (q === '"' && value.includes('"')) ? `${name}="${value}"` : `${name}${eq}${q}${value}${q}`);

const numberText = fc.oneof(
  fc.constantFrom("12", "-0", "0", "0.5", "-12.50", "007", " 12 ", "1E-3", "1.5e2", "&#49;2", "", "12.", ".5", "+3", "1234567890123456789", "0.30000000000000004", "8836360.73", "45291", "1,234", "NaN", "-", "1.2.3"),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer({ min: -1e9, max: 1e9 }).map((n) => String(n / 100)),
);
const stringIndex = fc.constantFrom("0", "1", "2", "0.0", " 1 ", "1e0", "-0", "2.0");

interface Cell {
  type: string | null;
  value: string;
}

const cellValue: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 5, arbitrary: numberText.map((value) => ({ type: null, value })) },
  { weight: 1, arbitrary: numberText.map((value) => ({ type: "n", value })) },
  { weight: 3, arbitrary: stringIndex.map((value) => ({ type: "s", value })) },
  { weight: 1, arbitrary: fc.constantFrom("abc &amp; d", "x_x000D_y", "", " 单位 ", "a&lt;b").map((value) => ({ type: "str", value })) },
  { weight: 1, arbitrary: fc.constantFrom("1", "0", "true", "false", "2").map((value) => ({ type: "b", value })) },
  { weight: 1, arbitrary: fc.constantFrom("#N/A", "#DIV/0!").map((value) => ({ type: "e", value })) },
);

/** One <c> with prefix p: its attributes in any order and form, its value in one of the shapes writers use. */
function cellXml(p: string, row: number, col: number) {
  const letters = String.fromCharCode(65 + col);
  return fc
    .record({
      ref: fc.constantFrom("plain", "plain", "plain", "lower", "dollar", "none"),
      style: fc.option(fc.constantFrom("0", "1", "2", "3", "02"), { nil: undefined }),
      typeAttr: fc.boolean(),
      extra: fc.option(fc.constantFrom('x14ac:foo="1"', 'cm="1"', 'ph="1"'), { nil: undefined }),
      order: fc.nat(5),
      seps: fc.array(space, { minLength: 4, maxLength: 4 }),
      quotes: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      body: fc.constantFrom("v", "v", "v", "v", "v-space", "f-v", "empty", "self", "inline"),
      cell: cellValue,
    })
    .chain((c) => {
      const ref = c.ref === "plain" ? `${letters}${row}` : c.ref === "lower" ? `${letters.toLowerCase()}${row}` : c.ref === "dollar" ? `$${letters}$${row}` : null;
      const type = c.body === "inline" ? "inlineStr" : c.cell.type;
      const parts: fc.Arbitrary<string>[] = [];
      if (ref !== null) parts.push(attr("r", ref));
      if (c.style !== undefined) parts.push(attr("s", c.style));
      if (type !== null || c.typeAttr) parts.push(attr("t", type ?? "n"));
      if (c.extra) parts.push(fc.constant(c.extra));
      return fc.tuple(...parts).map((attrs) => {
        const ordered = attrs.map((_, i) => attrs[(i + c.order) % attrs.length]);
        const open = `<${p}c${ordered.map((a, i) => c.seps[i % 4] + a).join("")}`;
        const v = `<${p}v>${c.cell.value}</${p}v>`;
        switch (c.body) {
          case "self":
            return `${open}/>`;
          case "empty":
            return `${open}></${p}c>`;
          case "v-space":
            return `${open}>${v}\n</${p}c>`;
          case "f-v":
            return `${open}><${p}f>A1+1</${p}f>${v}</${p}c>`;
          case "inline":
            return `${open}><${p}is><${p}t>行内</${p}t></${p}is></${p}c>`;
          default:
            return `${open}>${v}</${p}c>`;
        }
      });
    });
}

/** A sheet of a few rows, each with r in some form (or none), extra attributes, cells in order with gaps. */
function sheetXml(p: string) {
  const row = (n: number) =>
    fc
      .record({
        r: fc.constantFrom("plain", "plain", "single", "spaced", "zero-padded", "none"),
        extra: fc.constantFrom("", ' spans="1:6"', ' x14ac:dyDescent="0.25"', ' ht="15" customHeight="1"'),
        sep: space,
        cols: fc.uniqueArray(fc.nat(7), { maxLength: 5 }).map((cs) => cs.sort((a, b) => a - b)),
        selfClosing: fc.boolean(),
      })
      .chain((r) => {
        const rAttr = r.r === "plain" ? ` r="${n}"` : r.r === "single" ? ` r='${n}'` : r.r === "spaced" ? ` r = "${n}"` : r.r === "zero-padded" ? ` r="0${n}"` : "";
        const open = `<${p}row${r.sep}${rAttr.trim()}${r.extra}`;
        if (r.selfClosing && r.cols.length === 0) return fc.constant(`${open}/>`);
        return fc.tuple(...r.cols.map((c) => cellXml(p, n, c))).map((cells) => `${open}>${cells.join("")}</${p}row>`);
      });
  return fc
    .uniqueArray(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 })
    .map((ns) => ns.sort((a, b) => a - b))
    .chain((ns) => fc.tuple(...ns.map(row)))
    .map((rows) => `<${p}worksheet xmlns${p ? ":x" : ""}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${p}sheetData>${rows.join("\n")}</${p}sheetData></${p}worksheet>`);
}

describe("the sheet reader's fast paths read what its general path reads", () => {
  it("random rows and cells: attribute order, quotes, white space, r absent or odd, odd numbers, entities", () => {
    // One seed gives one document in two spellings: without prefixes (fast paths) and with "x:" (general path).
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const plain = fc.sample(sheetXml(""), { seed, numRuns: 1 })[0];
        const prefixed = fc.sample(sheetXml("x:"), { seed, numRuns: 1 })[0];
        assert.equal(prefixed.replace(/<(\/?)x:/g, "<$1").replace("xmlns:x=", "xmlns="), plain, "the same document");
        assert.deepEqual(read(plain), read(prefixed), plain);
      }),
      { seed: 20261207, numRuns: 400 },
    );
  });

  it("shared strings: a plain <si><t> read in place equals the general reading of the same item", () => {
    const text = fc.constantFrom("部门预算", " 单位：万元 ", "a &amp; b&#x4E00;", "c\r\nd", "", "_x000D_", "x_x005F_y", "&lt;b&gt;", "\t");
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.constantFrom("", ' xml:space="preserve"', " xml:space='preserve'", ' xml:space="default"')), { maxLength: 6 }), (items) => {
        const xml = (p: string) => `<${p}sst>${items.map(([t, a]) => `<${p}si><${p}t${a}>${t}</${p}t></${p}si>`).join("")}</${p}sst>`;
        assert.deepEqual(readSharedStrings(xml(""), "s", DEFAULT_LIMITS), readSharedStrings(xml("x:"), "s", DEFAULT_LIMITS));
      }),
      { seed: 20261207, numRuns: 300 },
    );
  });
});
