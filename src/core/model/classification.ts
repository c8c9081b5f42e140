import { normBasic } from "./text";

// Code-name dictionary: 支出功能分类 (类 and the 款/项 that domain-rules.md lists) and 部门预算支出经济分类 (C.2).

export interface FunctionalClass {
  row: number; // 1..31, the row in tables 1 and 4
  code: string; // "" for 人行科目 (no national code)
  name: string;
}

const CN_NUM = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** 1 → 一, 12 → 十二, 20 → 二十, 31 → 三十一. */
export function chineseOrdinal(n: number): string {
  if (n <= 10) return CN_NUM[n];
  if (n < 20) return "十" + CN_NUM[n - 10];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return CN_NUM[tens] + "十" + (ones ? CN_NUM[ones] : "");
}

export const FUNCTIONAL_CLASSES: FunctionalClass[] = [
  ["201", "一般公共服务支出"],
  ["202", "外交支出"],
  ["203", "国防支出"],
  ["204", "公共安全支出"],
  ["205", "教育支出"],
  ["206", "科学技术支出"],
  ["207", "文化旅游体育与传媒支出"],
  ["208", "社会保障和就业支出"],
  ["209", "社会保险基金支出"],
  ["210", "卫生健康支出"],
  ["211", "节能环保支出"],
  ["212", "城乡社区支出"],
  ["213", "农林水支出"],
  ["214", "交通运输支出"],
  ["215", "资源勘探工业信息等支出"],
  ["216", "商业服务业等支出"],
  ["217", "金融支出"],
  ["219", "援助其他地区支出"],
  ["220", "自然资源海洋气象等支出"],
  ["221", "住房保障支出"],
  ["222", "粮油物资储备支出"],
  ["223", "国有资本经营预算支出"],
  ["224", "灾害防治及应急管理支出"],
  ["227", "预备费"],
  ["229", "其他支出"],
  ["230", "转移性支出"],
  ["231", "债务还本支出"],
  ["232", "债务付息支出"],
  ["233", "债务发行费用支出"],
  ["234", "抗疫特别国债安排的支出"],
  ["", "人行科目"],
].map(([code, name], i) => ({ row: i + 1, code, name }));

/** Row label of class i in tables 1 and 4: "八、社会保障和就业支出". */
export function classLabel(c: FunctionalClass): string {
  return `${chineseOrdinal(c.row)}、${c.name}`;
}

/** Key of a class row in the model: its code, or "renhang" for 人行科目. */
export function classKey(c: FunctionalClass): string {
  return c.code || "renhang";
}

/** Names the code dictionary knows: functional 类 (31), 款 and 项 listed in domain-rules.md C.1. */
export const FUNCTIONAL_NAMES: Record<string, string> = {
  ...Object.fromEntries(FUNCTIONAL_CLASSES.filter((c) => c.code).map((c) => [c.code, c.name])),
  "20101": "人大事务",
  "20102": "政协事务",
  "20103": "政府办公厅(室)及相关机构事务",
  "20104": "发展与改革事务",
  "20105": "统计信息事务",
  "20106": "财政事务",
  "20107": "税收事务",
  "20108": "审计事务",
  "20111": "纪检监察事务",
  "20113": "商贸事务",
  "20126": "档案事务",
  "20128": "民主党派及工商联事务",
  "20129": "群众团体事务",
  "20131": "党委办公厅(室)及相关机构事务",
  "20132": "组织事务",
  "20133": "宣传事务",
  "20134": "统战事务",
  "20136": "其他共产党事务支出",
  "20138": "市场监督管理事务",
  "20199": "其他一般公共服务支出",
  "2010301": "行政运行",
  "2010302": "一般行政管理事务",
  "2010303": "机关服务",
  "2010350": "事业运行",
  "2010399": "其他政府办公厅(室)及相关机构事务支出",
  "20805": "行政事业单位养老支出",
  "2080501": "行政单位离退休",
  "2080502": "事业单位离退休",
  "2080505": "机关事业单位基本养老保险缴费支出",
  "2080506": "机关事业单位职业年金缴费支出",
  "2080599": "其他行政事业单位养老支出",
  "21011": "行政事业单位医疗",
  "2101101": "行政单位医疗",
  "2101102": "事业单位医疗",
  "2101103": "公务员医疗补助",
  "2101199": "其他行政事业单位医疗支出",
  "22102": "住房改革支出",
  "2210201": "住房公积金",
  "2210202": "提租补贴",
  "2210203": "购房补贴",
  "21201": "城乡社区管理事务",
  "2120102": "一般行政管理事务",
  "2120199": "其他城乡社区管理事务支出",
};

