// The styles of 情况说明 and their sections: plain data, so that a pane can list them before it loads the
// template engine.
export interface NarrativeStyle {
  /** The name users type (说明参数 `说明样式`, --style) and see. */
  name: string;
  /** Other accepted spellings. */
  aliases: string[];
  /** Section ids in order. */
  sections: string[];
}

/** The styles of 情况说明 the product writes. The first is the default. */
export const STYLES: NarrativeStyle[] = [
  { name: "河北县级", aliases: ["河北", "hebei", "情况说明"], sections: ["title", "preamble", "s01", "s02", "s03", "s04", "s05", "s06", "s07", "s08", "s09", "s10"] },
  { name: "上海区级", aliases: ["上海", "shanghai", "预算编制说明"], sections: ["sh00", "sh01", "sh02", "sh03", "sh04", "sh05"] },
];

/** Sections of the default style (Hebei 情况说明): the title line, the preamble, then 一 … 十. */
export const SECTION_IDS = STYLES[0].sections as readonly string[];

/** Every section id of every style, for template folders and editors. */
export const ALL_SECTION_IDS: readonly string[] = STYLES.flatMap((s) => s.sections);

/** What each section is, for editors that list templates (the rendered heading may hold a year or a name). */
export const SECTION_LABELS: Record<string, string> = {
  title: "标题",
  preamble: "开头语",
  s01: "一、部门职责及机构设置情况",
  s02: "二、部门预算安排的总体情况",
  s03: "三、机关运行经费安排情况",
  s04: "四、财政拨款“三公”经费预算情况及增减变化原因",
  s05: "五、部门整体绩效目标",
  s06: "六、部门项目预算安排情况及绩效目标",
  s07: "七、政府采购预算情况",
  s08: "八、国有资产信息",
  s09: "九、名词解释",
  s10: "十、其他需要说明的事项",
  sh00: "标题",
  sh01: "主要职能",
  sh02: "机构设置",
  sh03: "名词解释",
  sh04: "预算编制说明",
  sh05: "其他相关情况说明",
};

export function findStyle(name: string | undefined): NarrativeStyle | undefined {
  const n = (name ?? "").replace(/\s/g, "").toLowerCase();
  if (!n) return undefined;
  return STYLES.find((s) => s.name === n || s.aliases.some((a) => a.toLowerCase() === n));
}

export function styleNames(): string {
  return STYLES.map((s) => s.name).join("、");
}

