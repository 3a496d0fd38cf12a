import type { FindingKind, FindingSeverity, TopicId } from "../../terms/index.js";

export type UiLang = "zh" | "en";

export const topicLabels: Record<TopicId, Record<UiLang, string>> = {
  "support.tiers": { zh: "故障分级与响应时限", en: "Severity tiers and response times" },
  "support.channels": { zh: "支持渠道与升级路径", en: "Support channels and escalation" },
  rca: { zh: "故障分析（RCA）", en: "Root-cause analysis" },
  upgrades: { zh: "版本升级与补丁", en: "Upgrades and patches" },
  maintenance: { zh: "计划维护", en: "Maintenance" },
  vague: { zh: "模糊表述", en: "Vague wording" },
  exclusions: { zh: "免责与责任边界", en: "Exclusions" },
  data_exit: { zh: "终止后的数据", en: "Data after termination" },
  availability: { zh: "可用性", en: "Availability" },
  credits: { zh: "服务补偿", en: "Service credits" },
  scenario: { zh: "场景专项", en: "Scenario items" },
  practice: { zh: "实操建议", en: "Practice" },
};

export const kindLabels: Record<FindingKind, Record<UiLang, string>> = {
  missing: { zh: "缺失", en: "missing" },
  vague: { zh: "模糊", en: "vague" },
  exclusion: { zh: "免责", en: "exclusion" },
  trap: { zh: "陷阱", en: "trap" },
  strength: { zh: "优点", en: "strength" },
};

export const severityLabels: Record<FindingSeverity, Record<UiLang, string>> = {
  high: { zh: "高", en: "high" },
  medium: { zh: "中", en: "medium" },
  low: { zh: "低", en: "low" },
  info: { zh: "信息", en: "info" },
};

const words = {
  review: { zh: "条款审阅", en: "Terms review" },
  scenario: { zh: "场景", en: "Scenario" },
  language: { zh: "文档语言", en: "Document language" },
  overall: { zh: "总分", en: "Overall score" },
  summary: { zh: "概览", en: "Summary" },
  topic: { zh: "话题", en: "Topic" },
  item: { zh: "项目", en: "Item" },
  score: { zh: "得分", en: "Score" },
  strengths: { zh: "优点", en: "Strengths" },
  commitments: { zh: "承诺", en: "Commitments" },
  findings: { zh: "发现", en: "Findings" },
  ask: { zh: "要问厂商", en: "Ask the vendor" },
  clause: { zh: "建议条款", en: "Suggested clause" },
  evidence: { zh: "原文", en: "Evidence" },
  line: { zh: "第 {n} 行", en: "line {n}" },
  noEvidence: { zh: "（条款中没有相关内容）", en: "(the terms say nothing about it)" },
  document: { zh: "文档", en: "Document" },
  none: { zh: "无", en: "none" },
  compare: { zh: "厂商对比", en: "Vendor comparison" },
  winner: { zh: "胜出", en: "Winner" },
  tie: { zh: "平手", en: "tie" },
  memo: { zh: "谈判备忘", en: "Negotiation memo" },
  vendor: { zh: "厂商", en: "Vendor" },
  nothingToAsk: { zh: "没有高/中风险发现。", en: "No high or medium findings." },
} satisfies Record<string, Record<UiLang, string>>;

/** A UI word in a language; `{n}` style placeholders filled from `vars`. */
export function word(
  key: keyof typeof words,
  lang: UiLang,
  vars: Record<string, string | number> = {},
): string {
  return words[key][lang].replace(/\{(\w+)\}/g, (w, k: string) => (k in vars ? String(vars[k]) : w));
}
