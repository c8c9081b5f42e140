// Every Excel call goes through one runner, so tests can hand in a stand-in and count syncs.
import { toAdapterError } from "./office-errors";

export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export const defaultRunner: ExcelRunner = (batch) => Excel.run(batch);

/** Runs one batch and turns any Office error into an AdapterError with a Chinese message. */
export async function runBatch<T>(runner: ExcelRunner, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  try {
    return await runner(batch);
  } catch (e) {
    throw toAdapterError(e);
  }
}

/** Sheets the add-in keeps for itself and never reads as budget tables. */
export { STORE_SHEET as RESERVED_SHEET_PREFIX } from "../host/workbook-host";
