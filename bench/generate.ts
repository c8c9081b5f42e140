// Synthetic departments for the benchmark: random leaf inputs laid out by the standard workbook writer,
// then completed by the engine's own fill, so every generated workbook reconciles.
import Decimal from "decimal.js";
import { planFill } from "../src/core/fill";
import { FUNCTIONAL_CLASSES, FUNCTIONAL_NAMES } from "../src/core/model/classification";
import { workbookToBuffer } from "../src/xlsx/apply-plan";
import { readSnapshotSync } from "../src/xlsx/read-snapshot";
import { writePlan } from "../src/xlsx/write-package";
import { emptyDepartment, type CodeRowData, type DepartmentData } from "../src/xlsx/department-data";
import { buildStandardWorkbook } from "../src/xlsx/standard-workbook";

/** Small deterministic PRNG (mulberry32) so every run benchmarks the same files. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cents = (r: () => number, max: number) => new Decimal(Math.floor(r() * max * 100) + 1).div(100);

/** Split a total into n positive parts of whole cents. */
function split(total: Decimal, n: number, r: () => number): Decimal[] {
  const c = total.mul(100).toNumber();
  const cuts = Array.from({ length: n - 1 }, () => Math.floor(r() * c)).sort((x, y) => x - y);
  const parts: Decimal[] = [];
  let prev = 0;
  for (const x of [...cuts, c]) {
    parts.push(new Decimal(x - prev).div(100));
    prev = x;
  }
  return parts;
}

const ECON_LEAVES = { "301": ["30101", "30102", "30103", "30107", "30108", "30110", "30113", "30199"], "302": ["30201", "30207", "30211", "30213", "30228", "30229", "30239"] };

/** One department with about `codeRows` functional code rows (类, 款 and 项 together) per code table. */
export function generateDepartment(seed: number, codeRows = 14): DepartmentData {
  const r = rng(seed);
  const d = emptyDepartment("2024", `${100 + (seed % 900)} 示例县第${seed}部门`);
  const classes = FUNCTIONAL_CLASSES.filter((c) => c.code && c.code < "230");
  const leaves: { code: string; basic: Decimal; project: Decimal }[] = [];
  const rows: string[] = [];
  let ci = seed % classes.length;
  while (rows.length < codeRows) {
    const cls = classes[ci++ % classes.length].code;
    if (rows.includes(cls)) break;
    rows.push(cls);
    const kuanCount = 1 + Math.floor(r() * Math.max(1, Math.min(99, codeRows / 30)));
    for (let k = 1; k <= kuanCount && rows.length < codeRows; k++) {
      const kuan = cls + String(k).padStart(2, "0");
      rows.push(kuan);
      const xiangCount = 1 + Math.floor(r() * Math.max(2, Math.min(99, codeRows / 100)));
      for (let x = 1; x <= xiangCount && rows.length < codeRows; x++) {
        const xiang = kuan + String(x).padStart(2, "0");
        rows.push(xiang);
        const project = r() < 0.3 ? cents(r, 200) : new Decimal(0);
        leaves.push({ code: xiang, basic: cents(r, 300), project });
      }
    }
  }
  const name = (code: string) => FUNCTIONAL_NAMES[code] ?? `科目${code}`;
  const leafOf = new Map(leaves.map((l) => [l.code, l]));
  const amt = (v: Decimal) => (v.isZero() ? null : v.toFixed(2));
  const codeTable = (cells: (l: { basic: Decimal; project: Decimal }) => Record<string, string | null>): CodeRowData[] => [
    { code: "", name: "合计", cells: {} },
    ...rows.map((code) => ({ code, name: name(code), cells: leafOf.has(code) ? cells(leafOf.get(code)!) : {} })),
  ];
  d.t3 = codeTable((l) => ({ basic: amt(l.basic), project: amt(l.project) }));
  d.t5 = codeTable((l) => ({ basic: amt(l.basic), project: amt(l.project) }));
  d.t2 = codeTable((l) => ({ fiscal: amt(l.basic.plus(l.project)) }));
  const basic = leaves.reduce((s, l) => s.plus(l.basic), new Decimal(0));
  const project = leaves.reduce((s, l) => s.plus(l.project), new Decimal(0));
  const [personnel, pub] = split(basic, 2, r);
  const econ: CodeRowData[] = [{ code: "", name: "合计", cells: {} }];
  for (const [cls, kuans] of Object.entries(ECON_LEAVES)) {
    econ.push({ code: cls, name: cls === "301" ? "工资福利支出" : "商品和服务支出", cells: {} });
    const parts = split(cls === "301" ? personnel : pub, kuans.length, r);
    kuans.forEach((k, i) => econ.push({ code: k, name: "", cells: cls === "301" ? { personnel: amt(parts[i]) } : { public: amt(parts[i]) } }));
  }
  d.t6 = econ.map((e) => ({ ...e, name: e.name || ({ "30101": "基本工资", "30102": "津贴补贴", "30103": "奖金", "30107": "绩效工资", "30108": "机关事业单位基本养老保险缴费", "30110": "职工基本医疗保险缴费", "30113": "住房公积金", "30199": "其他工资福利支出", "30201": "办公费", "30207": "邮电费", "30211": "差旅费", "30213": "维修(护)费", "30228": "工会经费", "30229": "福利费", "30239": "其他交通费用" } as Record<string, string>)[e.code] }));
  if (!project.isZero()) {
    const n = 1 + Math.floor(r() * 4);
    d.projects = split(project, n, r).map((b, i) => ({
      code: `1305${seed}P${i}`,
      name: `示例项目${i + 1}`,
      budget: b.toFixed(2),
      fiscal: b.toFixed(2),
      other: null,
      purpose: "用于示例工作",
      plan: [b.div(4).toFixed(2), b.div(2).toFixed(2), b.mul(3).div(4).toFixed(2), b.toFixed(2)],
      goal: "完成年度工作任务。",
      indicators: [
        ["产出指标", "数量指标", "办件数量", "≥100件"],
        ["产出指标", "质量指标", "完成率", "≥95%"],
        ["产出指标", "时效指标", "按时完成率", "≥95%"],
        ["产出指标", "成本指标", "单位成本", "≤1万元"],
        ["效益指标", "社会效益指标", "服务覆盖率", "≥90%"],
        ["满意度指标", "服务对象满意度指标", "满意度", "≥95%"],
      ].map(([level1, level2, level3, value]) => ({ level1, level2, level3, description: level3, value, basis: "年度计划" })),
    }));
  }
  d.t7 = [];
  d.t8 = [];
  return d;
}

/** The laid-out workbook (.xlsx bytes) with its derived totals blank, as fill finds them. */
export function generateBlankWorkbook(seed: number, codeRows?: number): Promise<Uint8Array> {
  return workbookToBuffer(buildStandardWorkbook(generateDepartment(seed, codeRows)));
}

/** The laid-out workbook (.xlsx bytes) with every derived total filled by the engine. */
export async function generateWorkbook(seed: number, codeRows?: number): Promise<Uint8Array> {
  const bytes = await generateBlankWorkbook(seed, codeRows);
  const { snapshot, pkg } = readSnapshotSync(bytes);
  return writePlan(pkg, planFill(snapshot))?.bytes ?? bytes;
}
