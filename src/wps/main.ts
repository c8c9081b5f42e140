// Entry of the WPS add-in (main.js, loaded by index.html when WPS starts): the ribbon's callbacks, by the names
// ribbon.xml gives them. 打开助手 shows the task pane; 全面校验 checks the workbook here, marks the cells and says
// what it found; the pane shows the same summary when it is opened next.
import { failedCheck, fullCheck } from "../host/full-check";
import { STORE_KEYS } from "../excel/store";
import type { RibbonCheckSummary } from "../host/workbook-host";
import { detectWps, type WpsGlobals } from "./detect";
import { WpsHost } from "./wps-host";

export const PANE_PAGE = "wps-taskpane.html";
export const PANE_TITLE = "预算公开助手";
/** PluginStorage key of the pane's id: the ribbon's page and WPS keep the pane between clicks. */
export const PANE_ID_KEY = "budgetDisclosure.taskpaneId";
const DOCK_RIGHT: Kso.KsoMsoCTPDockPosition.msoCTPDockPositionRight = 2;
const PANE_WIDTH = 420;

export const IMAGES: Record<string, string> = {
  btnOpenPane: "assets/icon-32.png",
  btnFullCheck: "assets/icon-check-32.png",
};

interface RibbonControl {
  Id: string;
}

function env(): WpsGlobals {
  const g = detectWps();
  if (!g) throw new Error("not running inside WPS");
  return g;
}

/** The folder this page was loaded from (WPS gives the add-in's own URL, online or offline). */
export function addinBase(href: string = location.href): string {
  const u = href.split(/[?#]/)[0];
  return u.slice(0, u.lastIndexOf("/") + 1);
}

export function OnAddinLoad(ribbonUI: unknown): boolean {
  // Kept so a later version can refresh the ribbon (ribbonUI.Invalidate()).
  (globalThis as { budgetDisclosureRibbon?: unknown }).budgetDisclosureRibbon = ribbonUI;
  return true;
}

export function OnAction(control: RibbonControl): boolean {
  switch (control.Id) {
    case "btnOpenPane":
      togglePane();
      break;
    case "btnFullCheck":
      void runFullCheck();
      break;
    default:
      break;
  }
  return true;
}

export function GetImage(control: RibbonControl): string {
  return IMAGES[control.Id] ?? IMAGES.btnOpenPane;
}

/** Shows the pane (created once, then kept by its id), or hides it when it is showing. */
export function togglePane(g: WpsGlobals = env(), base: string = addinBase()): void {
  const { CreateTaskPane, GetTaskPane, PluginStorage } = g.services;
  if (!CreateTaskPane || !PluginStorage) {
    alert("当前版本的 WPS 不支持加载项任务窗格，请升级到 WPS 2019 及以上版本。");
    return;
  }
  const id = Number(PluginStorage.getItem(PANE_ID_KEY));
  let pane = id && GetTaskPane ? GetTaskPane(id) : null;
  if (!pane) {
    pane = CreateTaskPane(base + PANE_PAGE, PANE_TITLE);
    PluginStorage.setItem(PANE_ID_KEY, pane.ID);
    pane.DockPosition = DOCK_RIGHT;
    pane.Width = PANE_WIDTH;
    pane.Visible = true;
    return;
  }
  pane.Visible = !pane.Visible;
}

export function summaryText(s: RibbonCheckSummary): string {
  if (s.failed) return `全面校验没有完成：${s.failed}`;
  const total = s.error + s.warning + s.info;
  if (total === 0) return "全面校验完成，未发现问题。";
  return `全面校验完成：错误 ${s.error} 条、警告 ${s.warning} 条、提示 ${s.info} 条。有问题的单元格已在表中标记（红色为错误、黄色为警告、蓝色为提示），并已定位到第一处。点击“打开助手”可查看每条结果并清除标记。`;
}

export async function runFullCheck(g: WpsGlobals = env()): Promise<RibbonCheckSummary> {
  const host = new WpsHost(g);
  let summary: RibbonCheckSummary;
  try {
    summary = await fullCheck(host);
  } catch (e) {
    summary = failedCheck(e);
  }
  // The pane shows this summary when it is opened next.
  await host.store.set(STORE_KEYS.lastCheck, summary).catch(() => undefined);
  alert(summaryText(summary));
  return summary;
}

// WPS calls the callbacks ribbon.xml names as globals of this page.
Object.assign(globalThis, { OnAddinLoad, OnAction, GetImage });
