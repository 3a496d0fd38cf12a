const { loadPolicy, replayTimeline } = await import("../src/clock/index.js");
const policy = loadPolicy(`calendars:
  business:
    timezone: Asia/Shanghai
    region: CN
    hours: { mon: ["09:00-18:00"], tue: ["09:00-18:00"], wed: ["09:00-18:00"], thu: ["09:00-18:00"], fri: ["09:00-18:00"] }
severities:
  P2:
    first_response: { minutes: 240, calendar: business }
    next_response: { minutes: 480, calendar: business }
    resolution: { business_days: 3, calendar: business }
`, "p");
const ev = [
 { type: "created", at: "2025-03-03T10:00:00Z", severity: "P2" },
 { type: "agent_reply", at: "2025-03-03T11:00:00Z" },
 { type: "customer_reply", at: "2025-03-03T12:00:00Z" },
 { type: "status", at: "2025-03-03T13:00:00Z", status: "pending" },
 { type: "customer_reply", at: "2025-03-04T12:00:00Z" },
 { type: "solved", at: "2025-03-05T12:00:00Z" }] as never;
const now = new Date(Date.UTC(2026, 10, 30));
for (let r = 0; r < 5; r++) { const t0 = performance.now();
for (let i = 0; i < 20000; i++) replayTimeline({ policy, events: ev, now });
console.log((performance.now() - t0) / 20000 * 1000, "us"); }
const cal = policy.calendars.get("business")!;
const time = (label: string, f: () => void) => { const t0 = performance.now(); for (let i = 0; i < 100000; i++) f(); console.log(label, ((performance.now() - t0) / 100000 * 1000).toFixed(3), "us"); };
const { instantMs, formatInstant } = await import("../src/clock/instant.js");
time("instantMs", () => instantMs("2025-03-03T10:00:00Z"));
time("formatMs", () => cal.formatMs(1741000000000));
time("cumAt", () => cal.cumAt(1741000000000));
time("instantAtCum", () => cal.instantAtCum(cal.cumAt(1741000000000) + 3600000));
time("addBusinessDays", () => cal.addBusinessDays(new Date(1741000000000), 3));
time("nextOpenMs", () => cal.nextOpenMs(1741000000000));
