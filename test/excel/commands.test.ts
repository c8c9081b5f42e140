import assert from "node:assert/strict";
import { createExcelDouble } from "../support/excel-double";
import { variantSnapshot } from "../e2e/seed-variant";
import { check } from "../../src/core/check";
import { countSeverities, groupFindings } from "../../src/core/group-findings";
import { STORE_KEYS } from "../../src/excel/store";
import { resetRequirementCache } from "../../src/excel/requirements";

describe("commands/runFullCheck (ribbon 全面校验)", () => {
  const g = globalThis as unknown as Record<string, unknown>;
  let saved: Record<string, unknown>;
  beforeEach(() => {
    saved = { Office: g.Office, Excel: g.Excel, OfficeExtension: g.OfficeExtension };
    resetRequirementCache();
  });
  afterEach(() => {
    Object.assign(g, saved);
    resetRequirementCache();
  });

  it("checks, marks the finding cells, selects the first error and completes the event", async () => {
    const { snapshot, sheet } = await variantSnapshot();
    const d = createExcelDouble(snapshot);
    Object.assign(g, { Office: d.Office, Excel: d.Excel, OfficeExtension: d.OfficeExtension });
    const { runFullCheck } = await import("../../src/commands/commands");
    let completed = 0;
    await runFullCheck({ completed: () => completed++ } as unknown as Office.AddinCommands.Event);
    assert.equal(completed, 1);
    const result = check(snapshot);
    const firstError = result.findings.find((f) => f.severity === "error" && f.cell)!;
    assert.deepEqual(d.state.selected, { sheet: firstError.sheet, cell: firstError.cell });
    assert.ok(d.cell(sheet, "D6")?.fill, "finding cells are marked");
    const last = JSON.parse(d.state.settings[STORE_KEYS.lastCheck]);
    // Counted as the pane's 一键校验 lists them: findings of one cause (T11-02 at B6 and C6) are one error.
    const shown = countSeverities(groupFindings(snapshot, result).findings);
    assert.ok(shown.error < result.findings.filter((f) => f.severity === "error").length);
    assert.deepEqual({ error: last.error, warning: last.warning, info: last.info }, shown);
    assert.ok(d.state.settings[STORE_KEYS.highlights]);
  });
});
