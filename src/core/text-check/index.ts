// Checking a hand-written 情况说明 against the tables (issue 4). Pure core: text in, findings out.
export { checkNarrativeText, checkNarrativeTextDetailed } from "./check";
export type { NarrativeSourceInfo, FigureCheck, LocatedFinding, TextCheckResult } from "./check";
export { narrativeFromSnapshot, narrativeFromText, TEXT_CELL_MAX } from "./sheet-source";
export type { NarrativeText } from "./sheet-source";
export { splitParagraphs, splitSentences } from "./segment";
export type { Paragraph, Sentence } from "./segment";
