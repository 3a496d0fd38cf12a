import type { webaEn } from "./weba-en";

/** 工作区设置、总览卡片与错误兜底文案（区域 "weba"），展开进 `zh`。 */
export const webaZh: Record<keyof typeof webaEn, string> = {
  "wsSettings.timezone": "时区",
  "wsSettings.timezoneHint":
    "时区名称可从输入框的建议列表中选择。月度和季度报告在此时区每月 2 日 06:00 生成。",
  "wsSettings.language": "默认语言",
  "wsSettings.languageHint":
    "页面默认以此语言显示（可在顶部另选）；告警也以此语言发送，除非告警设置另有指定。",
  "wsSettings.lang.zh-CN": "简体中文",
  "wsSettings.lang.en": "英语",
  "wsSettings.calendar": "默认工作日历",
  "wsSettings.calendarHint": "合同未指定日历时使用的工作时间，按合同的时区计算。",
  "wsSettings.cal.cn_workdays": "周一至周五 09:00–18:00，按中国法定节假日与调休（北京时间）",
  "wsSettings.cal.weekdays": "周一至周五 09:00–18:00，不含节假日",
  "wsSettings.cal.always": "全天候（7 × 24）",
  "wsSettings.readOnly": "仅管理员可修改这些设置。",
  "problem.input.unknown_zone": "未知的时区，请从输入框的建议列表中选择。",
  "problem.status.0": "无法连接服务器，请检查网络后重试。",
  "problem.status.4xx": "请求未被接受，请检查输入后重试。",
  "problem.status.5xx": "服务器出错，请稍后重试。",
};
