import { describe, expect, it } from "vitest";
import { detectLanguage } from "./detect-language.js";

describe("detectLanguage", () => {
  const cases: { name: string; text: string; language: "zh" | "en" | "mixed" }[] = [
    { name: "Chinese", text: "云川承诺本服务每个服务月的服务可用性不低于 99.95%。", language: "zh" },
    {
      name: "Chinese with many Latin product names",
      text: "云川 RTC SDK 支持 Android、iOS 与 Web 平台。P0 故障 15 分钟内响应，由值班工程师持续处理直至恢复，并在 72 小时内提交 RCA 报告。",
      language: "zh",
    },
    {
      name: "Traditional Chinese",
      text: "岫聯通訊承諾每月服務可用性不低於 99.95%，緊急工單於 15 分鐘內回應。",
      language: "zh",
    },
    { name: "English", text: "Kestrel responds to Sev 1 cases within one (1) hour.", language: "en" },
    {
      name: "English naming a Chinese vendor",
      text: "This agreement between the customer and 云川实时音视频 (Yunchuan RTC) covers the availability of the service, the service credits the customer receives, technical support, and what happens to customer data after termination.",
      language: "en",
    },
    {
      name: "bilingual",
      text: "服务可用性不低于 99.95%，按月计算。\nAvailability will be at least 99.95% per month.",
      language: "mixed",
    },
    { name: "no letters", text: "99.95% 15 60", language: "en" },
  ];
  for (const c of cases) it(c.name, () => expect(detectLanguage(c.text)).toBe(c.language));
});
