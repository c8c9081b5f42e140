// The text check reads at most TEXT_CELL_MAX characters of a cell (or of a paragraph of a .docx/.txt) and says
// so at the cell (S-25); what it quotes is a few dozen characters, however long the cell.
import { strict as assert } from "assert";
import { check } from "../../../src/core/check";
import { checkNarrativeText, narrativeFromSnapshot, narrativeFromText, TEXT_CELL_MAX } from "../../../src/core/text-check";
import type { BudgetWorkbook } from "../../../src/core/model/types";
import type { WorkbookSnapshot } from "../../../src/core/snapshot";
import { loadSeed } from "../../docx/seed";

const TITLE = "平乡县行政审批局2024年部门预算信息公开情况说明";
/** A sentence with a wrong figure (机关运行经费 is 39.52): one S-05 finding wherever it is read. */
const WRONG = "2024年，我部门机关运行经费共计安排45.00万元，主要用于日常运行支出。";
const FILLER = "本部门认真贯彻落实中央八项规定精神，厉行节约，严格控制一般性支出。";

describe("text-check: bounded length per cell", () => {
  let wb: BudgetWorkbook;
  let snapshot: WorkbookSnapshot;
  before(async () => {
    ({ wb, snapshot } = await loadSeed());
  });

  const withSheet = (rows: (string | null)[][]): WorkbookSnapshot => ({ sheets: [...snapshot.sheets, { name: "情况说明", rows }] });

  it("reads the first TEXT_CELL_MAX characters of a long cell, checks them, and notes the cut at the cell", () => {
    const long = WRONG + FILLER.repeat(Math.ceil(50_000 / FILLER.length));
    const late = FILLER.repeat(Math.ceil(TEXT_CELL_MAX / FILLER.length) + 1) + WRONG; // the wrong figure past the cut
    const n = narrativeFromSnapshot(withSheet([[TITLE], [long], [late]]))!;
    assert.deepEqual(n.source.cut, [
      { line: 1, length: long.length },
      { line: 2, length: late.length },
    ]);
    const fs = checkNarrativeText(n.text, wb, n.source);
    const notes = fs.filter((f) => f.rule === "S-25");
    assert.deepEqual(
      notes.map((f) => [f.cell, f.severity]),
      [
        ["A2", "info"],
        ["A3", "info"],
      ],
    );
    assert.equal(notes[0].message, `单元格 A2过长（共 ${long.length.toLocaleString("en-US")} 个字符），只检查了前 20,000 个字符，其后的文字未核对。请把这段说明分成几段（每段一个单元格）后再检查。`);
    // The figure before the cut is checked; the one after it is not read at all.
    assert.deepEqual(
      fs.filter((f) => f.rule === "S-05").map((f) => f.cell),
      ["A2"],
    );
    for (const f of fs) assert.ok(f.message.length < 400, `${f.rule} ${f.message.length} characters`);
  });

  it("a .docx or .txt paragraph is cut the same way and named by its number", () => {
    const n = narrativeFromText([TITLE, WRONG, FILLER.repeat(2000)].join("\n"), "说明.docx");
    const fs = checkNarrativeText(n.text, wb, n.source);
    const note = fs.find((f) => f.rule === "S-25");
    assert.match(note?.message ?? "", /^第 3 段过长（共 \d{2},\d{3} 个字符），只检查了前 20,000 个字符，其后的文字未核对。请把这段说明分成几段后再检查。$/);
    assert.equal(note?.sheet, "说明.docx");
    assert.equal(fs.filter((f) => f.rule === "S-05").length, 1);
  });

  it("cells within the limit are read whole, with no note", () => {
    const n = narrativeFromSnapshot(withSheet([[TITLE], [WRONG + FILLER.repeat(100)]]))!;
    assert.deepEqual(n.source.cut, []);
    assert.equal(n.text.split("\n")[1].length, WRONG.length + FILLER.length * 100);
    assert.equal(checkNarrativeText(n.text, wb, n.source).filter((f) => f.rule === "S-25").length, 0);
  });

  it("the workbook check carries the note, and no message quotes more than a few dozen characters of a cell", () => {
    const sentence = "2024年，我部门机关运行经费共计安排45.00万元，" + "主要用于日常运行支出和保障机关正常运转的各项开支".repeat(20) + "。";
    const result = check(withSheet([[TITLE], [sentence + FILLER.repeat(2000)]]));
    const mine = result.findings.filter((f) => f.sheet === "情况说明");
    assert.ok(mine.some((f) => f.rule === "S-25" && f.cell === "A2"));
    const s05 = mine.find((f) => f.rule === "S-05");
    assert.ok(s05, JSON.stringify(mine.map((f) => f.rule)));
    assert.ok(!s05.message.includes("主要用于日常运行支出和保障机关正常运转的各项开支主要用于"), s05.message);
  });
});
