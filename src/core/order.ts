// The order of names in sorted output: the user's locale order (localeCompare), without ICU where it changes nothing.
// A process's first localeCompare builds ICU's collator, about 12 ms: a tenth of a one-file check, whose comparisons
// are mostly of column letters and rule ids, which code-unit order already sorts the same way.

/**
 * For the end of a string from `from`, made of space, "-", ".", digits and ASCII letters: its letters' cases
 * (1 capitals, 2 small letters, 3 both); -1 for anything else. Among these characters the collators of the root, en and zh locales order as code units do
 * (space < "-" < "." < digits < letters, each run in code order) as long as the letters are of one case.
 */
function plainKind(s: string, from: number): number {
  let kind = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) kind |= 1;
    else if (c >= 97 && c <= 122) kind |= 2;
    else if (!(c >= 48 && c <= 57) && c !== 32 && c !== 45 && c !== 46) return -1;
  }
  return kind;
}

/**
 * a.localeCompare(b), by code units where that is the same answer: when what follows their common beginning is plain
 * text of one case in both ("项目绩效目标表2" against "项目绩效目标表10", "T2-01" against "H-01"). The beginning weighs
 * the same in both, and no collator joins a character to a following ASCII one.
 */
export function textOrder(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  const ka = plainKind(a, i);
  const kb = ka < 0 ? -1 : plainKind(b, i);
  if (kb >= 0 && (ka | kb) !== 3) return a < b ? -1 : 1;
  return a.localeCompare(b);
}
