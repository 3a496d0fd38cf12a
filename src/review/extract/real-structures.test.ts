import { describe, expect, it } from "vitest";
import { extractCommitments } from "./index.js";

/**
 * Fixtures written for Termsight that mimic the structures of published cloud SLAs and support
 * policies (numbered clauses, "月度服务可用性" with 5-minute slots, voucher tables, "release of
 * liabilities" lists, AWS-style flattened tables, severity columns named in words). No vendor text.
 */

const ZH_CLOUD_SLA = `为使用星桥云实时音视频服务（以下简称“本服务”），您应当阅读并遵守《星桥云实时音视频服务等级协议》。
1. 术语和定义
1.1 服务月度：服务月度是指您购买本服务的服务期限所包含的各个自然月度。
1.2 服务不可用：以 5 分钟为一个统计周期，某统计周期内通话建立成功率低于 95% 的，视为该统计周期服务不可用。
2. 服务可用性
2.1 服务可用性 =（1 − 服务月度内不可用分钟数 / 服务月度内总分钟数）× 100%。
2.2 星桥云提供的本服务可用性不低于 99.9%，如未达到上述标准（属于免责条款情形的除外），您可以根据本协议第 3 条获得赔偿。
3. 赔偿方案
3.1 赔偿以发放代金券的形式实现，代金券不能折现、不开具发票。赔偿总额不超过相应服务月度的月度服务费。
服务月度的服务可用性 | 赔偿代金券金额
低于 99.9% 但等于或高于 99% | 月度服务费的 10%
低于 99% 但等于或高于 95% | 月度服务费的 25%
低于 95% | 月度服务费的 50%
3.2 您应在未达标服务月度结束后六十（60）个自然日内提出赔偿申请；如双方对可用性数据存在争议，以星桥云后台记录为准。
4. 免责条款
因下列原因导致的服务不可用，不计入服务不可用时间：
（1）星桥云预先通知后进行的系统维护，包括割接、升级和故障演练；
（2）任何星桥云所属设备以外的网络、设备故障或配置调整；
（3）您使用未公开发布的测试版功能；
（4）不可抗力。
5. 其他
星桥云有权根据变化对本协议条款进行修改。`;

const EN_SUPPORT_POLICY = `Sparrowline Support Guidelines
Support is provided to Named Support Contacts through the support portal and by phone.
| Severity Level | First Response Time | Description |
|---|---|---|
| Business-Critical Down | 15 minutes | Critical functionality unavailable |
| Production Down | 1 hour | Important functionality unavailable |
| General Guidance | 24 hours | Questions |
Response times are calculated 24/7 for the Enterprise plan.
Service Credit Percentage
Less than 99.95% but greater than or equal to 99.0%

10%
Less than 99.0%

25%
Sparrowline will apply Service Credits only against future payments; Service Credits do not entitle you to any refund.
Return of Customer Data. For a period of 14 days after termination, Customer Data remains stored. At the end of the 14-day period, Sparrowline shall delete the Customer Data.`;

describe("real-world structures", () => {
  it("a zh cloud SLA: slots, voucher table, calendar days, back-end records, release list", () => {
    const { commitments, signals } = extractCommitments(ZH_CLOUD_SLA);
    expect(commitments.availability).toMatchObject({
      target_percent: 99.9,
      window: "month",
      formula: "slots",
    });
    expect(commitments.credits).toMatchObject({
      tiers: [
        { below_percent: 99.9, credit_percent: 10 },
        { below_percent: 99, credit_percent: 25 },
        { below_percent: 95, credit_percent: 50 },
      ],
      form: "voucher",
      cap_percent: 100,
      claim_deadline_days: 60,
      vendor_records_prevail: true,
    });
    expect(commitments.exclusions.map((e) => e.category).sort()).toEqual([
      "beta_features",
      "customer_config",
      "customer_network",
      "force_majeure",
      "maintenance",
    ]);
    expect(commitments.maintenance?.excluded_from_availability).toBe(true);
    expect(commitments.support).toBeNull();
    const rules = signals.map((s) => s.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        "trap.credit_voucher_only",
        "trap.vendor_records_prevail",
        "trap.unilateral_change",
      ]),
    );
  });

  it("an en support policy: levels named in words, a flattened credit table, data kept then deleted", () => {
    const { commitments, signals } = extractCommitments(EN_SUPPORT_POLICY);
    expect(commitments.support?.tiers.map((t) => [t.severity, t.response_minutes])).toEqual([
      ["Business-Critical Down", 15],
      ["Production Down", 60],
      ["General Guidance", 1440],
    ]);
    expect(commitments.support).toMatchObject({
      channels: ["phone", "ticket"],
      coverage: "24x7",
      dedicated_contact: true,
    });
    expect(commitments.credits?.tiers.map((t) => [t.below_percent, t.credit_percent])).toEqual([
      [99.95, 10],
      [99, 25],
    ]);
    expect(commitments.credits?.form).toBe("service_credit");
    expect(commitments.data_exit).toMatchObject({ retention_days: 14, deletion_days: 14, export_days: null });
    expect(signals.map((s) => s.rule)).toContain("trap.credit_voucher_only");
  });
});
