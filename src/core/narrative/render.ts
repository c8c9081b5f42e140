import type { WorkbookSnapshot } from "../snapshot";
import type { Finding } from "../findings";

/** Template sources by section id (file name without .liquid). */
export type TemplateSet = Record<string, string>;

/** Sections of the 情况说明 in order: the title line, the preamble, then 一 … 十. */
export const SECTION_IDS = ["title", "preamble", "s01", "s02", "s03", "s04", "s05", "s06", "s07", "s08", "s09", "s10"] as const;

export interface NarrativeSection {
  id: string;
  /** First line of the rendered section (its heading, e.g. "二、部门预算安排的总体情况"). */
  title: string;
  /** Rendered paragraphs after the heading, in order. */
  paragraphs: string[];
}

export interface NarrativeResult {
  sections: NarrativeSection[];
  /** Missing 说明参数 keys, template errors. */
  findings: Finding[];
}

export function renderNarrative(_snapshot: WorkbookSnapshot, _templates: TemplateSet): NarrativeResult {
  throw new Error("engine under construction");
}
