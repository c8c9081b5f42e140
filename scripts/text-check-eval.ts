// Precision and recall of the 情况说明 check (issue 9) on the development texts: the two real Shanghai
// narratives (defects from their README), the seed's text, a Jiangsu-style text and one-defect mutations of
// correct texts. Counts findings at error and warning level; a finding is right when its rule and place match a
// listed defect. Then the time the check takes on long texts, to show it grows linearly with their length.
import { checkNarrativeTextDetailed } from "../src/core/text-check";
import { loadSeed } from "../test/docx/seed";
import { score } from "../test/core/text-check/dev-set";

(async () => {
  const s = await score();
  const precision = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1;
  const recall = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1;
  console.log(`情况说明核对（错误与警告）：命中 ${s.tp}，误报 ${s.fp}，漏报 ${s.fn}`);
  console.log(`precision ${(precision * 100).toFixed(1)}%  recall ${(recall * 100).toFixed(1)}%`);
  for (const f of s.falsePositives) console.log(`  误报 ${f}`);
  for (const m of s.missed) console.log(`  漏报 ${m}`);

  const { wb } = await loadSeed();
  const unit = "基本支出852.58万元，比上年增加266.58万元，增长45.49%，占支出预算的81.78%；“一般公共服务支出（类）”883.02万元";
  console.log("长文本耗时（一段不断句的文字，长度翻四倍）：");
  for (const n of [500, 2000, 8000]) {
    const text = unit.repeat(n);
    const t0 = performance.now();
    checkNarrativeTextDetailed(text, wb);
    console.log(`  ${String(text.length).padStart(8)} 字  ${(performance.now() - t0).toFixed(0)} ms`);
  }
})();
