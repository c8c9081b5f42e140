// npm run fixtures: writes the seed workbooks the tests and the demo use, from test/fixtures/seed-data.ts.
// Output is byte-for-byte repeatable: fixed workbook dates and fixed ZIP entry dates.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import JSZip from "jszip";
import { buildStandardWorkbook, type LayoutOptions } from "../src/xlsx/standard-workbook";
import { workbookToBuffer } from "../src/xlsx/apply-plan";
import { SEED_DATA } from "../test/fixtures/seed-data";
import type { DepartmentData } from "../src/xlsx/department-data";

const ROOT = join(__dirname, "..");
export const SAMPLE_PATH = join(ROOT, "assets", "sample", "平乡县行政审批局-2024年部门预算.xlsx");

/** The layout-variant fixture: renamed and reordered sheets, numeric codes, amounts as text, the 档次 typo. */
export const ALT_OPTIONS: LayoutOptions = {
  codesAsNumbers: true,
  amountsAsText: true,
  columnNumberTypo: true,
  sheetNames: {
    T1: "表1",
    T2: "Sheet7",
    T3: "表3",
    T4: "Sheet2",
    T5: "表5",
    T6: "基本支出",
    T7: "Sheet9",
    T8: "表8",
    T9: "三公",
    T10: "采购",
    T11: "资产",
    T12: "Sheet1",
    PARAMS: "参数",
  },
  order: ["PARAMS", "T3", "T1", "T12", "T6", "T2", "T11", "T5", "T4", "T9", "T8", "T7", "T10"],
};

/** The alt twin also spells some zeros out ("-"/"—"), as hand-kept workbooks do; blank and 0 mean the same. */
function altData(d: DepartmentData): DepartmentData {
  const zero = { inAmount: "0.00" };
  return { ...d, t1: { ...d.t1, income: { ...d.t1.income, fund: zero, soe: zero, special: zero, unitFunds: zero } } };
}

/** Re-zips with a fixed date on every entry so that the bytes depend on the content only. */
async function repeatable(bytes: Uint8Array): Promise<Uint8Array> {
  const src = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  const date = new Date(2024, 0, 1, 0, 0, 0);
  for (const name of Object.keys(src.files).sort()) {
    const f = src.files[name];
    if (f.dir) continue;
    out.file(name, await f.async("uint8array"), { date, createFolders: false });
  }
  return out.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

export async function buildFixture(data: DepartmentData, options: LayoutOptions = {}): Promise<Uint8Array> {
  return repeatable(await workbookToBuffer(buildStandardWorkbook(data, options)));
}

async function main(): Promise<void> {
  const targets: [string, DepartmentData, LayoutOptions][] = [
    [join(ROOT, "test", "fixtures", "seed.xlsx"), SEED_DATA, {}],
    [join(ROOT, "test", "fixtures", "seed-yuan.xlsx"), SEED_DATA, { unit: "元" }],
    [join(ROOT, "test", "fixtures", "seed-alt.xlsx"), altData(SEED_DATA), ALT_OPTIONS],
    [SAMPLE_PATH, SEED_DATA, {}],
  ];
  for (const [path, data, options] of targets) {
    mkdirSync(dirname(path), { recursive: true });
    const bytes = await buildFixture(data, options);
    writeFileSync(path, bytes);
    console.log(`已生成 ${relative(ROOT, path)}（${bytes.length} 字节）`);
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(`生成测试工作簿失败：${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
