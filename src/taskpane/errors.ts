// One place that turns any failure into words a finance officer understands.
import { userMessage } from "../excel/office-errors";

export interface ShownError {
  message: string;
  hint: string;
  code: string;
}

export function describeError(e: unknown): ShownError {
  // File errors from the .xlsx reader already carry a full Chinese explanation.
  if (e instanceof Error && e.name === "XlsxReadError") return { message: e.message, hint: "", code: String((e as { code?: string }).code ?? "") };
  if (e instanceof Error && e.name === "FileHostError") return { message: e.message, hint: (e as { hint?: string }).hint ?? "", code: "FileHostError" };
  return userMessage(e);
}

/** An error whose message is already plain Chinese for the user; `hint` says what to do. */
export function paneError(message: string, hint = ""): Error {
  const e = Object.assign(new Error(message), { hint });
  e.name = "FileHostError";
  return e;
}
