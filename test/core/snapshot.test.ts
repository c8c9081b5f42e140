// Cell addresses and ranges as every layer writes them: the reader's plain "AB12", Excel's "$C$8", lower case,
// sheet-qualified ranges, and what is no address at all.
import { strict as assert } from "node:assert";
import { mergeBoxes, numberText, parseA1, parseRange } from "../../src/core/snapshot";
import { groupDigits, thousands } from "../../src/core/quote";

describe("core/snapshot addresses", () => {
  it("reads A1 addresses in every form Excel, WPS and the readers write, and refuses anything else", () => {
    assert.deepEqual(parseA1("A1"), { row: 0, col: 0 });
    assert.deepEqual(parseA1("AB12"), { row: 11, col: 27 });
    assert.deepEqual(parseA1("XFD1048576"), { row: 1048575, col: 16383 });
    assert.deepEqual(parseA1("A01"), { row: 0, col: 0 });
    assert.deepEqual(parseA1("$C$8"), { row: 7, col: 2 });
    assert.deepEqual(parseA1("c8"), { row: 7, col: 2 });
    assert.deepEqual(parseA1(" D4 "), { row: 3, col: 3 });
    for (const bad of ["", "A", "12", "ABCD1", "A1B", "A-1", "A1:B2", "甲1"]) assert.equal(parseA1(bad), null, bad);
  });

  it("reads ranges with their corners in order, qualified by a sheet or not", () => {
    assert.deepEqual(parseRange("C8:D9"), { r0: 7, c0: 2, r1: 8, c1: 3 });
    assert.deepEqual(parseRange("D9:C8"), { r0: 7, c0: 2, r1: 8, c1: 3 });
    assert.deepEqual(parseRange("$C$8:$D$9"), { r0: 7, c0: 2, r1: 8, c1: 3 });
    assert.deepEqual(parseRange("'收入总表'!A1:B2"), { r0: 0, c0: 0, r1: 1, c1: 1 });
    assert.deepEqual(parseRange("E5"), { r0: 4, c0: 4, r1: 4, c1: 4 });
    assert.equal(parseRange("A1:"), null);
    assert.equal(parseRange("整列"), null);
  });

  it("turns a sheet's merged ranges into boxes once, in order, without ranges of one cell or that are no range", () => {
    const merges = ["A1:M1", "D9:C8", "B2", "E5:E5", "甲1:乙2", "'表 1'!A3:B4"];
    const boxes = mergeBoxes(merges);
    assert.deepEqual(boxes, [
      { r0: 0, c0: 0, r1: 0, c1: 12, range: "A1:M1" },
      { r0: 7, c0: 2, r1: 8, c1: 3, range: "D9:C8" },
      { r0: 2, c0: 0, r1: 3, c1: 1, range: "'表 1'!A3:B4" },
    ]);
    // The reader and the fill ask for the same sheet's list: the second gets the boxes the first made.
    assert.equal(mergeBoxes(merges), boxes);
  });
});

describe("core number texts", () => {
  it("numberText shows a number as Excel's General format does: 15 significant digits, no binary noise", () => {
    assert.equal(numberText(60.150000000000006), "60.15");
    assert.equal(numberText(0.1 + 0.2), "0.3");
    assert.equal(numberText(600), "600");
    assert.equal(numberText(-1042.58), "-1042.58");
    assert.equal(numberText(123456789012345.6), "123456789012346");
  });

  it("groupDigits writes counts as toLocaleString('en-US') does, without ICU", () => {
    for (const n of [0, 7, 999, 1000, -1000, 32767, 1048576, 500000, 268435456, 2 ** 53 - 1, 1e23, 12.5]) {
      assert.equal(groupDigits(n), n.toLocaleString("en-US"), String(n));
    }
    assert.equal(thousands("-18976.76"), "-18,976.76");
  });
});
