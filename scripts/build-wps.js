#!/usr/bin/env node
// npm run build:wps: the WPS 加载项 in both deployment forms, in dist-wps/:
//   online/   the add-in folder to put on a web server, and jsplugins.xml pointing at it (WPS_ADDIN_URL);
//   offline/  budget-disclosure_<version>/ (the same folder), publish.xml and install scripts for Windows and Linux,
//   budget-disclosure-wps-<version>.zip  the offline package as one file.
// WPS loads index.html (which loads the ribbon's callbacks) and ribbon.xml from the add-in's folder.
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const pkg = require(path.join(ROOT, "package.json"));

const ADDIN_NAME = pkg.name; // budget-disclosure: letters, digits and "-" only, as WPS's folder naming needs
const DEFAULT_URL = "http://127.0.0.1:3889/";
/** Files the WPS add-in leaves out: Office's (manifest, function commands, the office.js pane) and browser mode's (ExcelJS, sample). */
const OFFICE_ONLY = /^(manifest\.xml|commands\.|taskpane\.html$|size-report\.json$|sample\/|xlsx\.)/;

function xmlAttr(s) {
  return String(s).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** Online form: WPS reads this list (from jsaddons/, or from the address oem.ini's JSPluginsServer names). */
function onlineJsplugins(url, name = ADDIN_NAME) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n  <jspluginonline name="${xmlAttr(name)}" type="et" url="${xmlAttr(url)}"/>\n</jsplugins>\n`;
}

/** The line that makes one user's WPS load the served add-in: jsaddons/publish.xml, as `wpsjs debug` writes it. */
function onlineEntry(url, name = ADDIN_NAME) {
  return `<jspluginonline name="${xmlAttr(name)}" type="et" url="${xmlAttr(url)}" enable="enable_dev" install="null"/>`;
}

/** The line an offline install adds to jsaddons/publish.xml: the add-in folder beside it, by name and version. */
function offlineEntry(name = ADDIN_NAME, version = pkg.version) {
  return `<jsplugin name="${xmlAttr(name)}" type="et" url="${xmlAttr(name)}_${xmlAttr(version)}" version="${xmlAttr(version)}" enable="enable_dev" install="null" customDomain=""/>`;
}

function listFiles(dir, base = dir) {
  return fs.readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return fs.statSync(p).isDirectory() ? listFiles(p, base) : [path.relative(base, p).split(path.sep).join("/")];
  });
}

function copyAddin(buildDir, dest) {
  const files = listFiles(buildDir).filter((f) => !OFFICE_ONLY.test(f));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dest, f)), { recursive: true });
    fs.copyFileSync(path.join(buildDir, f), path.join(dest, f));
  }
  return files;
}

function installLinux(name, version) {
  const folder = `${name}_${version}`;
  return `#!/bin/sh
# 安装“预算公开助手”WPS 加载项（离线包，Linux：统信 UOS、麒麟等）。以当前用户运行：sh install-linux.sh
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DEST="$HOME/.local/share/Kingsoft/wps/jsaddons"
ENTRY='${offlineEntry(name, version)}'
mkdir -p "$DEST"
# 先删除旧版本，再复制本版本的加载项文件夹
rm -rf "$DEST"/${name}_*
cp -R "$HERE/${folder}" "$DEST/"
F="$DEST/publish.xml"
if [ -f "$F" ] && grep -q '</jsplugins>' "$F"; then
  # 保留其他加载项，只替换本加载项的一行
  sed -i '/<jsplugin[^>]*name="${name}"/d' "$F"
  sed -i "s#</jsplugins>#  $ENTRY\\n</jsplugins>#" "$F"
else
  printf '<jsplugins>\\n  %s\\n</jsplugins>\\n' "$ENTRY" > "$F"
fi
echo "已安装到 $DEST/${folder}"
echo "请关闭所有 WPS 窗口后重新打开 WPS 表格，功能区会出现“预算公开”选项卡。"
`;
}

function installWindowsPs1(name, version) {
  const folder = `${name}_${version}`;
  return `# 安装“预算公开助手”WPS 加载项（离线包，Windows）。由 install-windows.bat 调用，也可在 PowerShell 中直接运行。
$ErrorActionPreference = 'Stop'
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
$dest = Join-Path $env:APPDATA 'kingsoft\\wps\\jsaddons'
$entry = '${offlineEntry(name, version)}'
New-Item -ItemType Directory -Force -Path $dest | Out-Null
# 先删除旧版本，再复制本版本的加载项文件夹
Get-ChildItem -Path $dest -Directory -Filter '${name}_*' -ErrorAction SilentlyContinue | Remove-Item -Recurse -Force
Copy-Item -Recurse -Force (Join-Path $here '${folder}') $dest
$file = Join-Path $dest 'publish.xml'
$utf8 = New-Object System.Text.UTF8Encoding($false)
if ((Test-Path $file) -and ((Get-Content -Raw -Encoding UTF8 $file) -match '</jsplugins>')) {
  # 保留其他加载项，只替换本加载项的一行
  $xml = Get-Content -Raw -Encoding UTF8 $file
  $xml = [regex]::Replace($xml, '\\s*<jsplugin[^>]*name="${name}"[^>]*/>', '')
  $xml = $xml.Replace('</jsplugins>', "  $entry\`r\`n</jsplugins>")
} else {
  $xml = "<jsplugins>\`r\`n  $entry\`r\`n</jsplugins>\`r\`n"
}
[System.IO.File]::WriteAllText($file, $xml, $utf8)
Write-Host "已安装到 $dest\\${folder}"
Write-Host '请关闭所有 WPS 窗口后重新打开 WPS 表格，功能区会出现“预算公开”选项卡。'
`;
}

function installWindowsBat() {
  return [
    "@echo off",
    "rem 安装“预算公开助手”WPS 加载项（离线包，Windows）：双击运行。",
    "chcp 65001 >nul",
    'powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0install-windows.ps1"',
    "pause",
    "",
  ].join("\r\n");
}

function readme(name, version) {
  const folder = `${name}_${version}`;
  return `预算公开助手 WPS 加载项 ${version}（离线安装包）

适用：WPS Office 2019 及以上（Windows），WPS Office for Linux（统信 UOS、麒麟等）。安装只对当前用户生效，不需要管理员权限，也不需要联网。

一、Windows
  1. 关闭所有 WPS 窗口。
  2. 解压本安装包，双击 install-windows.bat。
     （它把 ${folder} 文件夹复制到 %APPDATA%\\kingsoft\\wps\\jsaddons，并在该文件夹的 publish.xml 中登记本加载项。）
  3. 打开 WPS 表格和部门预算公开工作簿，功能区出现“预算公开”选项卡：
     “打开助手”打开任务窗格，“全面校验”一键校验并在表中标记问题单元格。

二、Linux（统信 UOS、麒麟）
  1. 关闭所有 WPS 窗口。
  2. 在解压后的文件夹中打开终端，运行：sh install-linux.sh
     （它把 ${folder} 复制到 ~/.local/share/Kingsoft/wps/jsaddons，并在该文件夹的 publish.xml 中登记本加载项。）
  3. 打开 WPS 表格，同上。

三、手动安装（脚本不能运行时）
  把 ${folder} 文件夹复制到上面的 jsaddons 文件夹；编辑（或新建）其中的 publish.xml，使其包含：
    <jsplugins>
      ${offlineEntry(name, version)}
    </jsplugins>

四、卸载
  删除 jsaddons 中的 ${folder} 文件夹，并删除 publish.xml 中 name="${name}" 的那一行，然后重新打开 WPS。

没有出现“预算公开”选项卡时：确认 WPS 已完全退出后再打开；确认 jsaddons 中的文件夹名为 ${folder}（不要多一层目录）；
单位统一配置了加载项（oem.ini 的 JSPluginsServer）时，请联系信息中心把本加载项加入单位的 jsplugins.xml。
工作簿的数据只在本机处理，不会上传到任何地方。
`;
}

/** Writes both forms from a finished webpack build. Returns what it wrote, for the caller and the tests. */
async function packageWps(buildDir, outDir, options = {}) {
  const name = options.name || ADDIN_NAME;
  const version = options.version || pkg.version;
  const url = (options.url || process.env.WPS_ADDIN_URL || DEFAULT_URL).replace(/\/?$/, "/");
  const folder = `${name}_${version}`;
  fs.rmSync(outDir, { recursive: true, force: true });
  const online = path.join(outDir, "online");
  const offline = path.join(outDir, "offline");
  const files = copyAddin(buildDir, online);
  fs.writeFileSync(path.join(online, "jsplugins.xml"), onlineJsplugins(url, name));
  copyAddin(buildDir, path.join(offline, folder));
  fs.writeFileSync(path.join(offline, "publish.xml"), `<jsplugins>\n  ${offlineEntry(name, version)}\n</jsplugins>\n`);
  fs.writeFileSync(path.join(offline, "install-linux.sh"), installLinux(name, version), { mode: 0o755 });
  fs.writeFileSync(path.join(offline, "install-windows.ps1"), "\ufeff" + installWindowsPs1(name, version)); // BOM: Windows PowerShell 5 reads UTF-8 only with it
  fs.writeFileSync(path.join(offline, "install-windows.bat"), installWindowsBat());
  fs.writeFileSync(path.join(offline, "安装说明.txt"), readme(name, version));
  const JSZip = require("jszip");
  const zip = new JSZip();
  for (const f of listFiles(offline)) {
    const unixMode = f === "install-linux.sh" ? 0o100755 : 0o100644;
    zip.file(`${name}-wps-${version}/${f}`, fs.readFileSync(path.join(offline, f)), { unixPermissions: unixMode });
  }
  const zipFile = path.join(outDir, `${name}-wps-${version}.zip`);
  fs.writeFileSync(zipFile, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", platform: "UNIX" }));
  return { online, offline, folder, zipFile, url, files };
}

async function build(outputPath) {
  const webpack = require("webpack");
  const factory = require(path.join(ROOT, "webpack.config.js"));
  const config = await factory({ outputPath, quiet: true }, { mode: "production" });
  await new Promise((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) reject(err);
      else if (stats.hasErrors()) reject(new Error(stats.toString("errors-only")));
      else resolve();
    }),
  );
}

module.exports = { packageWps, onlineJsplugins, onlineEntry, offlineEntry, OFFICE_ONLY, DEFAULT_URL, ADDIN_NAME };

if (require.main === module) {
  (async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "budget-wps-build-"));
    try {
      console.log("正在构建 WPS 加载项（生产构建）…");
      await build(tmp);
      const out = path.join(ROOT, "dist-wps");
      const r = await packageWps(tmp, out);
      const rel = (p) => path.relative(ROOT, p);
      console.log(`
WPS 加载项已生成：
  在线模式：${rel(r.online)}/            把整个文件夹放到 Web 服务器上，地址为 ${r.url}
            ${rel(r.online)}/jsplugins.xml  指向该地址（另一地址：WPS_ADDIN_URL=https://服务器/路径/ npm run build:wps）
  离线模式：${rel(r.offline)}/           ${r.folder}/、publish.xml、install-windows.bat、install-linux.sh、安装说明.txt
            ${rel(r.zipFile)}  离线安装包（解压后按“安装说明.txt”安装）
`);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  })().catch((e) => {
    console.error("构建失败：" + (e && e.message ? e.message : e));
    process.exitCode = 1;
  });
}
