#!/usr/bin/env node
// npm run stop: ends the dev server that npm start left running (by the pid it recorded).
const fs = require("fs");
const path = require("path");

const PID_FILE = path.resolve(__dirname, "..", ".certs", "dev-server.pid");

let pid = NaN;
try {
  pid = Number(fs.readFileSync(PID_FILE, "utf8").trim());
} catch {
  /* no pid file */
}
if (!Number.isInteger(pid) || pid <= 0) {
  console.log("没有正在运行的预算公开助手开发服务器。");
} else {
  try {
    process.kill(pid, "SIGTERM");
    console.log(`已停止开发服务器（进程 ${pid}）。`);
  } catch {
    console.log("开发服务器已不在运行。");
  }
  try {
    fs.unlinkSync(PID_FILE);
  } catch {
    /* removed by the server itself */
  }
}
console.log("如在 Excel 桌面版中旁加载过，可运行 npx office-addin-debugging stop manifest.xml 取消旁加载。");
