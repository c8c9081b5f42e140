// Word export of the disclosure and reading a 情况说明 from .docx/.txt: pure functions (bytes in, bytes out) for the CLI, the task pane and the browser.
export { buildDisclosureDocx } from "./build";
export type { DocxOptions } from "./build";
export { narrativeFromText } from "./narrative";
export { readNarrativeFile } from "./read-text";
export { exportDisclosure, disclosureFileName } from "./from-snapshot";
export type { DisclosureExport } from "./from-snapshot";
