// A fill plan written into the original package: only the sheets it touches are re-encoded, and in them only
// the written cells; every other part is copied byte for byte. No fs here: the browser uses it too.
import type { FillPlan } from "../core/plan";
import { readRels, relsPathOf, resolveTarget, withoutElement, type XlsxPackage } from "./package";
import { CellWriteError, editSheetXml, type CellEdit, type SheetEdit } from "./write-cells";
import { Tok, XmlScanner } from "./xml";
import { rewriteZip } from "./zip";

export { CellWriteError };

const encoder = new TextEncoder();

export interface CellChange {
  sheet: string;
  row: number;
  col: number;
  edit: CellEdit;
}

export interface PackageWrite {
  bytes: Uint8Array;
  /** What each written cell held before, as its <c> element ("" for none): enough to put it back. */
  originals: { sheet: string; cell: string; xml: string }[];
}

export interface WriteOptions {
  /** Ask Excel to recalculate every formula when the file is opened (calcPr fullCalcOnLoad). */
  recalculateOnOpen?: boolean;
  /** Return what each written cell held (default); false when no undo is wanted (the CLI), which saves memory. */
  originals?: boolean;
}

// calcPr comes after these, before everything else.
const BEFORE_CALC_PR = new Set(["sheets", "functionGroups", "externalReferences", "definedNames"]);

/** workbook.xml with calcPr fullCalcOnLoad="1", added where the schema puts calcPr when there is none (scanned: comments skipped). */
export function withFullCalcOnLoad(xml: string, part = "xl/workbook.xml"): string {
  const x = new XmlScanner(xml, part);
  let prefix = "";
  let at = -1;
  for (let t = x.next(); t !== Tok.End; t = x.next()) {
    const open = t === Tok.Open;
    if (open && x.name === "workbook") prefix = x.prefix();
    else if (open && x.name === "calcPr") {
      const tag = xml.slice(x.tagStart, x.pos);
      const next = /\sfullCalcOnLoad\s*=\s*["'][^"']*["']/.test(tag)
        ? tag.replace(/(\sfullCalcOnLoad\s*=\s*)["'][^"']*["']/, '$1"1"')
        : tag.replace(/(\/?>)$/, ' fullCalcOnLoad="1"$1');
      return xml.slice(0, x.tagStart) + next + xml.slice(x.pos);
    } else if (BEFORE_CALC_PR.has(x.name) && (!open || x.selfClosing)) at = x.pos;
  }
  if (at < 0) return xml;
  return xml.slice(0, at) + `<${prefix}calcPr fullCalcOnLoad="1"/>` + xml.slice(at);
}

/** Drops xl/calcChain.xml, its relationship and its content type: Excel rebuilds it, and a stale one makes it repair the file. */
function dropCalcChain(pkg: XlsxPackage, replace: Map<string, Uint8Array | null>): void {
  const rel = readRels(pkg.zip, pkg.workbookPath).find((r) => r.type.endsWith("/calcChain"));
  if (!rel) return;
  const path = resolveTarget(pkg.workbookPath, rel.target);
  replace.set(path, null);
  const relsPath = relsPathOf(pkg.workbookPath);
  replace.set(relsPath, encoder.encode(withoutElement(pkg.zip.text(relsPath), relsPath, "Relationship", "Id", rel.id)));
  if (pkg.zip.has("[Content_Types].xml")) {
    const ct = withoutElement(pkg.zip.text("[Content_Types].xml"), "[Content_Types].xml", "Override", "PartName", `/${path}`);
    replace.set("[Content_Types].xml", encoder.encode(ct));
  }
}

/**
 * Writes cell changes into the package. Returns null when there is nothing to change (the caller keeps
 * the original file). Throws a plain Error with a Chinese message for a sheet the workbook does not have.
 */
export function writeCells(pkg: XlsxPackage, changes: CellChange[], options: WriteOptions = {}): PackageWrite | null {
  if (changes.length === 0 && !options.recalculateOnOpen) return null;
  const bySheet = new Map<string, SheetEdit[]>();
  for (const c of changes) {
    let list = bySheet.get(c.sheet);
    if (!list) bySheet.set(c.sheet, (list = []));
    list.push({ row: c.row, col: c.col, edit: c.edit });
  }
  const replace = new Map<string, Uint8Array | null>();
  const originals: PackageWrite["originals"] = [];
  let formulasRemoved = false;
  for (const [name, edits] of bySheet) {
    const part = pkg.sheets.find((s) => s.name === name);
    if (!part) throw new Error(`工作簿中没有名为“${name}”的工作表，无法写入填充结果。`);
    let r;
    try {
      r = editSheetXml(pkg.zip.text(part.path), part.path, edits, options.originals !== false);
    } catch (e) {
      throw e instanceof CellWriteError ? new CellWriteError(`工作表“${name}”${e.message}`) : e;
    }
    replace.set(part.path, encoder.encode(r.xml));
    for (const [cell, xml] of r.originals) originals.push({ sheet: name, cell, xml });
    formulasRemoved ||= r.formulasRemoved;
  }
  if (formulasRemoved) dropCalcChain(pkg, replace);
  if (options.recalculateOnOpen) replace.set(pkg.workbookPath, encoder.encode(withFullCalcOnLoad(pkg.zip.text(pkg.workbookPath), pkg.workbookPath)));
  return { bytes: rewriteZip(pkg.zip, replace), originals };
}

/** The fill plan as cell changes: numbers in the sheet's own unit, exactly as planned; then the empty-table notes (removed: no cell). */
export function planChanges(plan: FillPlan): CellChange[] {
  return [
    ...plan.writes.map((w) => ({ sheet: w.sheet, row: w.row, col: w.col, edit: { number: numberText(w.newValue.toFixed()) } })),
    ...(plan.notes ?? []).map((n) => ({ sheet: n.sheet, row: n.row, col: n.col, edit: n.newValue === null ? { raw: "" } : { text: n.newValue } })),
  ];
}

function numberText(s: string): string {
  return /^-0(\.0*)?$/.test(s) ? "0" : s;
}

/** Writes a fill plan; null when it has no writes and asks for no recalculation. */
export function writePlan(pkg: XlsxPackage, plan: FillPlan, options: Pick<WriteOptions, "originals"> = {}): PackageWrite | null {
  return writeCells(pkg, planChanges(plan), { ...options, recalculateOnOpen: plan.recalculateOnOpen });
}
