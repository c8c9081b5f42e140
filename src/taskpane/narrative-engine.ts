// What 生成说明 needs beyond the pane: the template engine (LiquidJS), the context and the default templates.
// Loaded on the first 生成说明, so the pane Excel opens stays small.
export { renderNarrativeWorkbook, templateSyntaxError } from "../core/narrative/render";
export { templateFields } from "../core/narrative/fields";
export { defaultTemplates } from "./default-templates";
