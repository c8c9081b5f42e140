// Values the templates see. Amounts are Decimal-backed drops that print with two decimals, so no figure
// ever passes through LiquidJS's floating-point arithmetic; a missing 说明参数 prints 【缺少：键】.
import Decimal from "decimal.js";
import { Drop } from "liquidjs";

export class Money extends Drop {
  readonly 值: number;
  readonly 为零: boolean;
  readonly 文本: string;
  constructor(readonly amount: Decimal) {
    super();
    this.文本 = amount.toFixed(2, Decimal.ROUND_HALF_UP);
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

/** A 说明参数 value that is not there. Printing it records the need (see MissingLog). */
export class Missing extends Drop {
  readonly 缺少 = true;
  readonly 为零 = false;
  constructor(
    readonly key: string,
    private readonly log: MissingLog,
  ) {
    super();
  }
  valueOf(): string {
    this.log.note(this.key);
    return `【缺少：${this.key}】`;
  }
  toString(): string {
    return this.valueOf();
  }
}

export class MissingLog {
  readonly keys = new Set<string>();
  note(key: string): void {
    this.keys.add(key);
  }
}

/** A year-on-year change: prints "增加33.48万元", "减少233.10万元" or "持平". */
export class Change extends Drop {
  readonly 方向: "增加" | "减少" | "持平";
  readonly 金额: Money;
  readonly 为零: boolean;
  constructor(current: Decimal, previous: Decimal) {
    super();
    const d = current.minus(previous).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    this.方向 = d.isZero() ? "持平" : d.gt(0) ? "增加" : "减少";
    this.金额 = new Money(d.abs());
    this.为零 = d.isZero();
  }
  valueOf(): string {
    return this.为零 ? "持平" : `${this.方向}${this.金额.文本}万元`;
  }
  toString(): string {
    return this.valueOf();
  }
}

export type Value = Money | Missing | Change | string;
