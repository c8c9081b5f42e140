// Ribbon function command "全面校验": checks the workbook in one click and marks the cells with findings.
import { check } from "../core/check";
import { ExcelHost } from "../excel/excel-host";
import { checkRequirements } from "../excel/requirements";
import { STORE_KEYS, OfficeSettingsStore } from "../excel/store";

export async function runFullCheck(event?: Office.AddinCommands.Event): Promise<void> {
  const store = new OfficeSettingsStore();
  try {
    if (!checkRequirements().ok) return;
    const host = new ExcelHost(store);
    const result = check(await host.readSnapshot());
    const marks = result.findings.filter((f) => f.cell).map((f) => ({ sheet: f.sheet, cell: f.cell, severity: f.severity }));
    await host.highlight(marks);
    const first = result.findings.find((f) => f.severity === "error" && f.cell) ?? result.findings.find((f) => f.cell);
    if (first) await host.selectCell({ sheet: first.sheet, cell: first.cell });
    const count = { error: 0, warning: 0, info: 0 };
    for (const f of result.findings) count[f.severity]++;
    // The pane shows this summary when it is opened next.
    await store.set(STORE_KEYS.lastCheck, { at: new Date().toISOString(), ...count });
  } catch {
    // A function command has no UI of its own; the pane shows errors when the user opens it.
  } finally {
    event?.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate("runFullCheck", runFullCheck);
});
