import type { Commitments, Item, SupportTier, TopicId } from "../../terms/index.js";
import type { UiLang } from "./labels.js";

/** One line of the commitments table: a topic, a field label and its value (null when the terms are silent). */
export interface CommitmentRow {
  topic: TopicId;
  key: string;
  label: string;
  value: string | null;
}

type L = Record<UiLang, string>;

function minutes(m: number, lang: UiLang): string {
  if (m >= 60 && m % 60 === 0) return lang === "zh" ? `${m / 60} 小时` : `${m / 60} h`;
  return lang === "zh" ? `${m} 分钟` : `${m} min`;
}
function businessDays(d: number, lang: UiLang): string {
  return lang === "zh" ? `${d} 个工作日` : `${d} business day${d === 1 ? "" : "s"}`;
}
const flag = (v: boolean | null | undefined, lang: UiLang) =>
  v == null ? null : v ? (lang === "zh" ? "是" : "yes") : lang === "zh" ? "否" : "no";
const unit = (v: number | null | undefined, u: L, lang: UiLang) => (v == null ? null : `${v} ${u[lang]}`);

function tierText(t: SupportTier, lang: UiLang): string {
  const response =
    t.response_minutes != null
      ? minutes(t.response_minutes, lang)
      : t.response_business_days != null
        ? businessDays(t.response_business_days, lang)
        : "—";
  const resolution =
    t.resolution_minutes != null
      ? minutes(t.resolution_minutes, lang)
      : t.resolution_business_days != null
        ? businessDays(t.resolution_business_days, lang)
        : "—";
  const cover =
    t.coverage === "24x7"
      ? "7×24"
      : t.coverage === "business_hours"
        ? lang === "zh"
          ? "工作时间"
          : "business hours"
        : null;
  const parts =
    lang === "zh"
      ? [`响应 ${response}`, `解决 ${resolution}`, cover]
      : [`response ${response}`, `resolution ${resolution}`, cover];
  const body = parts.filter((p) => p != null).join(lang === "zh" ? "，" : ", ");
  return lang === "zh" ? `${t.severity}：${body}` : `${t.severity}: ${body}`;
}

const itemText = (item: Item | null, lang: UiLang) =>
  item == null ? null : typeof item.value === "boolean" ? flag(item.value, lang) : String(item.value);

const itemLabels: Record<string, L> = {
  peak_capacity: { zh: "高峰期容量保障", en: "Peak capacity" },
  emergency_scaling: { zh: "应急扩容", en: "Emergency scaling" },
  escalation_channel: { zh: "专属故障升级通道", en: "Escalation channel" },
  connect_time_ms: { zh: "接通速度（毫秒）", en: "Connect time (ms)" },
  monitoring_alerts: { zh: "监控告警", en: "Monitoring alerts" },
  proactive_alerts: { zh: "主动预警", en: "Proactive alerts" },
  av_sync: { zh: "音画同步定位", en: "A/V sync diagnosis" },
  weak_network_tools: { zh: "弱网测试工具", en: "Weak-network tools" },
  troubleshooting_guides: { zh: "专项排查指南", en: "Troubleshooting guides" },
  global_nodes: { zh: "全球节点", en: "Global nodes" },
  local_teams: { zh: "本地化团队", en: "Local teams" },
  timezone_coverage: { zh: "时区覆盖", en: "Time-zone coverage" },
  incident_cases: { zh: "过往故障案例", en: "Past incident cases" },
  test_environment: { zh: "测试环境支持", en: "Test-environment support" },
  service_review: { zh: "定期服务回顾", en: "Service review" },
};
const itemLabel = (key: string): L => itemLabels[key] ?? { zh: key, en: key };

const HOURS = { zh: "小时", en: "h" };
const DAYS = { zh: "天", en: "days" };

