// Reading a produced .docx back for assertions: its document.xml, tables as text grids, paragraphs with their style.
import { readFileSync } from "node:fs";
import JSZip from "jszip";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { readSnapshotSync } from "../../src/xlsx/read-snapshot";

export interface DocxParts {
  zip: JSZip;
  document: string;
  fontTable: string;
  styles: string;
}

export async function openDocx(bytes: Uint8Array): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(bytes);
  const read = (p: string) => zip.file(p)!.async("string");
  return { zip, document: await read("word/document.xml"), fontTable: await read("word/fontTable.xml"), styles: await read("word/styles.xml") };
}

const text = (xml: string) =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1])
    .join("")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"');

export interface XmlRow {
  xml: string;
  cells: string[];
  header: boolean;
  cantSplit: boolean;
}

/** The caption row of a table (department, year, unit between tab stops, repeated with the header), if it has one. */
const isCaption = (rowXml: string) => /<w:tblHeader\/>/.test(rowXml) && (rowXml.match(/<w:tc>/g) ?? []).length === 1 && /\t|<w:tab\/>/.test(rowXml);

/** The caption rows' texts, in document order. */
export function captions(doc: string): string[] {
  return [...doc.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].filter((r) => isCaption(r[1])).map((r) => text(r[1].replace(/<w:tab\/>/g, "<w:t>\t</w:t>")));
}

/** Top-level tables in document order (no nesting in this document), without their caption rows. */
export function tables(doc: string): XmlRow[][] {
  return [...doc.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1].matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].filter((r) => !isCaption(r[1])).map((r) => ({
      xml: r[1],
      cells: [...r[1].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => text(c[1])),
      header: /<w:tblHeader\/>/.test(r[1]),
      cantSplit: /<w:cantSplit\/>/.test(r[1]),
    })),
  );
}

export interface XmlParagraph {
  xml: string;
  text: string;
  style?: string;
}

/** Body paragraphs outside tables. */
export function paragraphs(doc: string): XmlParagraph[] {
  const body = doc.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, "");
  return [...body.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => {
    const xml = m[1] ?? m[2];
    return { xml, text: text(xml), style: /<w:pStyle w:val="([^"]+)"\/>/.exec(xml)?.[1] };
  });
}

/** A workbook file's snapshot, as the reader makes it. */
export function snapshotOf(file: string): WorkbookSnapshot {
  return readSnapshotSync(new Uint8Array(readFileSync(file))).snapshot;
}
