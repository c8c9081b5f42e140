// The 情况说明 ↔ table rules (domain-rules B.4): ids, confidence and the descriptions the README lists.
// Only the README and tests import this module; the engine takes severities from ./severity, so the
// descriptions stay out of what Excel loads.
import type { RuleInfo } from "../rules/index";
import { CONFIDENCE_SEVERITY } from "../rules/framework";
import { textRuleConfidence } from "./severity";

const rule = (id: string, description: string, tables = "情况说明"): RuleInfo => {
  const confidence = textRuleConfidence(id);
  return { id, confidence, severity: CONFIDENCE_SEVERITY[confidence], tables, description };
};

export const TEXT_RULES: RuleInfo[] = [
  rule("S-01", "收入说明中的收入总额及各项来源与收支总表一致", "情况说明、表1"),
  rule("S-02", "支出说明中的支出总额、基本支出、项目支出、人员经费、日常公用经费与报表一致", "情况说明、表1、表3、表6"),
  rule("S-03", "支出说明所列项目及金额与项目绩效目标表一致，合计等于项目支出", "情况说明、表3、表12"),
  rule("S-04", "比上年增减额与报表及上年数一致，增减用词正确，有增减须说明原因，无增减写“持平”", "情况说明、表1、表3、说明参数"),
  rule("S-05", "机关运行经费等于一般公共预算财政拨款基本支出表的公用经费合计", "情况说明、表6"),
  rule("S-06", "“三公”经费总额及各分项与“三公”经费支出表一致，增减及原因表述正确", "情况说明、表9、说明参数"),
  rule("S-07", "政府采购预算总额与政府采购预算表一致，货物、工程、服务之和等于总额", "情况说明、表10"),
  rule("S-08", "上年末固定资产金额与固定资产占用情况表一致，本年拟购置固定资产已列入政府采购预算", "情况说明、表10、表11、说明参数"),
  rule("S-09", "情况说明称某表为空而该表有数据，或空表在表下和说明中都未说明", "情况说明、表7、8、9、10"),
  rule("S-10", "金额单位为万元，不得误写为元"),
  rule("S-11", "单位名称、预算年度、单位编码与报表一致", "情况说明、全部表"),
  rule("S-12", "无模板残留（XX、待填写、{…}、【…】），无重复词语，句末有句号"),
  rule("S-13", "文中的占比、增长率可由报表数据算得", "情况说明、表1、表3、表6"),
  rule("S-14", "机构设置列出纳入部门预算的全部单位，每个单位写明单位名称、性质、规格、经费保障形式", "情况说明、说明参数"),
  rule("S-15", "说明中提到的表格均已公开（如“项目支出表”并未公开）"),
  rule("S-16", "比较年度是预算年度的上一年（2025年预算不写“比2025年预算增加”）", "情况说明、全部表"),
  rule("S-17", "同一段中同一事项只有一个金额（不写“住房公积金86.4万元……预算安排84.20万元”）"),
  rule("S-18", "文中的科目名称、类款项层级与报表一致（不用旧科目名称，款项搭配是表中有的）", "情况说明、表2、表3、表5"),
  rule("S-19", "按科目说明的金额与报表中该科目的金额一致（财政拨款支出按一般公共预算支出表）", "情况说明、表3、表5、表7、表8"),
  rule("S-20", "单位预算用“本单位”“单位预算”，不写“本部门”“部门预算”", "情况说明、全部表"),
  rule("S-21", "写了“主要原因是”就要写出原因，不留空"),
  rule("S-22", "无模板的备选写法或填写说明（“增加（减少）”“（增加内容）”）"),
  rule("S-23", "同一段落或列表不重复出现"),
  rule("S-24", "标点正确：无重复标点（“。。”），引号成对"),
  rule("S-25", "单元格（或 .docx、.txt 的一段）超过 20,000 个字符时只检查前 20,000 个字符，并提示其后未核对"),
];
