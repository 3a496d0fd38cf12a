import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extractCommitments } from "./index.js";

/** /work/shared (beside the repository, here and in CI): the seed article and a sample SLA. */
const SHARED = fileURLToPath(new URL("../../../../shared/", import.meta.url));
const SEED = `${SHARED}seed/000_8ef568242e7f50ba.txt`;
const SAMPLE = `${SHARED}tools/fixtures/sample-sla-en.txt`;

describe("binding vs not", () => {
  it.each([
    ["a question", "响应时间承诺是多少？是 7×24 小时都覆盖吗？"],
    ["advice with 比如", "好厂商会写得非常具体，比如 P0 级别故障响应时间不超过 15 分钟，可用性 99.9%。"],
    ["first-person narration", "我见过有些厂商承诺 99.9% 的可用性，赔偿 10%。"],
    ["other vendors", "Many vendors promise 99.9% uptime and respond within 15 minutes."],
    ["marketing", "业界领先的可用性，接通耗时小于 600ms。"],
  ])("%s is not a commitment", (_name, text) => {
    const { commitments } = extractCommitments(text);
    expect(commitments.availability?.target_percent ?? null).toBeNull();
    expect(commitments.support?.tiers ?? []).toEqual([]);
    expect(commitments.credits?.tiers ?? []).toEqual([]);
    expect(commitments.scenario.connect_time_ms).toBeNull();
  });

  it("a vendor sentence beside commentary still counts", () => {
    const text = "说实话，很多厂商只写尽力而为。\n本协议第 2 条：服务商承诺月度服务可用性不低于 99.9%。";
    expect(extractCommitments(text).commitments.availability?.target_percent).toBe(99.9);
  });

  it.each([
    [
      "a list marker (i)",
      "Brightmoor commits to a monthly availability of at least 99.9% where (i) the tenant is in production.",
    ],
    [
      "a link address with '?'",
      "Brightmoor commits to a monthly uptime of at least 99.9% (see [status](https://status.example.com/?tab=sla)).",
    ],
  ])("%s is neither a first person nor a question", (_name, text) => {
    expect(extractCommitments(text).commitments.availability?.target_percent).toBe(99.9);
  });
});

describe.skipIf(!existsSync(SEED))("the seed article (commentary about terms)", () => {
  const { commitments, signals } = extractCommitments(existsSync(SEED) ? readFileSync(SEED, "utf8") : "");
  it("commits to nothing", () => {
    expect(commitments.availability?.target_percent ?? null).toBeNull();
    expect(commitments.credits?.tiers ?? []).toEqual([]);
    expect(
      (commitments.support?.tiers ?? []).filter(
        (t) => t.response_minutes !== null || t.resolution_minutes !== null,
      ),
    ).toEqual([]);
    expect(commitments.rca?.committed ?? false).toBe(false);
    expect(commitments.upgrades).toBeNull();
    expect(commitments.data_exit).toBeNull();
    expect(commitments.scenario.connect_time_ms).toBeNull();
  });
  it("quotes no trap as the vendor's", () => {
    expect(signals).toEqual([]);
  });
});

describe.skipIf(!existsSync(SAMPLE))("the sample English SLA", () => {
  const { commitments, signals } = extractCommitments(existsSync(SAMPLE) ? readFileSync(SAMPLE, "utf8") : "");
  it("reads availability, credits, support, maintenance and data exit", () => {
    expect(commitments.availability?.target_percent).toBe(99.9);
    expect(commitments.credits?.tiers.map((t) => [t.below_percent, t.credit_percent])).toEqual([
      [99.9, 10],
      [99, 25],
      [95, 50],
    ]);
    expect(commitments.credits).toMatchObject({ claim_deadline_days: 30, vendor_records_prevail: true });
    expect(commitments.support?.tiers).toMatchObject([
      { severity: "Severity 1", response_minutes: 15 },
      { severity: "Severity 2", response_minutes: 120 },
      { severity: "Severity 3", response_minutes: null, response_business_days: 1 },
    ]);
    expect(commitments.maintenance?.notice_hours).toBe(72);
    expect(commitments.data_exit?.deletion_days).toBe(30);
  });
  it("flags the vague effort clause and severity reclassification", () => {
    const rules = signals.map((s) => s.rule);
    expect(rules).toContain("vague.commercially_reasonable");
    expect(rules).toContain("trap.severity_reclassification");
  });
});

describe("a dated blog post", () => {
  const sla = [
    "## Example Cloud SLA",
    "",
    "Example Cloud will keep a Monthly Uptime Percentage of at least 99.95%.",
    "",
    "| Monthly Uptime Percentage | Service Credit |",
    "| --- | --- |",
    "| Less than 99.95% but at least 99.0% | 10% |",
    "| Less than 99.0% | 25% |",
    "",
  ].join("\n");
  const post = (fence: string, keys: string[]) => `${fence}\n${keys.join("\n")}\n${fence}\n\n${sla}`;

  it.each([
    ["Jekyll post", post("---", ["date: 2023-01-01", "title: Notes on SLAs", "tags:", "  - sre"])],
    ["Hugo review", post("+++", ['date = "2016-10-25"', 'title = "Cloud SLA"', 'type = "breakdown"'])],
  ])("%s quoting an SLA commits to nothing", (_name, text) => {
    const { commitments } = extractCommitments(text);
    expect(commitments.availability).toBeNull();
    expect(commitments.credits?.tiers ?? []).toEqual([]);
  });

  it("a vendor page with front matter but no post date still counts", () => {
    const text = post("---", ["title: Example Cloud SLA", "layout: page", "ms.date: 03/04/2021"]);
    expect(extractCommitments(text).commitments.availability?.target_percent).toBe(99.95);
  });
});
