// Tells whether this page runs inside WPS (its add-in pages get `window.Application` and `window.wps`), and collects
// what the add-in uses from those globals. Nothing outside src/wps reads them.
import type { EtApplication, EtFileSystem, EtPluginStorage, EtTaskPane } from "./et-model";
import type { WpsEnvironment } from "./wps-host";

/** Services of the add-in platform; WPS puts them on the global `wps` and, in recent versions, on Application too. */
export interface WpsAddinServices {
  CreateTaskPane(url: string, title?: string): EtTaskPane;
  GetTaskPane(id: number): EtTaskPane | null;
  readonly PluginStorage: EtPluginStorage;
}

export interface WpsGlobals extends WpsEnvironment {
  /** WPS 表格 (a workbook application), not WPS 文字 or 演示. */
  spreadsheet: boolean;
  services: Partial<WpsAddinServices>;
}

type Globals = { Application?: unknown; wps?: unknown };

function pick<K extends keyof WpsAddinServices>(key: K, ...from: unknown[]): WpsAddinServices[K] | undefined {
  for (const o of from) {
    if (!o || typeof o !== "object") continue;
    const v = (o as Record<string, unknown>)[key];
    if (v !== undefined && v !== null) return (typeof v === "function" ? v.bind(o) : v) as WpsAddinServices[K];
  }
  return undefined;
}

/** The WPS globals, or null outside WPS (Excel, a plain browser). */
export function detectWps(g: Globals = globalThis as Globals): WpsGlobals | null {
  const app = g.Application;
  if (!app || typeof app !== "object") return null;
  const wps = g.wps;
  let spreadsheet = false;
  try {
    // WPS 文字's Application has Documents, 表格's has Workbooks.
    spreadsheet = (app as { Workbooks?: unknown }).Workbooks !== undefined && (app as { Workbooks?: unknown }).Workbooks !== null;
  } catch {
    spreadsheet = false;
  }
  const fs = (wps as { FileSystem?: EtFileSystem } | undefined)?.FileSystem ?? (app as { FileSystem?: EtFileSystem }).FileSystem ?? undefined;
  return {
    app: app as EtApplication,
    fileSystem: fs,
    spreadsheet,
    services: {
      CreateTaskPane: pick("CreateTaskPane", app, wps),
      GetTaskPane: pick("GetTaskPane", app, wps),
      PluginStorage: pick("PluginStorage", app, wps),
    },
  };
}
