#!/usr/bin/env node
// npm start: builds the pane in memory and serves it on https://localhost:3000 with a certificate made
// locally and offline (.certs/), then prints how to sideload it and where browser mode is. The same build is the
// WPS 加载项 (index.html, ribbon.xml, wps-taskpane.html): served beside it on http://127.0.0.1:3889/, on this machine
// only, since WPS's browser does not trust a self-made certificate.
const fs = require("fs");
const path = require("path");
const webpack = require("webpack");
const WebpackDevServer = require("webpack-dev-server");

const ROOT = path.resolve(__dirname, "..");
const configFactory = require(path.join(ROOT, "webpack.config.js"));
const PID_FILE = path.join(configFactory.CERT_DIR, "dev-server.pid");
const { onlineEntry, onlineJsplugins } = require("./build-wps.js");
const WPS_PORT = Number(process.env.WPS_PORT || 3889);
const WPS_URL = `http://127.0.0.1:${WPS_PORT}/`;

/** The WPS add-in over plain http on the loopback address, from the dev server's in-memory build. */
function startWpsServer(middleware) {
  const http = require("http");
  const server = http.createServer((req, res) => {
    if (req.url === "/jsplugins.xml") {
      res.writeHead(200, { "Content-Type": "application/xml; charset=utf-8" });
      res.end(onlineJsplugins(WPS_URL));
      return;
    }
    middleware(req, res, () => {
      res.writeHead(404);
      res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(WPS_PORT, "127.0.0.1", () => resolve(server));
  });
}

function instructions(port) {
  const base = `https://localhost:${port}`;
  return [
    "",
    "预算公开助手已启动",
    `  任务窗格：        ${base}/taskpane.html`,
    `  浏览器模式（示例）：${base}/taskpane.html?sample=1`,
    "",
    "本地证书（离线生成，仅本机使用）：",
    `  ${path.relative(ROOT, path.join(configFactory.CERT_DIR, "ca.crt"))}  — 浏览器或 Excel 提示证书不受信任时，请把它导入“受信任的根证书颁发机构”，或在浏览器中接受警告。`,
    "",
    "在 Excel 桌面版中加载（Windows / macOS）：",
    "  另开一个终端运行：npm run start:desktop",
    "  （会用 npx 临时获取 office-addin-debugging，自动旁加载 manifest.xml 并打开 Excel）",
    "",
    "在网页版 Excel 中加载：",
    "  1. 在浏览器中打开网页版 Excel 的任一工作簿；",
    "  2. “开始”选项卡 → “加载项” → “更多加载项” → “上传我的加载项”；",
    `  3. 选择 ${path.join(ROOT, "manifest.xml")}，点击“上传”；`,
    "  4. “开始”选项卡右侧出现“预算公开”组：点“预算公开助手”打开任务窗格，点“全面校验”一键校验。",
    "",
    `在 WPS 表格中加载（本机 ${WPS_URL}）：`,
    "  1. 关闭所有 WPS 窗口；",
    "  2. 打开 jsaddons 文件夹（Windows：%APPDATA%\\kingsoft\\wps\\jsaddons；Linux：~/.local/share/Kingsoft/wps/jsaddons；没有就新建），",
    "     编辑或新建其中的 publish.xml，在 <jsplugins> 与 </jsplugins> 之间加入这一行：",
    `       ${onlineEntry(WPS_URL)}`,
    `     （单位统一配置时，也可把 oem.ini 的 JSPluginsServer 指向 ${WPS_URL}jsplugins.xml）`,
    "  3. 打开 WPS 表格，功能区出现“预算公开”选项卡：点“打开助手”打开任务窗格，点“全面校验”一键校验。",
    "",
    "停止：按 Ctrl+C，或在另一个终端运行 npm run stop。",
    "",
  ].join("\n");
}

async function main() {
  const config = await configFactory({ WEBPACK_SERVE: true }, { mode: "development" });
  // webpack-dev-server's own "[webpack-dev-server] Project is running at …" lines are English; the instructions below say it in Chinese.
  config.infrastructureLogging = { ...(config.infrastructureLogging || {}), level: "warn" };
  const compiler = webpack(config);
  const server = new WebpackDevServer(config.devServer, compiler);
  let printed = false;
  compiler.hooks.done.tap("start", (stats) => {
    if (stats.hasErrors()) {
      console.error(stats.toString("errors-only"));
      return;
    }
    if (!printed) {
      printed = true;
      console.log(instructions(config.devServer.port));
    } else console.log("已重新构建，刷新任务窗格即可看到修改。");
  });
  await server.start();
  let wpsServer = null;
  try {
    wpsServer = await startWpsServer(server.middleware);
  } catch (e) {
    console.error(`WPS 加载项地址 ${WPS_URL} 未能启动（${e && e.code === "EADDRINUSE" ? "端口已被占用，可用 WPS_PORT 指定其他端口" : e.message}）；Excel 加载项不受影响。`);
  }
  fs.mkdirSync(path.dirname(PID_FILE), { recursive: true });
  fs.writeFileSync(PID_FILE, String(process.pid));
  const stop = async () => {
    try {
      fs.unlinkSync(PID_FILE);
    } catch {
      /* already gone */
    }
    if (wpsServer) await new Promise((r) => wpsServer.close(() => r()));
    await server.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  console.error("启动失败：" + (e && e.message ? e.message : e));
  if (e && e.code === "EADDRINUSE") console.error("端口 3000 已被占用：请先运行 npm run stop，或关闭占用该端口的程序。");
  process.exitCode = 1;
});
