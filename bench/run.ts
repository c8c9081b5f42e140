// npm run bench: figures only, never a pass/fail. Every command runs as a user runs it: the built CLI
// (bin/budget-disclosure.js) in a child process. Prints
//  1. `check --json` over a folder of generated department workbooks against ExcelJS's bare load of the same files (target
//     ≤ 0.5), with ms a workbook for both and for the floor: unzip every part and scan its XML. Compared on equal terms
//     twice: both warm, each in a process that has run it once already (ExcelJS in this process after the first round,
//     the check in bench/check-warm.cjs), and both in a new process (the CLI as a user runs it; bench/exceljs-load.cjs:
//     start-up, loading ExcelJS and its warm-up counted). Also the CLI's cold run against warm ExcelJS, the strictest;
//  2. `--help` and a one-file check against `node -e 0`, as ratios;
//  3. `check` (median of 3 runs) and `fill` on consolidated workbooks of 5,000, 20,000 and 50,000 code rows: time and
//     peak memory;
//  4. what Excel loads, gzipped (the production webpack build, as `npm run build` reports it).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { poolSize } from "../src/cli/check-pool";
import { ZipArchive } from "../src/xlsx/zip";
import { generateBlankWorkbook, generateWorkbook, rng } from "./generate";

const ROOT = join(__dirname, "..");
const BIN = join(ROOT, "bin", "budget-disclosure.js");
const RSS = join(__dirname, "rss.cjs");
const EXCELJS_LOAD = join(__dirname, "exceljs-load.cjs");
const CHECK_WARM = join(__dirname, "check-warm.cjs");
const FILES = Number(process.env.BENCH_FILES ?? 300);
// Rounds of part 1: this virtual machine's speed swings from minute to minute, and a median of 5 holds better than of 3.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SIZES = (process.env.BENCH_ROWS ?? "5000,20000,50000").split(",").map(Number);
const CACHE = join(tmpdir(), "budget-disclosure-bench");
const DIR = join(CACHE, `departments-${FILES}`);

