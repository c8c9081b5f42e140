// Precision and recall of the 情况说明 check (issue 9) on the development texts: the two real Shanghai
// narratives (defects from their README), the seed's text, and one-defect mutations of correct texts.
// Counts findings at error and warning level; a finding is right when its rule and place match a listed defect.
import { score } from "../test/core/text-check/dev-set";

(async () => {
  const s = await score();
  const precision = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1;
  const recall = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1;
  console.log(`情况说明核对（错误与警告）：命中 ${s.tp}，误报 ${s.fp}，漏报 ${s.fn}`);
  console.log(`precision ${(precision * 100).toFixed(1)}%  recall ${(recall * 100).toFixed(1)}%`);
  for (const f of s.falsePositives) console.log(`  误报 ${f}`);
  for (const m of s.missed) console.log(`  漏报 ${m}`);
})();
