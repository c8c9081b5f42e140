// npm run demo: check, fill and narrative on the bundled sample workbook (the seed department), through the CLI.
import { mkdirSync } from "node:fs";
import { basename, extname, join, relative } from "node:path";
import { run } from "../src/cli/main";

const ROOT = join(__dirname, "..");
const SAMPLE = join(ROOT, "assets", "sample", "平乡县行政审批局-2024年部门预算.xlsx");
const OUT_DIR = join(ROOT, "out");

function header(text: string): void {
  console.log(`\n========== ${text} ==========\n`);
}

async function main(): Promise<number> {
  const sample = relative(process.cwd(), SAMPLE) || SAMPLE;
  mkdirSync(OUT_DIR, { recursive: true });
  const filled = join(OUT_DIR, `${basename(SAMPLE, extname(SAMPLE))}-已填充.xlsx`);

  header(`一、勾稽校验：${basename(SAMPLE)}`);
  const checked = await run(["check", sample]);

  header("二、填充合计与小计");
  const fill = await run(["fill", sample, "-o", relative(process.cwd(), filled), "--force"]);

  header("三、情况说明");
  const narrative = await run(["narrative", sample]);

  header("演示结束");
  console.log(`校验退出码 ${checked}（1 表示发现错误：样例表如实保留了原公开表中固定资产表的问题）`);
  console.log(`填充退出码 ${fill}，输出文件：${relative(process.cwd(), filled)}`);
  console.log(`情况说明退出码 ${narrative}`);
  // Findings in the sample are expected; only a file that could not be processed fails the demo.
  return [checked, fill, narrative].some((c) => c === 2) ? 1 : 0;
}

main().then((code) => {
  process.exitCode = code;
});
