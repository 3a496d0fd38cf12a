import type { TopicId } from "../api/types";
import type { UiLang } from "./i18n";

const LABELS: Record<TopicId, [en: string, zh: string]> = {
  "support.tiers": ["Support tiers", "支持分级"],
  "support.channels": ["Support channels", "支持渠道"],
  rca: ["Root-cause reports", "故障复盘（RCA）"],
  upgrades: ["Upgrades", "升级"],
  maintenance: ["Maintenance", "维护"],
  vague: ["Vague wording", "含糊措辞"],
  exclusions: ["Exclusions", "免责条款"],
  data_exit: ["Data exit", "数据退出"],
  availability: ["Availability", "可用性"],
  credits: ["Service credits", "服务赔付"],
  scenario: ["Scenario needs", "场景要求"],
  practice: ["Practice", "服务实践"],
};

export function topicLabel(topic: string, lang: UiLang): string {
  const pair = LABELS[topic as TopicId];
  return pair ? pair[lang === "zh" ? 1 : 0] : topic;
}
