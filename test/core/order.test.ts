import assert from "node:assert/strict";
import { textOrder } from "../../src/core/order";

// textOrder must answer exactly as localeCompare does, in the locale the tests run in and in those our users run (zh-CN).
describe("textOrder", () => {
  const sign = (n: number) => Math.sign(n);
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const word = (alphabet: string[]) => Array.from({ length: 1 + rand(6) }, () => alphabet[rand(alphabet.length)]).join("");
  /** What code-unit order decides: after the common beginning, plain text of one case in both. */
  const plainTail = (a: string, b: string) => {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    const tails = a.slice(i) + b.slice(i);
    return /^[A-Z0-9 .-]*$/.test(tails) || /^[a-z0-9 .-]*$/.test(tails);
  };

  for (const [what, alphabet] of [
    ["capitals, digits and -. ", [..."AZBY09-. "]],
    ["small letters, digits and -. ", [..."azby09-. "]],
    ["sheet names: Han, full-width, mixed case, _", [..."aBzY0_-. 表收入张李王（(Ａ０", "𠀀", "𠀁", "项目绩效目标表"]],
  ] as const) {
    it(`agrees with localeCompare on ${what}`, () => {
      let plain = 0;
      for (let i = 0; i < 4000; i++) {
        const a = word([...alphabet]);
        const b = rand(5) === 0 ? a : rand(2) ? a + word([...alphabet]) : word([...alphabet]);
        const want = sign(a.localeCompare(b));
        assert.equal(sign(textOrder(a, b)), want, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
        if (a !== b && plainTail(a, b)) {
          plain++;
          // Where code units decide, they are every user's locale order too.
          const units = a < b ? -1 : 1;
          assert.equal(sign(a.localeCompare(b, "zh-CN")), units, `zh-CN: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
          assert.equal(sign(a.localeCompare(b, "en")), units, `en: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
        }
      }
      assert.ok(plain > 50, `only ${plain} pairs decided by code units`);
    });
  }

  it("sorts the names a check compares", () => {
    assert.deepEqual(["T2-01", "H-01", "X-09", "T10-01", "T1-02"].sort(textOrder), ["H-01", "T1-02", "T10-01", "T2-01", "X-09"]);
    assert.deepEqual(["dept-10.xlsx", "dept-2.xlsx", "dept-1 b.xlsx"].sort(textOrder), ["dept-1 b.xlsx", "dept-10.xlsx", "dept-2.xlsx"]);
    assert.deepEqual(["项目绩效目标表2", "项目绩效目标表10", "项目绩效目标表1"].sort(textOrder), ["项目绩效目标表1", "项目绩效目标表10", "项目绩效目标表2"]);
    // None of these needs the collator (whose first use costs a one-file check about a tenth of its time).
    const localeCompare = String.prototype.localeCompare;
    String.prototype.localeCompare = () => {
      throw new Error("collator used");
    };
    try {
      assert.deepEqual(["项目绩效目标表2", "项目绩效目标表1", "项目绩效目标表10"].sort(textOrder), ["项目绩效目标表1", "项目绩效目标表10", "项目绩效目标表2"]);
      assert.deepEqual(["X-09", "H-01", "AB", "T10-01"].sort(textOrder), ["AB", "H-01", "T10-01", "X-09"]);
    } finally {
      String.prototype.localeCompare = localeCompare;
    }
    // Mixed case goes to the collator: "a" before "B", as localeCompare has it (code units would put "B" first).
    assert.deepEqual(["B.xlsx", "a.xlsx"].sort(textOrder), ["a.xlsx", "B.xlsx"]);
  });
});