/** 部门预算支出经济分类 (2018 reform), 类 and 款. Match by code, never by name (309/310 share names). */
export const ECONOMIC_NAMES: Record<string, string> = {
  "301": "工资福利支出",
  "30101": "基本工资",
  "30102": "津贴补贴",
  "30103": "奖金",
  "30106": "伙食补助费",
  "30107": "绩效工资",
  "30108": "机关事业单位基本养老保险缴费",
  "30109": "职业年金缴费",
  "30110": "职工基本医疗保险缴费",
  "30111": "公务员医疗补助缴费",
  "30112": "其他社会保障缴费",
  "30113": "住房公积金",
  "30114": "医疗费",
  "30199": "其他工资福利支出",
  "302": "商品和服务支出",
  "30201": "办公费",
  "30202": "印刷费",
  "30203": "咨询费",
  "30204": "手续费",
  "30205": "水费",
  "30206": "电费",
  "30207": "邮电费",
  "30208": "取暖费",
  "30209": "物业管理费",
  "30211": "差旅费",
  "30212": "因公出国(境)费用",
  "30213": "维修(护)费",
  "30214": "租赁费",
  "30215": "会议费",
  "30216": "培训费",
  "30217": "公务接待费",
  "30218": "专用材料费",
  "30224": "被装购置费",
  "30225": "专用燃料费",
  "30226": "劳务费",
  "30227": "委托业务费",
  "30228": "工会经费",
  "30229": "福利费",
  "30231": "公务用车运行维护费",
  "30239": "其他交通费用",
  "30240": "税金及附加费用",
  "30299": "其他商品和服务支出",
  "303": "对个人和家庭的补助",
  "30301": "离休费",
  "30302": "退休费",
  "30303": "退职(役)费",
  "30304": "抚恤金",
  "30305": "生活补助",
  "30306": "救济费",
  "30307": "医疗费补助",
  "30308": "助学金",
  "30309": "奖励金",
  "30310": "个人农业生产补贴",
  "30399": "其他对个人和家庭的补助",
  "307": "债务利息及费用支出",
  "30701": "国内债务付息",
  "30702": "国外债务付息",
  "30703": "国内债务发行费用",
  "30704": "国外债务发行费用",
  "309": "资本性支出(基本建设)",
  "30901": "房屋建筑物购建",
  "30902": "办公设备购置",
  "30903": "专用设备购置",
  "30905": "基础设施建设",
  "30906": "大型修缮",
  "30907": "信息网络及软件购置更新",
  "30908": "物资储备",
  "30913": "公务用车购置",
  "30919": "其他交通工具购置",
  "30921": "文物和陈列品购置",
  "30922": "无形资产购置",
  "30999": "其他基本建设支出",
  "310": "资本性支出",
  "31001": "房屋建筑物购建",
  "31002": "办公设备购置",
  "31003": "专用设备购置",
  "31005": "基础设施建设",
  "31006": "大型修缮",
  "31007": "信息网络及软件购置更新",
  "31008": "物资储备",
  "31009": "土地补偿",
  "31010": "安置补助",
  "31011": "地上附着物和青苗补偿",
  "31012": "拆迁补偿",
  "31013": "公务用车购置",
  "31019": "其他交通工具购置",
  "31021": "文物和陈列品购置",
  "31022": "无形资产购置",
  "31099": "其他资本性支出",
  "311": "对企业补助(基本建设)",
  "31101": "资本金注入",
  "31199": "其他对企业补助",
  "312": "对企业补助",
  "31201": "资本金注入",
  "31203": "政府投资基金股权投资",
  "31204": "费用补贴",
  "31205": "利息补贴",
  "31299": "其他对企业补助",
  "313": "对社会保障基金补助",
  "31302": "对社会保险基金补助",
  "31303": "补充全国社会保障基金",
  "399": "其他支出",
  "39907": "国家赔偿费用支出",
  "39908": "对民间非营利组织和群众性自治组织补贴",
  "39999": "其他支出",
};

