// The 情况说明 ↔ table rules (domain-rules B.4). Severity follows the confidence mark: H → error, M → warning, L → info.
import type { Severity } from "../findings";
import type { RuleInfo } from "../rules/index";
import { CONFIDENCE_SEVERITY } from "../rules/framework";

const rule = (id: string, confidence: RuleInfo["confidence"], description: string, tables = "情况说明"): RuleInfo => ({
  id,
  confidence,
  severity: CONFIDENCE_SEVERITY[confidence],
  tables,
  description,
});

export const TEXT_RULES: RuleInfo[] = [
  rule("S-01", "H", "收入说明中的收入总额及各项来源与收支总表一致", "情况说明、表1"),
  rule("S-02", "H", "支出说明中的支出总额、基本支出、项目支出、人员经费、日常公用经费与报表一致", "情况说明、表1、表3、表6"),
  rule("S-03", "H", "支出说明所列项目及金额与项目绩效目标表一致，合计等于项目支出", "情况说明、表3、表12"),
  rule("S-04", "H", "比上年增减额与报表及上年数一致，增减用词正确，有增减须说明原因，无增减写“持平”", "情况说明、表1、表3、说明参数"),
  rule("S-05", "H", "机关运行经费等于一般公共预算财政拨款基本支出表的公用经费合计", "情况说明、表6"),
  rule("S-06", "H", "“三公”经费总额及各分项与“三公”经费支出表一致，增减及原因表述正确", "情况说明、表9、说明参数"),
  rule("S-07", "H", "政府采购预算总额与政府采购预算表一致，货物、工程、服务之和等于总额", "情况说明、表10"),
  rule("S-08", "H", "上年末固定资产金额与固定资产占用情况表一致，本年拟购置固定资产已列入政府采购预算", "情况说明、表10、表11、说明参数"),
  rule("S-09", "H", "情况说明称某表为空而该表有数据，或空表在表下和说明中都未说明", "情况说明、表7、8、9、10"),
  rule("S-10", "H", "金额单位为万元，不得误写为元"),
  rule("S-11", "H", "单位名称、预算年度、单位编码与报表一致", "情况说明、全部表"),
  rule("S-12", "H", "无模板残留（XX、待填写、{…}、【…】），无重复词语，句末有句号"),
  rule("S-13", "H", "文中的占比、增长率可由报表数据算得", "情况说明、表1、表3、表6"),
  rule("S-14", "M", "机构设置列出纳入部门预算的全部单位，每个单位写明单位名称、性质、规格、经费保障形式", "情况说明、说明参数"),
  rule("S-15", "L", "说明中提到的表格均已公开（如“项目支出表”并未公开）"),
];

export const TEXT_RULE_SEVERITY: Record<string, Severity> = Object.fromEntries(TEXT_RULES.map((r) => [r.id, r.severity]));
