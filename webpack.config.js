/* eslint-disable no-console */
// Builds the task pane (taskpane + commands entries, sharing one engine chunk). The .xlsx reader only lands in
// the lazy chunk that browser mode imports; the build prints the gzipped size of what Excel itself loads.
const path = require("path");
const fs = require("fs");
const zlib = require("zlib");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
const PORT = Number(process.env.npm_package_config_dev_server_port || 3000);
const CERT_DIR = path.join(__dirname, ".certs");
/** Budget for what Excel loads, office.js excluded (issue 3). */
const EXCEL_BUDGET_BYTES = 110 * 1024;

class SizeReportPlugin {
  constructor(options) {
    this.options = options;
  }
  apply(compiler) {
    compiler.hooks.afterEmit.tap("SizeReportPlugin", (compilation) => {
      if (this.options.inMemory) return; // dev server: nothing on disk to measure
      const console = this.options.quiet ? { log() {} } : global.console;
      const outDir = compilation.outputOptions.path;
      // Sources are released after emit: measure the files as written.
      const gz = (file) => {
        const p = path.join(outDir, file);
        return fs.existsSync(p) ? zlib.gzipSync(fs.readFileSync(p), { level: 9 }).length : 0;
      };
      const inExcel = new Set(["taskpane.html", "commands.html", "taskpane.css"]);
      const entries = {};
      for (const name of ["taskpane", "commands"]) {
        const ep = compilation.entrypoints.get(name);
        entries[name] = ep ? ep.getFiles().filter((f) => !f.endsWith(".map")) : [];
        for (const f of entries[name]) inExcel.add(f);
      }
      const lazy = [];
      for (const a of compilation.getAssets()) {
        if (a.name.endsWith(".js") && !inExcel.has(a.name)) lazy.push(a.name);
      }
      const kb = (n) => (n / 1024).toFixed(1) + " KB";
      let total = 0;
      console.log("\n在 Excel 中加载的文件（gzip 后，不含 office.js）：");
      for (const f of [...inExcel].sort()) {
        const n = gz(f);
        total += n;
        console.log(`  ${f.padEnd(40)} ${kb(n).padStart(10)}`);
      }
      const paneOnly = [...inExcel].filter((f) => !f.startsWith("commands")).reduce((n, f) => n + gz(f), 0);
      const ok = total <= EXCEL_BUDGET_BYTES;
      const verdict = this.options.dev ? "；开发构建未压缩，仅供参考" : ok ? "，达标" : "，超出！";
      console.log(`  ${"合计".padEnd(38)} ${kb(total).padStart(10)}   (目标 ≤ ${kb(EXCEL_BUDGET_BYTES)}${verdict})`);
      console.log(`  ${"其中打开任务窗格时加载".padEnd(29)} ${kb(paneOnly).padStart(10)}   (commands.* 只在点击“全面校验”时加载)`);
      if (lazy.length) {
        // Lazy chunks are fetched only on demand, so they are outside the budget: say when each one is.
        const when = (f) =>
          f.startsWith("xlsx-read")
            ? "“生成说明”中选择上年工作簿时（只读）"
            : f.startsWith("xlsx")
              ? "浏览器模式打开文件时（.xlsx 读写，Excel 中不会加载）"
              : f.startsWith("docx")
                ? "点击“导出 Word 文档”时"
                : f.startsWith("narrative")
                  ? "第一次点击“生成说明”时（模板引擎和默认模板）"
                  : f.startsWith("text-check")
                    ? "校验带“情况说明”工作表的工作簿时（文字核对）"
                    : f.startsWith("wps-main")
                      ? "WPS 加载项的功能区脚本（只在 WPS 中加载）"
                      : f.startsWith("wps")
                        ? "在 WPS 表格中打开任务窗格时"
                        : f.startsWith("browser")
                          ? "浏览器模式（不在 Excel 中）时"
                          : "";
        console.log("按需加载（不计入上面的合计）：");
        for (const f of lazy.sort()) console.log(`  ${f.padEnd(40)} ${kb(gz(f)).padStart(10)}   ${when(f)}`);
      }
      const report = { excelGzipBytes: total, taskpaneGzipBytes: paneOnly, budgetBytes: EXCEL_BUDGET_BYTES, files: [...inExcel].sort(), entries, lazy: lazy.sort() };
      fs.writeFileSync(path.join(outDir, "size-report.json"), JSON.stringify(report, null, 2));
      if (!ok && !this.options.dev) compilation.warnings.push(new Error(`Excel bundle ${kb(total)} exceeds ${kb(EXCEL_BUDGET_BYTES)}`));
    });
  }
}

/**
 * The pane page for WPS: taskpane.html without office.js (WPS has no Office; an unreachable CDN would stall the pane).
 * An offline WPS add-in is opened from its folder (file:), where 'self' need not cover the add-in's own files.
 */
