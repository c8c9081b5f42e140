// Ribbon function command "全面校验": checks the workbook in one click and marks the cells with findings.
import { checkTables } from "../core/check-tables";
import { narrativeFromSnapshot } from "../core/text-check/sheet-source";
import { ExcelHost } from "../excel/excel-host";
import { checkRequirements } from "../excel/requirements";
import { AdapterError, userMessage } from "../excel/office-errors";
import { STORE_KEYS, OfficeSettingsStore } from "../excel/store";

export async function runFullCheck(event?: Office.AddinCommands.Event): Promise<void> {
  const store = new OfficeSettingsStore();
  try {
    const req = checkRequirements();
    if (!req.ok) throw new AdapterError(req.message!, req.hint!, "ApiNotFound");
    const host = new ExcelHost(store);
    const snapshot = await host.readSnapshot();
    const tables = checkTables(snapshot);
    // As in the pane: the text check is loaded only when the workbook has a 情况说明 sheet.
    const result = narrativeFromSnapshot(snapshot)
      ? (await import(/* webpackChunkName: "text-check" */ "../core/check")).withTextFindings(tables.result, tables.wb, snapshot)
      : tables.result;
    const marks = result.findings.filter((f) => f.cell).map((f) => ({ sheet: f.sheet, cell: f.cell, severity: f.severity }));
    await host.highlight(marks);
    const first = result.findings.find((f) => f.severity === "error" && f.cell) ?? result.findings.find((f) => f.cell);
    if (first) await host.selectCell({ sheet: first.sheet, cell: first.cell });
    const count = { error: 0, warning: 0, info: 0 };
    for (const f of result.findings) count[f.severity]++;
    // The pane shows this summary when it is opened next.
    await store.set(STORE_KEYS.lastCheck, { at: new Date().toISOString(), ...count });
  } catch (e) {
    // A function command has no UI of its own: the pane shows this when the user opens it.
    const m = userMessage(e);
    await store.set(STORE_KEYS.lastCheck, { at: new Date().toISOString(), error: 0, warning: 0, info: 0, failed: `${m.message}${m.hint}` }).catch(() => undefined);
  } finally {
    event?.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate("runFullCheck", runFullCheck);
});
// Older Office versions look the function up by its global name.
(globalThis as unknown as Record<string, unknown>).runFullCheck = runFullCheck;
