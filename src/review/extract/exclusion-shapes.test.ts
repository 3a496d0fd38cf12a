import { describe, expect, it } from "vitest";
import { extractCommitments } from "./index.js";

/**
 * Exclusion shapes met in published terms: hard-wrapped definitions, inline "(i) …; (ii) …" lists,
 * tab-separated list rows, clauses that cross "or", links inside list items, and wording that only
 * looks like an exclusion ("non-exclusive", "sole and exclusive remedy"). Vendor names and
 * sentences are invented; only the shapes follow the real documents.
 */
const categoriesOf = (text: string) =>
  (extractCommitments(text).commitments.exclusions ?? []).map((e) => e.category).sort();

describe("exclusion shapes", () => {
  it("reads a hard-wrapped downtime definition: scheduled downtime, the customer's changes, capacity exceeded", () => {
    const text = [
      "### Downtime",
      "",
      "Any period when users of Brightmoor cannot sign in to their tenant. Downtime does not include Scheduled Downtime, the",
      "loss of optional add-ons, the inability to reach the",
      "service due to your modifications of the service, or periods where the",
      "tenant capacity is exceeded.",
    ].join("\n");
    expect(categoriesOf(text)).toEqual(["customer_config", "maintenance", "misuse"]);
  });

  it("reads the same definition in Chinese: 停机时间不包括 …", () => {
    const text =
      "停机时间不包括计划停机时间、附加功能不可用、由于您对服务的修改而无法访问服务或超出租户容量的时间段。";
    expect(categoriesOf(text)).toEqual(["customer_config", "maintenance", "misuse"]);
  });

  it("does not read non-exclusive licences or an exclusive remedy as exclusions", () => {
    const text = [
      "Brightmoor grants the Customer a non-exclusive, non-transferable licence to use the software.",
      "Service credits and the termination right are the Customer's sole and exclusive remedy for any failure of the service.",
    ].join("\n");
    expect(categoriesOf(text)).toEqual([]);
  });

  it("stops an exclusion paragraph at its full stop: the next sentence is not a carve-out", () => {
    const text =
      "Outages shorter than two minutes will not be counted as downtime. Downtime runs from the start of the fault to recovery, including periods of maintenance.";
    expect(categoriesOf(text)).toEqual([]);
  });

  it("reads an inline list continued after a semicolon", () => {
    const text =
      "Brightmoor will not be responsible for support where (i) someone other than Brightmoor alters the software; (ii) the customer changes its operating system in a way that harms the software.";
    expect(categoriesOf(text)).toContain("customer_config");
  });

  it("does not read the vendor's warranty remedy (terminate and refund) as a suspension carve-out", () => {
    const text =
      "This warranty does not apply where the customer modifies the software. Brightmoor may, at its option, (a) repair the software; (b) replace it; or (c) terminate this agreement for the defective software and refund the unused fees.";
    expect(categoriesOf(text)).not.toContain("suspension");
  });

  it("reads a network named with equipment across 'or', and requests that never reach the service", () => {
    expect(
      categoriesOf(
        "## 5. Exclusions\n\n5.1 any fault of any network or equipment that is not a Brightmoor facility.",
      ),
    ).toContain("customer_network");
    expect(categoriesOf("This excludes:\n- requests that do not reach the Brightmoor API")).toEqual([
      "customer_network",
    ]);
  });

  it("reads quotas, unauthorised use, minimum requirements and support windows", () => {
    expect(
      categoriesOf("The uptime calculation excludes transactions for accounts over their allotted quotas."),
    ).toEqual(["misuse"]);
    expect(
      categoriesOf(
        "Outage excludes unavailability caused by use of the service in a manner not authorized in the agreement.",
      ),
    ).toEqual(["misuse"]);
    expect(categoriesOf("本有限保证不涵盖因不能满足最低系统要求而导致的问题。")).toEqual(["sdk_compat"]);
    expect(categoriesOf("本协议不适用于：\n1. 由于客户使用的功能超出了相应支持时段而导致的问题；")).toEqual([
      "sdk_compat",
    ]);
  });

  it("reads the words of a list item, not its link target", () => {
    const text = "This excludes:\n- [Planned maintenance](/docs/software-upgrade-policy#windows)";
    expect(categoriesOf(text)).toEqual(["maintenance"]);
  });

  it("reads a carve-out beside a link whose address holds a question mark", () => {
    const text =
      "來源於客戶網路的問題超出支援界限，請聯絡 [網路小組](https://help.example.com/contact?id=7)。\n技術支援不包括疑難排解協力廠商服務。";
    expect(categoriesOf(text)).toEqual(["customer_network", "third_party"]);
  });

  it("does not read malware in an example of an operator fault as misuse", () => {
    const text =
      "以下情况不予赔偿：\n（8）因基础运营商原因、网络安全事故（如病毒、木马或其他恶意程序）等引起的。";
    expect(categoriesOf(text)).not.toContain("misuse");
  });
  it("reads bullets under sub-headings of an exclusions section (heading levels from the block model)", () => {
    const text = [
      "## 4. Exclusions",
      "",
      "Brightmoor owes no service credit in the cases below.",
      "",
      "### 4.1 On the customer's side",
      "",
      "- Faults of the customer's own network",
      "",
      "- Changes the customer makes to its own configuration",
      "",
      "### 4.2 Outside Brightmoor's control",
      "",
      "- Natural disasters, war and other force majeure events",
      "",
      "## 5. Support",
      "",
      "- Scheduled maintenance windows are announced by email.",
    ].join("\n");
    const exclusions = extractCommitments(text).commitments.exclusions ?? [];
    expect(exclusions.map((e) => e.category).sort()).toEqual([
      "customer_config",
      "customer_network",
      "force_majeure",
    ]);
    // the Support section's maintenance bullet sits under another heading: not a carve-out
    expect(exclusions.flatMap((e) => e.evidence.map((s) => s.line))).not.toContain(17);
  });

  it("reads （一）-numbered causes under a 一、 heading of exclusions", () => {
    const text = [
      "一、免责条款",
      "",
      "（一）客户自身网络故障",
      "",
      "（二）不可抗力",
      "",
      "二、服务支持",
      "",
      "（一）计划内维护将提前通知。",
    ].join("\n");
    const exclusions = extractCommitments(text).commitments.exclusions ?? [];
    expect(exclusions.map((e) => e.category).sort()).toEqual(["customer_network", "force_majeure"]);
  });
  it("reads every item of a list an exclusion sentence introduces, across blank lines and wrapped items", () => {
    const text = [
      "The events below are not counted as downtime.",
      "",
      "- faults of the customer's own network",
      "  or of its internet access provider",
      "",
      "",
      "- natural disasters, war or other force majeure events",
      "",
      "",
      "- beta features offered as previews",
      "",
      "Support",
      "",
      "- Beta features are answered by email.",
    ].join("\n");
    const exclusions = extractCommitments(text).commitments.exclusions ?? [];
    expect(exclusions.map((e) => e.category).sort()).toEqual([
      "beta_features",
      "customer_network",
      "force_majeure",
    ]);
    expect(exclusions.flatMap((e) => e.evidence.map((s) => s.line))).not.toContain(14);
  });

  it("reads a short numbered item right after a lead ending in a colon as an item, not a heading", () => {
    const text = [
      "Service credits do not apply to unavailability caused by:",
      "",
      "1. faults of the customer's own network",
      "   or of its internet access provider;",
      "",
      "2. beta features offered as previews.",
    ].join("\n");
    expect(categoriesOf(text)).toEqual(["beta_features", "customer_network"]);
  });
});
