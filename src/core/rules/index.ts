// The rule registry: reader findings (P-), hierarchy (H-), within-table (T-), between-table (X-) and
// table-decided text rules (S-09, S-11). The README's rule list is generated from RULES.
import type { Severity } from "../findings";
import { BETWEEN_RULES } from "./between";
import { CONFIDENCE_SEVERITY, type Confidence, type Rule } from "./framework";
import { HIERARCHY_RULES } from "./hierarchy";
import { WITHIN_RULES } from "./within";

export interface RuleInfo {
  id: string;
  severity: Severity;
  confidence: Confidence;
  tables: string;
  description: string;
}

export const TABLE_RULES: Rule[] = [...HIERARCHY_RULES, ...WITHIN_RULES, ...BETWEEN_RULES];

/** What the reader itself reports (see READ_RULES in model/read-workbook.ts). */
const READER_RULES: RuleInfo[] = [
  { id: "P-01", severity: "error", confidence: "H", tables: "全部表", description: "金额单元格无法识别为数字（文字、错误值、不可见字符等）；依赖它的核对跳过，填充不写入依赖它的合计" },
  { id: "P-02", severity: "error", confidence: "H", tables: "表2、3、5、6、7、8", description: "科目编码缺失或位数不对（功能分类 3/5/7 位，经济分类 3/5 位）" },
  { id: "P-03", severity: "error", confidence: "H", tables: "表2、3、5、6、7、8", description: "同一科目编码在表中重复出现" },
  { id: "P-04", severity: "error", confidence: "H", tables: "全部表", description: "缺少公开表（表1–9 为错误，表10–12 为警告）" },
  { id: "P-05", severity: "error", confidence: "H", tables: "全部表", description: "找不到表头或必需的列" },
  { id: "P-06", severity: "warning", confidence: "M", tables: "表1、4、9、11", description: "有金额的行不是本表的标准行" },
  { id: "P-07", severity: "info", confidence: "L", tables: "表1–9", description: "表头下缺少“栏次”行（已按表头文字识别）" },
  { id: "P-08", severity: "warning", confidence: "M", tables: "全部表", description: "同一张表出现在多个工作表中" },
  { id: "P-09", severity: "warning", confidence: "M", tables: "全部表", description: "表上没有写明金额单位（按万元处理）" },
  { id: "P-10", severity: "info", confidence: "L", tables: "全部表", description: "工作表不是可识别的预算公开表（列出，不读取，不影响其他表）" },
  { id: "P-11", severity: "error", confidence: "H", tables: "全部表", description: "公式没有保存计算结果（公式未计算），不按 0 读取；提示重新计算后保存" },
];

export const RULES: RuleInfo[] = [
  ...READER_RULES,
  ...TABLE_RULES.map((r) => ({
    id: r.id,
    severity: r.id === "H-05" ? ("warning" as Severity) : CONFIDENCE_SEVERITY[r.confidence],
    confidence: r.confidence,
    tables: r.tables,
    description: r.description,
  })),
];