const ms = (t: number) => `${t.toFixed(1)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (b: number) => `${Math.round(b / (1024 * 1024))} MB`;

/** Runs the CLI (or any node script) in a child process: wall time, CPU time of all its threads, peak memory. */
function runNode(args: string[], env: Record<string, string> = {}): { ms: number; cpu: number; rss: number; code: number | null; stdout: string; stderr: string } {
  const rssFile = join(mkdtempSync(join(tmpdir(), "bench-rss-")), "rss");
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--require", RSS, ...args], { env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile }, maxBuffer: 1 << 30, encoding: "utf8" });
  const t = performance.now() - t0;
  const usage = existsSync(rssFile) ? (JSON.parse(readFileSync(rssFile, "utf8")) as { rss: number; cpu: number }) : { rss: NaN, cpu: NaN };
  rmSync(join(rssFile, ".."), { recursive: true, force: true });
  return { ms: t, cpu: usage.cpu, rss: usage.rss, code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function ensureDepartments(): Promise<string[]> {
  mkdirSync(DIR, { recursive: true });
  let files = readdirSync(DIR).filter((f) => f.endsWith(".xlsx"));
  if (files.length < FILES) {
    const r = rng(2024);
    const t0 = performance.now();
    for (let i = files.length; i < FILES; i++) {
      const rows = 10 + Math.floor(r() * 50);
      writeFileSync(join(DIR, `dept-${String(i).padStart(4, "0")}.xlsx`), await generateWorkbook(i + 1, rows));
    }
    console.log(`   （首次运行：生成 ${FILES - files.length} 个部门工作簿于 ${DIR}，用时 ${((performance.now() - t0) / 1000).toFixed(1)} s）`);
    files = readdirSync(DIR).filter((f) => f.endsWith(".xlsx"));
  }
  return files.sort().map((f) => join(DIR, f));
}

/** The least work that reads every cell value: inflate every part and find each cell in the XML. */
function floor(bytes: Uint8Array): number {
  const zip = new ZipArchive(bytes);
  const dec = new TextDecoder();
  let cells = 0;
  for (const e of zip.entries) {
    if (!e.name.endsWith(".xml")) continue;
    const xml = dec.decode(e.method === 8 ? inflateRawSync(zip.raw(e)) : zip.raw(e));
    for (let i = xml.indexOf("<c "); i >= 0; i = xml.indexOf("<c ", i + 3)) cells++;
  }
  return cells;
}

async function batch(): Promise<void> {
  console.log(`1. 批量校验 ${FILES} 个部门工作簿：check --json 文件夹（命令行，子进程）与 ExcelJS 仅读取之比（目标 ≤ 0.5）`);
  const files = await ensureDepartments();
  const contents = files.map((f) => readFileSync(f));
  const cpuNow = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const wall = { exceljs: [] as number[], exceljsProcess: [] as number[], scan: [] as number[], check: [] as number[], checkWarm: [] as number[], other: [] as number[] };
  const cpu = { exceljs: [] as number[], exceljsProcess: [] as number[], scan: [] as number[], check: [] as number[], checkWarm: [] as number[], other: [] as number[] };
  // Beside the default, the other choice: a thread per core where the default is one thread, and the reverse.
  const threads = poolSize(files.length);
  const cores = availableParallelism();
  const other = threads > 1 ? 1 : cores > 1 ? cores : 0;
  let code: number | null = null;
  // Alternate the passes and keep each one's median, so that warm-up and machine noise hit all alike.
  for (let round = 0; round < ROUNDS; round++) {
    let [t0, c0] = [performance.now(), cpuNow()];
    for (const b of contents) await new ExcelJS.Workbook().xlsx.load(b as unknown as ArrayBuffer);
    wall.exceljs.push(performance.now() - t0);
    cpu.exceljs.push(cpuNow() - c0);
    [t0, c0] = [performance.now(), cpuNow()];
    for (const b of contents) floor(b);
    wall.scan.push(performance.now() - t0);
    cpu.scan.push(cpuNow() - c0);
    const x = runNode([EXCELJS_LOAD, DIR]);
    if (x.code !== 0) throw new Error(`ExcelJS 读取失败（退出码 ${x.code}）`);
    wall.exceljsProcess.push(x.ms);
    cpu.exceljsProcess.push(x.cpu);
    const r = runNode([BIN, "check", "--json", DIR]);
    wall.check.push(r.ms);
    cpu.check.push(r.cpu);
    code = r.code;
    const warm = checkWarm();
    wall.checkWarm.push(warm.ms);
    cpu.checkWarm.push(warm.cpu);
    if (other > 0) {
      const o = runNode([BIN, "check", "--json", DIR], { BUDGET_DISCLOSURE_WORKERS: String(other) });
      wall.other.push(o.ms);
      cpu.other.push(o.cpu);
    }
  }
  const per = (xs: number[]) => ms(median(xs) / files.length);
  const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(2);
  console.log(`   每个工作簿（墙钟时间 / CPU 时间）：`);
  console.log(`   ExcelJS 仅读取，已预热（在本进程中，第一轮之后）：${per(wall.exceljs)} / ${per(cpu.exceljs)}`);
  console.log(`   check --json 文件夹，已预热（同一进程中的第二遍，bench/check-warm.cjs）：${per(wall.checkWarm)} / ${per(cpu.checkWarm)}`);
  console.log(`   ExcelJS 仅读取，新进程（含启动、加载 ExcelJS 和预热）：${per(wall.exceljsProcess)} / ${per(cpu.exceljsProcess)}`);
  console.log(`   check --json 文件夹，新进程（命令行，含启动和预热，${threadsNote(threads)}，退出码 ${code}）：${per(wall.check)} / ${per(cpu.check)}`);
  console.log(`   解压并扫描 XML（下限）：${per(wall.scan)} / ${per(cpu.scan)}`);
  if (other > 0) console.log(`   check 新进程改用${threadsNote(other)}（BUDGET_DISCLOSURE_WORKERS=${other}）：${per(wall.other)} / ${per(cpu.other)}（墙钟为默认的 ${(median(wall.other) / median(wall.check)).toFixed(2)} 倍）`);
  console.log(`   比值 check ÷ ExcelJS 读取，同等条件（目标 ≤ 0.5）：`);
  console.log(`     均已预热：墙钟 ${ratio(wall.checkWarm, wall.exceljs)}，CPU ${ratio(cpu.checkWarm, cpu.exceljs)}`);
  console.log(`     均为新进程：墙钟 ${ratio(wall.check, wall.exceljsProcess)}，CPU ${ratio(cpu.check, cpu.exceljsProcess)}`);
  console.log(`   比值 check 新进程 ÷ ExcelJS 已预热（最严，条件不同）：墙钟 ${ratio(wall.check, wall.exceljs)}，CPU ${ratio(cpu.check, cpu.exceljs)}；check 新进程 ÷ 下限：墙钟 ${ratio(wall.check, wall.scan)}`);

  /** The check's second pass in a process of its own (bench/check-warm.cjs): its time, from the file it writes. */
  function checkWarm(): { ms: number; cpu: number } {
    const file = join(mkdtempSync(join(tmpdir(), "bench-warm-")), "warm");
    try {
      const r = runNode([CHECK_WARM, DIR], { BENCH_WARM_FILE: file });
      if (!existsSync(file)) throw new Error(`预热后的 check 没有完成（退出码 ${r.code}）：${r.stderr.trim().split("\n").slice(-1)[0] ?? ""}`);
      return JSON.parse(readFileSync(file, "utf8")) as { ms: number; cpu: number };
    } finally {
      rmSync(join(file, ".."), { recursive: true, force: true });
    }
  }
}

function startup(): void {
  console.log("2. 启动：与 node -e 0 之比（各 9 次取中位数）");
  const seed = join(ROOT, "test", "fixtures", "seed.xlsx");
  const t = (args: string[]) => median(Array.from({ length: 9 }, () => runNode(args).ms));
  // CPU time too: on a busy machine the wall clock mostly measures waiting.
  const c = (args: string[]) => median(Array.from({ length: 5 }, () => runNode(args).cpu));
  const base = t(["-e", "0"]);
  const help = t([BIN, "--help"]);
  const one = t([BIN, "check", seed]);
  const [cb, ch, co] = [c(["-e", "0"]), c([BIN, "--help"]), c([BIN, "check", seed])];
  console.log(`   node -e 0：${ms(base)}（CPU ${ms(cb)}）`);
  console.log(`   --help：${ms(help)}（${(help / base).toFixed(2)} 倍；CPU ${ms(ch)}，${(ch / cb).toFixed(2)} 倍）`);
  console.log(`   check 一个文件（示例工作簿）：${ms(one)}（${(one / base).toFixed(2)} 倍；CPU ${ms(co)}，${(co / cb).toFixed(2)} 倍）`);
}

async function large(): Promise<void> {
  console.log("3. 大工作簿：每张科目表（表2、表3、表5）N 行科目，check 与 fill（命令行，子进程）");
  for (const n of SIZES) {
    const file = join(CACHE, `consolidated-${n}.xlsx`);
    if (!existsSync(file)) {
      mkdirSync(CACHE, { recursive: true });
      writeFileSync(file, await generateWorkbook(9001, n));
    }
    // A copy with its totals blank, so that fill has every total to write.
    const blank = join(CACHE, `consolidated-${n}-blank.xlsx`);
    if (!existsSync(blank)) writeFileSync(blank, await generateBlankWorkbook(9001, n));
    const out = join(mkdtempSync(join(tmpdir(), "bench-fill-")), "filled.xlsx");
    // check three times (this machine's speed varies from minute to minute): the run of median time, with its CPU and memory.
    const checks = [0, 1, 2].map(() => runNode([BIN, "check", file])).sort((a, b) => a.ms - b.ms);
    const c = checks[1];
    const f = runNode([BIN, "fill", blank, "-o", out, "--json"]);
    const writes = f.stdout ? (JSON.parse(f.stdout).writes?.length ?? 0) : 0;
    rmSync(join(out, ".."), { recursive: true, force: true });
    console.log(
      `   ${String(n).padStart(6)} 行：check ${ms(c.ms)}（3 次的中位数，最快 ${ms(checks[0].ms)}；CPU ${ms(c.cpu)}），峰值内存 ${mb(c.rss)}（退出码 ${c.code}）；` +
        `fill ${ms(f.ms)}（CPU ${ms(f.cpu)}），峰值内存 ${mb(f.rss)}（写入 ${writes} 个单元格，退出码 ${f.code}）`,
    );
  }
}

/** The production build into a temporary folder; its report of what Excel loads (gzipped), total and pane alone. */
function excelBundle(): void {
  console.log("4. Excel 加载的文件（webpack 生产构建，gzip 后，不含 office.js；目标 ≤ 110 KB）");
  const out = mkdtempSync(join(tmpdir(), "bench-webpack-"));
  try {
    const r = spawnSync(process.execPath, [join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js"), "--mode", "production", "--output-path", out], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 });
    const total = /合计\s+([\d.]+ KB)/.exec(r.stdout ?? "");
    const pane = /其中打开任务窗格时加载\s+([\d.]+ KB)/.exec(r.stdout ?? "");
    if (r.status !== 0 || !total) {
      console.log(`   构建失败（退出码 ${r.status}）：${(r.stderr || r.stdout || "").trim().split("\n").slice(-3).join(" ")}`);
      return;
    }
    console.log(`   合计 ${total[1]}${pane ? `（其中打开任务窗格时加载 ${pane[1]}）` : ""}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function threadsNote(n: number): string {
  return n > 1 ? `${n} 个线程：主线程与 ${n - 1} 个工作线程` : "1 个线程";
}

(async () => {
  console.log(`预算公开助手 性能测试（Node ${process.version}，${availableParallelism()} 核，负载 ${loadavg()[0].toFixed(1)}）`);
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-cli.js"), "--quiet"]);
  // BENCH_PARTS=3 runs only part 3 (BENCH_ROWS picks its sizes, BENCH_FILES the size of part 1).
  const parts = (process.env.BENCH_PARTS ?? "1,2,3,4").split(",");
  if (parts.includes("1")) await batch();
  if (parts.includes("2")) startup();
  if (parts.includes("3")) await large();
  if (parts.includes("4")) excelBundle();
})().catch((e) => {
  console.error("性能测试未能完成：", e instanceof Error ? e.message : e);
  process.exitCode = 0;
});
