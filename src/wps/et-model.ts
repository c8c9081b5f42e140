/// <reference types="wps-jsapi" />
// The part of WPS 表格's object model the add-in uses, checked against wps-jsapi's lib.et.d.ts.
// lib.et.d.ts is generated from the COM type library: a method's result is declared as a trailing `RHS`
// parameter with a `void` return, and some property types are wrong (UsedRange: number, Value2: number).
// So each interface below picks the members whose declared type is right, and declares the rest with the
// type WPS really returns; `Declared<T, K>` makes tsc fail if lib.et.d.ts has no member of that name.

/** Fails to compile unless every name in K is a member of the declared interface T. */
type Declared<T, K extends keyof T> = K;

/** Excel's Value2/Formula cell content: number, string, boolean, an error code, or empty. */
export type EtCell = string | number | boolean | null | undefined;
/** A range's Value2/Formula: a 2-D array for several cells, a single value for one cell. */
export type EtCells = EtCell | EtCell[][];

export interface EtInterior extends Pick<Et.EtInterior, Declared<Et.EtInterior, "Color" | "Pattern" | "PatternColor" | "ColorIndex">> {}

export interface EtRange
  extends Pick<Et.EtRange, Declared<Et.EtRange, "Row" | "Column" | "NumberFormat" | "WrapText" | "ColumnWidth" | "VerticalAlignment">> {
  readonly Interior: EtInterior;
  Value2: EtCells;
  Formula: EtCells;
  readonly Rows: { readonly Count: number };
  readonly Columns: { readonly Count: number };
  /** False when no cell of the range is merged, true when all are, null when some are (declared any). */
  readonly MergeCells: boolean | null;
  /** The merged range a single cell lies in (the cell itself when it is not merged). */
  readonly MergeArea: EtRange;
  Address(RowAbsolute?: boolean, ColumnAbsolute?: boolean): string;
  Select(): unknown;
  ClearContents(): unknown;
}

export interface EtWorksheet extends Pick<Et.EtWorksheet, Declared<Et.EtWorksheet, "Name" | "Index" | "Visible">> {
  readonly UsedRange: EtRange;
  Range(Cell1: string): EtRange;
  Activate(): unknown;
}

export interface EtSheets extends Pick<Et.EtSheets, Declared<Et.EtSheets, "Count">> {
  Item(Index: number | string): EtWorksheet;
  Add(Before?: EtWorksheet, After?: EtWorksheet): EtWorksheet;
}

export interface EtWorkbook extends Pick<Et.EtWorkbook, Declared<Et.EtWorkbook, "Name">> {
  readonly Worksheets: EtSheets;
  readonly ActiveSheet: EtWorksheet | null;
  /** Folder of a saved workbook, "" for a new one. */
  readonly Path: string;
}

export interface EtPluginStorage {
  getItem(key: string): unknown;
  setItem(key: string, value: string | number | boolean): void;
  removeItem(key: string): void;
}

type TaskPane = Pick<wps.CustomTaskpane, Declared<wps.CustomTaskpane, "ID" | "Visible" | "DockPosition" | "Width">>;
export type EtTaskPane = TaskPane;

export interface EtFileSystem {
  /** Writes a "binary string" (one char per byte) to a file; the one binary-safe write WPS offers. */
  writeAsBinaryString(path: string, data: string): boolean | void;
  Exists(path: string): boolean;
}

export interface EtApplication
  extends Pick<Et.EtApplication, Declared<Et.EtApplication, "Calculation" | "EnableEvents" | "Name">> {
  /** Declared as number (a COM VARIANT_BOOL); WPS takes and gives booleans. */
  ScreenUpdating: boolean | number;
  EnableEvents: boolean;
  readonly ActiveWorkbook: EtWorkbook | null;
  /** The Save As dialog: the chosen path, or false when the user cancelled. */
  GetSaveAsFilename(InitialFilename?: string, FileFilter?: string, FilterIndex?: number, Title?: string): string | false;
  /** Add-in services WPS puts on Application as on the global `wps` (task panes, storage shared by the add-in's pages). */
  CreateTaskPane?(url: string, title?: string): EtTaskPane;
  GetTaskPane?(id: number): EtTaskPane | null;
  readonly PluginStorage?: EtPluginStorage;
  readonly FileSystem?: EtFileSystem;
}

// Members declared above with their real types: each name must still exist in lib.et.d.ts.
export type CheckedNames = [
  Declared<Et.EtRange, "Interior" | "Value2" | "Formula" | "Rows" | "Columns" | "MergeCells" | "MergeArea" | "Address" | "Select" | "ClearContents">,
  Declared<Et.EtWorksheet, "UsedRange" | "Range" | "Activate">,
  Declared<Et.EtSheets, "Item" | "Add">,
  Declared<Et.EtWorkbook, "Worksheets" | "ActiveSheet" | "Path">,
  Declared<Et.EtApplication, "ScreenUpdating" | "ActiveWorkbook" | "GetSaveAsFilename">,
  Declared<typeof wps, "CreateTaskPane" | "GetTaskPane" | "PluginStorage" | "FileSystem">,
  Declared<typeof wps.PluginStorage, "getItem" | "setItem" | "removeItem">,
  Declared<typeof wps.FileSystem, "Exists">,
];

// Enumerations: the values are checked against lib.et.d.ts's enums (they exist only as types at run time).
export const XL_CALCULATION_MANUAL: Et.EtXlCalculation.xlCalculationManual = -4135;
export const XL_SHEET_VERY_HIDDEN: Et.EtXlSheetVisibility.xlSheetVeryHidden = 2;
export const XL_PATTERN_NONE: Et.EtXlPattern.xlPatternNone = -4142;
export const XL_PATTERN_SOLID: Et.EtXlPattern.xlPatternSolid = 1;
export const XL_COLOR_INDEX_NONE: Kso.KsoXlColorIndex.xlColorIndexNone = -4142;
export const XL_VALIGN_TOP: Kso.KsoXlVAlign.xlVAlignTop = -4160;
