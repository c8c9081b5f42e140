// Ribbon function command "全面校验": checks the workbook in one click and marks the cells with findings.
import { ExcelHost } from "../excel/excel-host";
import { checkRequirements } from "../excel/requirements";
import { AdapterError } from "../excel/office-errors";
import { failedCheck, fullCheck } from "../host/full-check";
import { STORE_KEYS, OfficeSettingsStore } from "../excel/store";

export async function runFullCheck(event?: Office.AddinCommands.Event): Promise<void> {
  const store = new OfficeSettingsStore();
  try {
    const req = checkRequirements();
    if (!req.ok) throw new AdapterError(req.message!, req.hint!, "ApiNotFound");
    // The pane shows this summary when it is opened next.
    await store.set(STORE_KEYS.lastCheck, await fullCheck(new ExcelHost(store)));
  } catch (e) {
    // A function command has no UI of its own: the pane shows this when the user opens it.
    await store.set(STORE_KEYS.lastCheck, failedCheck(e)).catch(() => undefined);
  } finally {
    event?.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate("runFullCheck", runFullCheck);
});
// Older Office versions look the function up by its global name.
(globalThis as unknown as Record<string, unknown>).runFullCheck = runFullCheck;
