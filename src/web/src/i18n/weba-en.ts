/** Workspace settings, overview cards and problem fallbacks (helper area "weba"), spread into `en`. */
export const webaEn = {
  "wsSettings.timezone": "Time zone",
  "wsSettings.timezoneHint":
    "An IANA name such as Asia/Shanghai or Europe/Berlin. Monthly and quarterly reports are made on the 2nd at 06:00 in this zone.",
  "wsSettings.language": "Default language",
  "wsSettings.languageHint":
    "Pages open in this language unless you pick another at the top; alerts are written in it unless the alert settings say otherwise.",
  "wsSettings.lang.zh-CN": "Chinese (简体中文)",
  "wsSettings.lang.en": "English",
  "wsSettings.calendar": "Default business calendar",
  "wsSettings.calendarHint":
    "Business hours for contracts that name no calendar of their own, read in the contract's time zone.",
  "wsSettings.cal.cn_workdays": "Mon–Fri 09:00–18:00 with China's official holidays (in China Standard Time)",
  "wsSettings.cal.weekdays": "Mon–Fri 09:00–18:00, no holidays",
  "wsSettings.cal.always": "Around the clock (7 × 24)",
  "wsSettings.readOnly": "Only administrators change these settings.",
  "problem.input.unknown_zone": "Unknown time zone. Use an IANA name such as Asia/Shanghai.",
  "problem.status.0": "{detail}",
  "problem.status.4xx": "{detail}",
  "problem.status.5xx": "{detail}",
} as const;
