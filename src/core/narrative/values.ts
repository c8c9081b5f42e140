// Values the templates see. Amounts are Decimal-backed drops that print with two decimals, so no figure
// ever passes through LiquidJS's floating-point arithmetic; anything not known prints 【缺少：…】.
import Decimal from "decimal.js";
import { Drop } from "liquidjs";
import type { Loc } from "../model/types";
import { thousands } from "../money";

export class Money extends Drop {
  readonly 值: number;
  readonly 为零: boolean;
  readonly 文本: string;
  /** With thousands separators, as Shanghai documents print amounts ("18,976.76"). */
  readonly 千分位: string;
  constructor(readonly amount: Decimal) {
    super();
    this.文本 = amount.toFixed(2, Decimal.ROUND_HALF_UP);
    this.千分位 = thousands(this.文本);
    this.值 = amount.toNumber();
    this.为零 = amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).isZero();
  }
  valueOf(): string {
    return this.文本;
  }
  toString(): string {
    return this.文本;
  }
}

/** What the text needs and the workbook does not give: where it should come from, for the finding. */
export interface Need {
  /** Shown in the text: 【缺少：{what}】, e.g. 说明参数“上年基本支出”, 收支总表“一般公共预算拨款收入”. */
  what: string;
  /** The finding's message: what is missing and where to supply it. */
  message: string;
  loc?: Loc;
  /** Needs of one cause (a table not read, no 说明参数 sheet) are reported as one finding listing their items. */
  group?: { key: string; item: string; message: (items: string[]) => string };
}

/** A value that is not known. Printing it records the need (see MissingLog); it is never zero nor false. */
export class Missing extends Drop {
  readonly 缺少 = true;
  readonly 为零 = false;
  readonly 文本: string;
  readonly 千分位: string;
  constructor(
    readonly need: Need,
    private readonly log: MissingLog,
  ) {
    super();
    this.文本 = this.千分位 = `【缺少：${need.what}】`;
  }
  /** Templates may ask for a part of a missing value (金额, 方向 …): it is missing too. */
  liquidMethodMissing(): Missing {
    return this;
  }
  valueOf(): string {
    this.log.note(this.need);
    return this.文本;
  }
  toString(): string {
    return this.valueOf();
  }
}

/**
 * 参数["…"]: every 说明参数 with content, by its key (or as the sheet's key matching normalises it); any other key is Missing (【缺少：说明参数“…”】 and an N-01
 * finding), as for the named fields, so a misspelt or absent key never prints as nothing.
 */
export class Params extends Drop {
  // Private, so that a template cannot read it as a parameter; the parameters themselves are own properties.
  readonly #need: (key: string) => string | Missing;
  constructor(values: Record<string, string>, need: (key: string) => string | Missing) {
    super();
    this.#need = need;
    Object.assign(this, values);
  }
  liquidMethodMissing(key: unknown): string | Missing {
    return this.#need(String(key));
  }
}

export class MissingLog {
  readonly needs = new Map<string, Need>();
  note(need: Need): void {
    if (!this.needs.has(need.what)) this.needs.set(need.what, need);
  }
}

/** A year-on-year change: prints "增加33.48万元", "减少233.10万元" or "持平". */
export class Change extends Drop {
  readonly 方向: "增加" | "减少" | "持平";
  readonly 金额: Money;
  readonly 为零: boolean;
  /** The change relative to last year, in % with two decimals ("8.57"); "" when last year was zero. */
  readonly 百分比: string;
  readonly 上年: Money;
  constructor(current: Decimal, previous: Decimal) {
    super();
    const d = current.minus(previous).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    this.方向 = d.isZero() ? "持平" : d.gt(0) ? "增加" : "减少";
    this.金额 = new Money(d.abs());
    this.为零 = d.isZero();
    this.上年 = new Money(previous);
    // From the figures as printed (two decimals), so that a reader recomputing from the text gets the same %.
    const now = current.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    const last = previous.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    this.百分比 = last.isZero() ? "" : now.minus(last).abs().div(last.abs()).mul(100).toFixed(2, Decimal.ROUND_HALF_UP);
  }
  valueOf(): string {
    return this.为零 ? "持平" : `${this.方向}${this.金额.文本}万元`;
  }
  toString(): string {
    return this.valueOf();
  }
}

export type Value = Money | Missing | Change | string;

/** A sentence taken from the department's own text ends with a full stop, as the text check requires. */
export function asSentence(line: string): string {
  const t = line.trim();
  const last = t[t.length - 1];
  if (!t || "。！？…：:".includes(last) || ("”’）)」".includes(last) && "。！？".includes(t[t.length - 2]))) return t;
  // A heading ("（一）总体绩效目标", "1、机制保障") has no comma and stays as it is.
  const hasComma = /[，,；;。！？]/.test(t.slice(0, -1));
  if (!hasComma && t.length <= 40) return t;
  return t.replace(/[，,；;、]+$/, "") + "。";
}
