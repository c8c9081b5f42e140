// What the core computes once for a table, a workbook or a sheet's merges is kept on the object itself: invisible
// to copies, JSON and deep comparisons, so a checked model is the model as read.
import { strict as assert } from "node:assert";
import { boundedMemo, cachedOn, keepOn, MEMO_MAX_KEY_CHARS } from "../../src/core/memo";
import { readWorkbook } from "../../src/core/model/read-workbook";
import { checkWorkbook } from "../../src/core/check-tables";
import { mergeBoxes } from "../../src/core/snapshot";
import { fixture } from "./support";

describe("core/memo cachedOn", () => {
  it("computes once per object, and copies, JSON and deep comparisons do not see the value", () => {
    const slot = Symbol("test");
    let made = 0;
    const make = (o: { n: number }) => ({ double: o.n * 2, made: ++made });
    const a = { n: 4 };
    assert.deepEqual(cachedOn(a, slot, make), { double: 8, made: 1 });
    assert.equal(cachedOn(a, slot, make).made, 1);
    assert.deepEqual(Object.keys(a), ["n"]);
    assert.equal(JSON.stringify(a), '{"n":4}');
    assert.deepStrictEqual(a, { n: 4 });
    // A copy is another object: its own value, made from its own content.
    const copy = { ...a, n: 5 };
    assert.deepEqual(cachedOn(copy, slot, make), { double: 10, made: 2 });
    keepOn(a, slot, { double: 0, made: 0 });
    assert.equal(cachedOn(a, slot, make).made, 0);
  });

  it("computes every time for an object that cannot take it (frozen), without throwing", () => {
    const slot = Symbol("frozen");
    let made = 0;
    const o = Object.freeze({ n: 1 });
    assert.equal(cachedOn(o, slot, () => ++made), 1);
    assert.equal(cachedOn(o, slot, () => ++made), 2);
    const merges = Object.freeze(["A1:B2"]);
    assert.deepEqual(mergeBoxes(merges), [{ r0: 0, c0: 0, r1: 1, c1: 1, range: "A1:B2" }]);
  });

  it("leaves a checked model deep-equal to the model as read", async () => {
    const snap = await fixture("seed");
    const wb = readWorkbook(snap);
    const fresh = readWorkbook(structuredClone(snap));
    checkWorkbook(wb);
    assert.deepStrictEqual(wb, fresh);
    // The caches are there (the code index, children, classes, units), only not enumerable.
    assert.ok(Object.getOwnPropertySymbols(wb.t3!).length >= 1);
    assert.ok(Object.getOwnPropertySymbols(wb).length >= 1);
    assert.equal(JSON.stringify(wb.t3), JSON.stringify(fresh.t3));
  });
});

describe("core/memo boundedMemo", () => {
  it("remembers short keys and never keeps a long text", () => {
    const calls: string[] = [];
    const f = boundedMemo((s: string) => {
      calls.push(s);
      return s.length;
    });
    const label = "一般公共预算财政拨款";
    const long = "绩".repeat(MEMO_MAX_KEY_CHARS + 1);
    assert.deepEqual([f(label), f(label), f(long), f(long)], [label.length, label.length, long.length, long.length]);
    // The label computed once; the long text each time (nothing of it stays in the cache).
    assert.deepEqual(calls, [label, long, long]);
  });

  it("clears itself when full instead of growing", () => {
    let n = 0;
    const f = boundedMemo((k: number) => ++n, 3);
    for (const k of [1, 2, 3, 4]) f(k);
    f(1); // cleared at the fourth key: 1 is computed again
    assert.equal(n, 5);
  });
});
