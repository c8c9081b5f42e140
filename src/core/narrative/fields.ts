// The fields a template can use, with this workbook's values: what the pane's template editor lists beside each
// template (click to insert).
import type { BudgetWorkbook } from "../model/types";
import { buildContext, type NarrativeOptions } from "./context";
import { Change, Missing, Money } from "./values";

export interface TemplateField {
  /** The path as a template writes it: 收入.总计, 参数["机构设置"]. */
  path: string;
  /** The value as the text would print it ("1042.58万元", "持平", "【缺少：…】", "4 项"). */
  value: string;
  /** What clicking the field inserts into the template. */
  insert: string;
}

const MAX_VALUE = 40;

function shorten(s: string): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > MAX_VALUE ? one.slice(0, MAX_VALUE - 1) + "…" : one;
}

export function templateFields(wb: BudgetWorkbook, options: NarrativeOptions = {}): TemplateField[] {
  const { data } = buildContext(wb, options);
  const out: TemplateField[] = [];
  const walk = (v: unknown, path: string, depth: number): void => {
    if (v instanceof Money) out.push({ path, value: `${v.文本}万元`, insert: `{{ ${path} | 万元 }}` });
    else if (v instanceof Missing) out.push({ path, value: v.文本, insert: `{{ ${path} }}` });
    else if (v instanceof Change) out.push({ path, value: v.为零 ? "持平" : `${v.方向}${v.金额.文本}万元`, insert: `{{ ${path} }}` });
    else if (typeof v === "string") out.push({ path, value: shorten(v) || "（空）", insert: `{{ ${path} }}` });
    else if (typeof v === "boolean") out.push({ path, value: v ? "是" : "否", insert: `{% if ${path} %}{% endif %}` });
    else if (Array.isArray(v)) {
      out.push({ path, value: `${v.length} 项`, insert: `{% for x in ${path} %}{{ x }}\n{% endfor %}` });
    } else if (v && typeof v === "object" && depth < 3) {
      for (const [k, child] of Object.entries(v)) {
        const p = path === "参数" ? `参数["${k}"]` : path ? `${path}.${k}` : k;
        walk(child, p, depth + 1);
      }
    }
  };
  walk(data, "", 0);
  return out;
}