/**
 * Class names before the 2019 revision of the 政府收支分类科目 (domain-rules.md C.1): `until` is the last budget year
 * that used the name. A later year's table that still uses it gets a warning naming the current class.
 */
export const FORMER_CLASS_NAMES: Record<string, { name: string; until: number }[]> = {
  "207": [{ name: "文化体育与传媒支出", until: 2018 }, { name: "文化体育与传媒", until: 2018 }],
  "210": [{ name: "医疗卫生与计划生育支出", until: 2018 }, { name: "医疗卫生与计划生育", until: 2018 }, { name: "医疗卫生支出", until: 2013 }],
  "215": [{ name: "资源勘探信息等支出", until: 2018 }, { name: "资源勘探电力信息等支出", until: 2015 }],
  "220": [{ name: "国土海洋气象等支出", until: 2018 }, { name: "国土海洋气象", until: 2018 }, { name: "国土资源气象等支出", until: 2018 }],
};

/**
 * 部门预算支出经济分类 before the 2018 reform (domain-rules.md C.2): codes whose meaning changed. From 2018 on,
 * 住房公积金 is 30113 (under 301), no longer 30311 under 303; 30104 社会保障缴费 was split into 30108–30112.
 */
export const ECONOMIC_NAMES_BEFORE_2018: Record<string, string> = {
  "30104": "社会保障缴费",
  "30105": "伙食费",
  "30311": "住房公积金",
  "30312": "提租补贴",
  "30313": "购房补贴",
};

/** Other wordings of the same code that published tables use (not errors): code → names. */
export const NAME_ALIASES: Record<"functional" | "economic", Record<string, string[]>> = {
  functional: {},
  economic: {
    "30108": ["机关事业单位基本养老保险费", "机关事业单位基本养老保险缴费支出"],
    "30109": ["职业年金"],
    "30213": ["维修（护）费", "维修费"],
    "30212": ["因公出国（境）费用", "因公出国(境)费"],
  },
};

/** First budget year of the economic classification now in ECONOMIC_NAMES. */
export const ECONOMIC_REFORM_YEAR = 2018;

/** The dictionary name of a code in a budget year (the current dictionary when the year is unknown). */
export function dictionaryName(code: string, economic: boolean, year?: number): string | undefined {
  if (economic) {
    if (year !== undefined && year < ECONOMIC_REFORM_YEAR && ECONOMIC_NAMES_BEFORE_2018[code]) return ECONOMIC_NAMES_BEFORE_2018[code];
    return ECONOMIC_NAMES[code];
  }
  if (year !== undefined) {
    const former = FORMER_CLASS_NAMES[code]?.find((f) => year <= f.until);
    if (former) return former.name;
  }
  return FUNCTIONAL_NAMES[code];
}

/** The class a name stood for in earlier years, when `name` is such a former name and the year is later. */
export function obsoleteClassName(code: string, name: string, year?: number): { name: string; until: number } | undefined {
  const n = normName(name);
  const f = FORMER_CLASS_NAMES[code]?.find((x) => normName(x.name) === n);
  if (!f) return undefined;
  if (year !== undefined && year <= f.until) return undefined;
  return f;
}

/** Names compared for the dictionary check: spaces, brackets style and quotes do not count. */
export function normName(s: string): string {
  return normBasic(s);
}
