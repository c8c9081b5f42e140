// The 情况说明 templates shipped with the add-in, bundled as text (webpack asset/source).
import type { TemplateSet } from "../core/narrative/render";

declare const require: {
  context(dir: string, deep: boolean, filter: RegExp): { keys(): string[]; (id: string): string | { default: string } };
};

let cache: TemplateSet | null = null;

export function defaultTemplates(): TemplateSet {
  if (cache) return cache;
  const ctx = require.context("../core/narrative/templates", false, /\.liquid$/);
  const out: TemplateSet = {};
  for (const key of ctx.keys()) {
    const id = key.replace(/^.*\//, "").replace(/\.liquid$/, "");
    const mod = ctx(key);
    out[id] = typeof mod === "string" ? mod : mod.default;
  }
  cache = out;
  return out;
}
