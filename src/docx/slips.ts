// Typographic slips of the source made right in the export: half-width brackets and straight quotes in Chinese text
// become full-width brackets and Chinese quotation marks (as GB/T 15834 has them), and each change is listed.

export interface Slip {
  /** What was written and what is printed instead, e.g. "(室)" → "（室）". */
  from: string;
  to: string;
  count: number;
}

const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef";
const cjk = new RegExp(`[${CJK}]`);
// Half-width brackets with Chinese inside or beside them: "(室)", "维修(护)费", "(一)".
const BRACKETS = new RegExp(`\\(([^()]{0,40})\\)`, "g");
// Half-width , : ; between two Chinese characters: "单位:万元" → "单位：万元".
const PUNCT = new RegExp(`([${CJK}])([,:;])(?=[${CJK}])`, "g");
const FULL: Record<string, string> = { ",": "，", ":": "：", ";": "；" };

/** Collects the slips fixed across a document, by what was written. */
export class SlipLog {
  private readonly seen = new Map<string, Slip>();

  add(from: string, to: string): void {
    const k = `${from}\u0000${to}`;
    const s = this.seen.get(k);
    if (s) s.count++;
    else this.seen.set(k, { from, to, count: 1 });
  }

  get slips(): Slip[] {
    return [...this.seen.values()];
  }
}

/** Straight quotes in Chinese text paired as “…” and ‘…’; unpaired ones are left as written. */
function quotes(text: string, log?: SlipLog): string {
  let out = text;
  for (const [q, open, close] of [
    ['"', "“", "”"],
    ["'", "‘", "’"],
  ] as const) {
    const re = new RegExp(`${q}([^${q}\\n]{1,200})${q}`, "g");
    out = out.replace(re, (whole, inner: string) => {
      if (!cjk.test(inner)) return whole;
      const to = `${open}${inner}${close}`;
      log?.add(whole, to);
      return to;
    });
  }
  return out;
}

/** The text with its slips fixed; each fix is added to `log`. Text without Chinese is returned as it is. */
export function fixSlips(text: string, log?: SlipLog): string {
  if (!cjk.test(text)) return text;
  let out = text.replace(BRACKETS, (whole, inner: string, at: number, all: string) => {
    const before = all[at - 1] ?? "";
    const after = all[at + whole.length] ?? "";
    if (!cjk.test(inner) && !cjk.test(before) && !cjk.test(after)) return whole;
    const to = `（${inner}）`;
    log?.add(whole, to);
    return to;
  });
  out = out.replace(PUNCT, (_whole, ch: string, p: string) => {
    log?.add(`${ch}${p}`, `${ch}${FULL[p]}`);
    return `${ch}${FULL[p]}`;
  });
  return quotes(out, log);
}
