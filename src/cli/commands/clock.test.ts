import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIo } from "../io.js";
import { main } from "../main.js";

const dir = mkdtempSync(join(tmpdir(), "termsight-clock-"));
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
write(
  "cn.yaml",
  `timezone: Asia/Shanghai
region: CN
hours:
  mon: ["09:00-18:00"]
  tue: ["09:00-18:00"]
  wed: ["09:00-18:00"]
  thu: ["09:00-18:00"]
  fri: ["09:00-18:00"]
`,
);
write(
  "alias-bomb.yaml",
  [
    'timezone: UTC\nhours:\n  mon: ["09:00-18:00"]',
    "b0: &b0 [x, x, x, x, x, x, x, x, x, x]",
    ...Array.from({ length: 11 }, (_, i) => `b${i + 1}: &b${i + 1} [${Array(10).fill(`*b${i}`).join(", ")}]`),
  ].join("\n"),
);
write("deep-events.json", `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
write("bad.yaml", 'timezone: UTC\nhours:\n  sun: ["22:00-26:00"]\n');
write(
  "policy.yaml",
  `calendars:
  business:
    timezone: Asia/Shanghai
    region: CN
    hours: { mon: ["09:00-18:00"], tue: ["09:00-18:00"], wed: ["09:00-18:00"], thu: ["09:00-18:00"], fri: ["09:00-18:00"] }
severities:
  P2:
    first_response: { minutes: 240, calendar: business }
    resolution: { business_days: 2, calendar: business }
`,
);
write(
  "events.json",
  JSON.stringify([
    { type: "created", at: "2025-01-24T18:30:00+08:00", severity: "P2" },
    { type: "agent_reply", at: "2025-01-26T12:00:00+08:00" },
  ]),
);
write(
  "bad-events.json",
  JSON.stringify([{ type: "created", at: "2025-01-24T18:30:00+08:00", severity: "P7" }]),
);

async function cli(...args: string[]) {
  const io = memoryIo("", dir);
  const code = await main(["clock", ...args], io);
  return { code, out: io.out, err: io.err };
}

describe("termsight clock", () => {
  it("add prints the instant in the calendar's offset (Spring Festival make-up Sunday)", async () => {
    const r = await cli(
      "add",
      "--calendar",
      "cn.yaml",
      "--from",
      "2025-01-24T18:30:00+08:00",
      "--minutes",
      "240",
    );
    expect(r).toMatchObject({ code: 0, out: "2025-01-26T13:00:00+08:00\n" });
  });
  it("add --days counts business days", async () => {
    const r = await cli("add", "--calendar", "cn.yaml", "--from", "2025-01-24T10:00:00+08:00", "--days", "1");
    expect(r.out).toBe("2025-01-26T18:00:00+08:00\n");
  });
  it("between prints minutes", async () => {
    const r = await cli(
      "between",
      "--calendar",
      "cn.yaml",
      "--from",
      "2025-01-24T09:00:00+08:00",
      "--to",
      "2025-01-27T09:00:00+08:00",
    );
    expect(r).toMatchObject({ code: 0, out: "1080\n" });
  });
  it("timeline prints JSON and a table", async () => {
    const json = await cli(
      "timeline",
      "--policy",
      "policy.yaml",
      "--events",
      "events.json",
      "--now",
      "2025-01-27T10:00:00+08:00",
    );
    expect(json.code).toBe(0);
    const tl = JSON.parse(json.out);
    expect(tl.metrics.first_response).toMatchObject({ state: "met", due: "2025-01-26T13:00:00+08:00" });
    const table = await cli(
      "timeline",
      "--policy",
      "policy.yaml",
      "--events",
      "events.json",
      "--now",
      "2025-01-27T10:00:00+08:00",
      "--format",
      "table",
    );
    expect(table.out).toContain("first_response");
  });
  const bad: [string, string[]][] = [
    [
      "region CN in 2031",
      ["add", "--calendar", "cn.yaml", "--from", "2031-03-03T10:00:00+08:00", "--minutes", "60"],
    ],
    [
      "a malformed interval",
      ["add", "--calendar", "bad.yaml", "--from", "2025-01-24T10:00:00Z", "--minutes", "60"],
    ],
    [
      "from after to",
      [
        "between",
        "--calendar",
        "cn.yaml",
        "--from",
        "2025-01-27T09:00:00+08:00",
        "--to",
        "2025-01-24T09:00:00+08:00",
      ],
    ],
    [
      "negative minutes",
      ["add", "--calendar", "cn.yaml", "--from", "2025-01-24T10:00:00+08:00", "--minutes", "-5"],
    ],
    [
      "an impossible date",
      ["add", "--calendar", "cn.yaml", "--from", "2025-02-30T10:00:00+08:00", "--minutes", "5"],
    ],
    [
      "a missing file",
      ["add", "--calendar", "nope.yaml", "--from", "2025-01-24T10:00:00+08:00", "--minutes", "5"],
    ],
    [
      "a calendar that is a YAML alias bomb",
      ["add", "--calendar", "alias-bomb.yaml", "--from", "2025-01-24T10:00:00+08:00", "--minutes", "5"],
    ],
    [
      "events nested 100,000 levels deep",
      ["timeline", "--policy", "policy.yaml", "--events", "deep-events.json"],
    ],
    [
      "an unknown severity",
      [
        "timeline",
        "--policy",
        "policy.yaml",
        "--events",
        "bad-events.json",
        "--now",
        "2025-01-27T10:00:00+08:00",
      ],
    ],
  ];
  it.each(bad)("%s → exit 2 with one line on stderr", async (_name, args) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });
  it("names the missing year", async () => {
    const r = await cli(
      "add",
      "--calendar",
      "cn.yaml",
      "--from",
      "2031-03-03T10:00:00+08:00",
      "--minutes",
      "60",
    );
    expect(r.err).toContain("2031");
  });
});

describe("termsight clock --ics", () => {
  it("closes the all-day events of an iCalendar file", async () => {
    write(
      "h.ics",
      [
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "DTSTART;VALUE=DATE:20260302",
        "RRULE:FREQ=YEARLY",
        "END:VEVENT",
        "END:VCALENDAR",
      ].join("\r\n"),
    );
    write("utc.yaml", 'timezone: UTC\nhours:\n  mon: ["09:00-18:00"]\n  tue: ["09:00-18:00"]\n');
    const r = await cli(
      "add",
      "--calendar",
      "utc.yaml",
      "--from",
      "2027-03-01T17:00:00Z",
      "--minutes",
      "120",
      "--ics",
      "h.ics",
    );
    expect(r).toMatchObject({ code: 0, out: "2027-03-08T10:00:00+00:00\n" });
  });
});