function wpsPaneHtml() {
  const html = fs.readFileSync(path.join(__dirname, "src/taskpane/taskpane.html"), "utf8");
  return wpsCsp(html.replace(/\s*<script[^>]*src="https:\/\/appsforoffice\.microsoft\.com[^"]*"[^>]*><\/script>/g, "").replace(/ https:\/\/appsforoffice\.microsoft\.com/g, ""));
}

/** Lets the add-in's own files load when WPS opens it from a local folder: 'self' file: for what the page loads. */
function wpsCsp(html) {
  return html.replace(/\b(default-src|script-src|style-src|img-src|font-src|connect-src) 'self'/g, "$1 'self' file:");
}

async function httpsOptions() {
  // Certificates installed (trusted) by `office-addin-dev-certs install` on Windows/macOS win over our local ones.
  const trusted = path.join(require("os").homedir(), ".office-addin-dev-certs");
  if (fs.existsSync(path.join(trusted, "localhost.key")) && fs.existsSync(path.join(trusted, "localhost.crt"))) {
    return { key: fs.readFileSync(path.join(trusted, "localhost.key")), cert: fs.readFileSync(path.join(trusted, "localhost.crt")) };
  }
  const key = path.join(CERT_DIR, "localhost.key");
  const cert = path.join(CERT_DIR, "localhost.crt");
  const ca = path.join(CERT_DIR, "ca.crt");
  if (!fs.existsSync(key)) {
    // Offline: the CLI's "install" step needs sudo and a keychain; generating is enough to serve https.
    const { generateCertificates } = require("office-addin-dev-certs/lib/generate");
    await generateCertificates(ca, cert, key, 30, ["localhost", "127.0.0.1"]);
  }
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert), ca: fs.readFileSync(ca) };
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const outDir = env.outputPath ? path.resolve(env.outputPath) : path.join(__dirname, "dist");
  const publicUrl = (process.env.ADDIN_PUBLIC_URL || DEV_URL).replace(/\/?$/, "/");
  const serve = Boolean(env.WEBPACK_SERVE);
  return {
    mode: dev ? "development" : "production",
    devtool: dev ? "source-map" : false,
    context: __dirname,
    entry: {
      taskpane: "./src/taskpane/index.ts",
      commands: "./src/commands/commands.ts",
      // WPS 加载项: index.html + wps-main.js hold the ribbon's callbacks; wps-taskpane.html is the same pane without office.js.
      "wps-main": "./src/wps/main.ts",
    },
    output: {
      path: outDir,
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      chunkFilename: dev ? "[name].chunk.js" : "[name].[contenthash:8].chunk.js",
      publicPath: "",
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          loader: "ts-loader",
          // esnext modules keep import() as a real split point (commonjs would inline ExcelJS); tsc type-checks separately.
          options: { transpileOnly: true, compilerOptions: { module: "esnext", sourceMap: dev } },
        },
        { test: /\.liquid$/, type: "asset/source" },
        // The sample workbook for browser mode, inlined into its lazy chunk (no fetch: connect-src is 'none').
        { test: /\.xlsx$/, type: "asset/inline" },
      ],
    },
    performance: { hints: false },
    // The engine (src/core, decimal.js, table specs, rules) in one chunk that the pane and the ribbon command share,
    // so Excel caches it once. Lazy chunks: browser mode (the .xlsx reader and writer) and the Word export (docx).
    optimization: {
      splitChunks: {
        cacheGroups: {
          default: false,
          defaultVendors: false,
          // Every engine module the two pages use goes here (minChunks 1): left to sharing counts, modules that a
          // pane-only module also imports were copied into both pages. The Word worker is an entry of its own: not counted.
          engine: {
            name: "engine",
            test: /[\\/]src[\\/](core|excel|host)[\\/]|[\\/]node_modules[\\/]decimal\.js[\\/]/,
            chunks: (c) => c.name === "taskpane" || c.name === "commands",
            minChunks: 1,
            minSize: 0,
            enforce: true,
          },
        },
      },
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"], inject: "body", scriptLoading: "defer" }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"], inject: "body", scriptLoading: "defer" }),
      // WPS loads index.html and ribbon.xml from the add-in's folder (online: the served URL; offline: jsaddons/<name>_<version>/).
      new HtmlWebpackPlugin({ filename: "index.html", templateContent: () => wpsCsp(fs.readFileSync(path.join(__dirname, "src/wps/index.html"), "utf8")), chunks: ["wps-main"], inject: "head", scriptLoading: "blocking" }),
      new HtmlWebpackPlugin({ filename: "wps-taskpane.html", templateContent: wpsPaneHtml, chunks: ["taskpane"], inject: "body", scriptLoading: "defer" }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "assets/icon-*.png", to: "assets/[name][ext]", noErrorOnMissing: true },
          { from: "assets/sample/*.xlsx", to: "sample/sample.xlsx", noErrorOnMissing: true },
          { from: "src/wps/ribbon.xml", to: "ribbon.xml" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            noErrorOnMissing: true,
            // Production: every dev URL becomes the hosting address; AppDomain gets its origin.
            transform: (content) =>
              publicUrl === DEV_URL ? content : content.toString().split(DEV_URL).join(publicUrl).split(DEV_URL.slice(0, -1)).join(new URL(publicUrl).origin),
          },
        ],
      }),
      new SizeReportPlugin({ quiet: Boolean(env.quiet), inMemory: serve, dev }),
    ],
    devServer: serve
      ? {
          port: PORT,
          // No injected client: its websocket and inline reloader would need CSP exceptions. Reload the pane by hand.
          hot: false,
          liveReload: false,
          client: false,
          webSocketServer: false,
          headers: { "Access-Control-Allow-Origin": "*" },
          server: { type: "https", options: await httpsOptions() },
          static: false,
        }
      : undefined,
  };
};

module.exports.httpsOptions = httpsOptions;
module.exports.CERT_DIR = CERT_DIR;
module.exports.PORT = PORT;
