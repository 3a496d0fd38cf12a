import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { selectHtmlFragment } from "./extract-text.js";
import { dumpWatchFile, loadWatchFile, parseWatchDeclaration } from "./watch-declaration.js";
import { jitterMs, nextDueAt } from "./watch-schedule.js";

const yaml = `schema: termsight.watch/v1
watches:
  - vendor_id: v1
    name: acme-sla
    url: https://acme.example/sla
    extract:
      keep: ["main article"]
      remove: [".cookie"]
  - vendor_id: v1
    name: acme-sla-pdf
    url: https://acme.example/sla.pdf
    extract: { whole: pdf }
    schedule: { every_hours: 24, jitter_minutes: 0 }
`;

describe("watch declarations", () => {
  it("reads YAML with defaults and writes it back unchanged in meaning", () => {
    const file = loadWatchFile(yaml);
    expect(file.watches[0]).toMatchObject({
      schedule: { every_hours: 12, jitter_minutes: 60 },
      contract_id: null,
      extract: { keep: ["main article"], remove: [".cookie"] },
    });
    expect(file.watches[1].extract).toEqual({ whole: "pdf" });
    expect(loadWatchFile(dumpWatchFile(file.watches))).toEqual(file);
  });

  it.each([
    ["bad url", yaml.replace("https://acme.example/sla\n", "ftp://acme.example/sla\n"), /watches\.0\.url/, 5],
    [
      "unknown field",
      yaml.replace("    name: acme-sla\n", "    name: acme-sla\n    colour: red\n"),
      /watches\.0/,
      null,
    ],
    ["no keep selector", yaml.replace('keep: ["main article"]', "keep: []"), /watches\.0\.extract/, null],
    ["not yaml", "watches: [", /watch\.yaml/, null],
  ])("refuses %s naming where", (_name, text, source, line) => {
    let err: unknown;
    try {
      loadWatchFile(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(source);
    if (line !== null) expect((err as InputError).line).toBe(line);
  });

  it("jitters each watch by a stable offset within the window", () => {
    const d = parseWatchDeclaration({
      vendor_id: "v",
      name: "n",
      url: "https://x.example",
      extract: { whole: "html" },
    });
    const j = jitterMs("w1", 60);
    expect(j).toBe(jitterMs("w1", 60));
    expect(j).toBeGreaterThanOrEqual(0);
    expect(j).toBeLessThan(3_600_000);
    expect(new Set(["a", "b", "c", "d", "e"].map((id) => jitterMs(id, 60))).size).toBeGreaterThan(1);
    const from = new Date("2026-03-02T00:00:00Z");
    expect(nextDueAt("w1", d.schedule, from).getTime()).toBe(from.getTime() + 12 * 3_600_000 + j);
  });
});

describe("html selection", () => {
  const page =
    '<html><body><nav>menu</nav><main><article class="sla"><div class="cookie">cookies</div><p>Availability 99.9%</p></article></main></body></html>';
  it("keeps the selected element minus removed ones", () => {
    const out = selectHtmlFragment(page, ["article.sla"], [".cookie"]);
    expect(out).toEqual({ html: '<article class="sla"><p>Availability 99.9%</p></article>\n' });
  });
  it("names a selector that matches nothing or is not css", () => {
    expect(selectHtmlFragment(page, ["#terms"], [])).toEqual({
      reason: 'keep selector "#terms" matched nothing',
    });
    expect(selectHtmlFragment(page, ["main >> p"], [])).toMatchObject({
      reason: expect.stringMatching(/not valid css/),
    });
  });
});
