// Entry: find the host (WPS 表格, Excel through office.js, or neither), then start the pane. No other side effects at
// import time. Outside Office, office.js is waited for only briefly.
import { detectWps } from "../wps/detect";
import { startPane } from "./app";

/** How long a plain browser waits for office.js before it starts the local-file mode (an office without internet). */
const BROWSER_WAIT_MS = 3000;
/** Inside Office the script comes from the same CDN Office itself uses: wait longer before giving up. */
const OFFICE_WAIT_MS = 20000;

/** Office opens add-in pages with _host_Info in the address, or inside its own frame. */
function launchedByOffice(): boolean {
  return /[?&#]_host_Info=/i.test(location.href) || window.top !== window.self;
}

function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(fallback), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      () => {
        clearTimeout(t);
        resolve(fallback);
      },
    );
  });
}

/** Resolves when office.js has run (true), failed to load or took too long (false). */
function officeScript(wait: number): Promise<boolean> {
  if (typeof Office !== "undefined") return Promise.resolve(true);
  const script = document.getElementById("office-js") as HTMLScriptElement | null;
  if (!script) return Promise.resolve(false);
  // The async script may have failed before this bundle ran (its error event is gone then): a finished fetch
  // without Office defined leaves only a moment for the script to run.
  const fetched = typeof performance !== "undefined" && performance.getEntriesByName?.(script.src).length > 0;
  if (fetched) wait = Math.min(wait, 500);
  return withTimeout(
    new Promise<boolean>((resolve) => {
      script.addEventListener("load", () => resolve(typeof Office !== "undefined"));
      script.addEventListener("error", () => resolve(false));
    }),
    wait,
    false,
  );
}

async function main(): Promise<void> {
  if (detectWps()) {
    // WPS's page has no office.js (wps-taskpane.html): its object model is window.Application.
    void startPane("WPS");
    return;
  }
  const wait = launchedByOffice() ? OFFICE_WAIT_MS : BROWSER_WAIT_MS;
  if (!(await officeScript(wait))) {
    // office.js could not load (no network, a stalled proxy): the pane still works on local files.
    void startPane(null);
    return;
  }
  const info = await withTimeout(Office.onReady(), wait, { host: null, platform: null } as unknown as { host: Office.HostType | null });
  void startPane(info.host ?? null);
}

void main();