/** The commitments as rows, per topic, in a fixed order (shared by md, html and compare). */
export function summarizeCommitments(c: Commitments, lang: UiLang): CommitmentRow[] {
  const rows: CommitmentRow[] = [];
  const add = (topic: TopicId, key: string, label: L, value: string | null) =>
    rows.push({ topic, key, label: label[lang], value });
  const s = c.support;
  add(
    "support.tiers",
    "tiers",
    { zh: "分级与时限", en: "Tiers" },
    s?.tiers.length ? s.tiers.map((t) => tierText(t, lang)).join(lang === "zh" ? "；" : "; ") : null,
  );
  add("support.tiers", "coverage", { zh: "整体服务时段", en: "Overall coverage" }, s?.coverage ?? null);
  add(
    "support.channels",
    "channels",
    { zh: "渠道", en: "Channels" },
    s?.channels.length ? s.channels.join(", ") : null,
  );
  add(
    "support.channels",
    "dedicated_contact",
    { zh: "专属联系人", en: "Dedicated contact" },
    flag(s?.dedicated_contact, lang),
  );
  add("support.channels", "escalation", { zh: "升级路径", en: "Escalation path" }, flag(s?.escalation, lang));
  add("rca", "committed", { zh: "承诺 RCA 报告", en: "RCA committed" }, flag(c.rca?.committed, lang));
  add(
    "rca",
    "deadline_hours",
    { zh: "RCA 时限", en: "RCA deadline" },
    unit(c.rca?.deadline_hours, HOURS, lang),
  );
  add(
    "rca",
    "contents",
    { zh: "RCA 内容", en: "RCA contents" },
    c.rca?.contents.length ? c.rca.contents.join(", ") : null,
  );
  const u = c.upgrades;
  add("upgrades", "free", { zh: "免费升级", en: "Free upgrades" }, flag(u?.free, lang));
  add(
    "upgrades",
    "notice_days",
    { zh: "升级通知期", en: "Upgrade notice" },
    unit(u?.notice_days, DAYS, lang),
  );
  add(
    "upgrades",
    "security_patch_days",
    { zh: "安全补丁周期", en: "Security patches" },
    unit(u?.security_patch_days, DAYS, lang),
  );
  add("upgrades", "gray_release", { zh: "灰度发布", en: "Gray release" }, flag(u?.gray_release, lang));
  add("upgrades", "rollback", { zh: "回滚", en: "Rollback" }, flag(u?.rollback, lang));
  const m = c.maintenance;
  add(
    "maintenance",
    "notice_hours",
    { zh: "维护通知期", en: "Maintenance notice" },
    unit(m?.notice_hours, HOURS, lang),
  );
  add("maintenance", "window", { zh: "维护窗口", en: "Maintenance window" }, m?.window ?? null);
  add(
    "maintenance",
    "excluded",
    { zh: "不计入可用性", en: "Excluded from availability" },
    flag(m?.excluded_from_availability, lang),
  );
  add(
    "exclusions",
    "categories",
    { zh: "免责类别", en: "Excluded causes" },
    c.exclusions.length
      ? c.exclusions
          .map((e) => (e.broad ? `${e.category} (${lang === "zh" ? "宽泛" : "broad"})` : e.category))
          .join(", ")
      : null,
  );
  const d = c.data_exit;
  add("data_exit", "export_days", { zh: "导出窗口", en: "Export window" }, unit(d?.export_days, DAYS, lang));
  add(
    "data_exit",
    "deletion_days",
    { zh: "删除期限", en: "Deletion within" },
    unit(d?.deletion_days, DAYS, lang),
  );
  add("data_exit", "retention_days", { zh: "保留期", en: "Retention" }, unit(d?.retention_days, DAYS, lang));
  const a = c.availability;
  add(
    "availability",
    "target_percent",
    { zh: "可用性目标", en: "Target" },
    a?.target_percent != null ? `${a.target_percent}%` : null,
  );
  add("availability", "window", { zh: "统计周期", en: "Window" }, a?.window ?? null);
  add("availability", "formula", { zh: "计算方式", en: "Formula" }, a?.formula ?? null);
  add("availability", "measured_by", { zh: "以谁的数据为准", en: "Measured by" }, a?.measured_by ?? null);
  const cr = c.credits;
  add(
    "credits",
    "tiers",
    { zh: "补偿阶梯", en: "Credit tiers" },
    cr?.tiers.length ? cr.tiers.map((t) => `<${t.below_percent}% → ${t.credit_percent}%`).join(", ") : null,
  );
  add("credits", "form", { zh: "补偿形式", en: "Form" }, cr?.form ?? null);
  add(
    "credits",
    "cap_percent",
    { zh: "补偿上限", en: "Cap" },
    cr?.cap_percent != null ? `${cr.cap_percent}%` : null,
  );
  add(
    "credits",
    "claim_deadline_days",
    { zh: "申请期限", en: "Claim within" },
    unit(cr?.claim_deadline_days, DAYS, lang),
  );
  add(
    "credits",
    "vendor_records_prevail",
    { zh: "以厂商记录为准", en: "Vendor records prevail" },
    flag(cr?.vendor_records_prevail, lang),
  );
  for (const [key, item] of Object.entries(c.scenario))
    add("scenario", key, itemLabel(key), itemText(item, lang));
  for (const [key, item] of Object.entries(c.practice))
    add("practice", key, itemLabel(key), itemText(item, lang));
  return rows;
}
