/**
 * npm run bench:clock  (tsx bench/clock.ts)
 * 1. The same 100,000 random `add` calls (0–100 business hours, Mon–Fri 09:00–18:00, UTC) through
 *    Termsight and moment-business-time, printing adds/s of each and the ratio.
 * 2. 1,000,000 ticket timelines of 6 events each (10,000 distinct tickets cycled), twice: through
 *    `replayTimelineRaw` (instants as epoch ms) and through `replayTimeline` (ISO text, the contract),
 *    each with wall time and the process's user CPU time (less sensitive to other load on the machine).
 *    TIMELINE_ROUNDS=N (default 3) repeats both and prints the median.
 * zendesk/biz (the Ruby gem our clock core is shaped after) cannot run here: no Ruby in this toolchain.
 */
process.env.TZ = "UTC"; // moment-business-time works in the process's local time
const { default: moment } = await import("moment");
const plugin: string = "moment-business-time"; // untyped side-effect plugin
await import(plugin);
const { compileCalendar, loadPolicy, parseCalendar, replayTimeline, replayTimelineRaw } = await import(
  "../src/clock/index.js"
);
type TicketEvent = import("../src/clock/index.js").TicketEvent;

const N = 100_000;
const MOMENT_SUBSET = Number(process.env.MOMENT_SUBSET ?? 10_000);
const TIMELINES = 1_000_000;

// deterministic pseudo-random numbers (mulberry32)
let seed = 20250124;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const WEEK = ["09:00-18:00"];
const calendar = compileCalendar(
  parseCalendar(
    { timezone: "UTC", hours: { mon: WEEK, tue: WEEK, wed: WEEK, thu: WEEK, fri: WEEK } },
    "bench",
  ),
);
const mbtHours = {
  0: null,
  1: ["09:00:00", "18:00:00"],
  2: ["09:00:00", "18:00:00"],
  3: ["09:00:00", "18:00:00"],
  4: ["09:00:00", "18:00:00"],
  5: ["09:00:00", "18:00:00"],
  6: null,
};
moment.updateLocale("en", { workinghours: mbtHours, holidays: [] } as never);

const base = Date.UTC(2025, 0, 1);
const froms = new Float64Array(N);
const minutes = new Int32Array(N);
for (let i = 0; i < N; i++) {
  froms[i] = base + Math.floor(random() * 2 * 365 * 1440) * 60_000; // whole minutes in 2025–2026
  minutes[i] = Math.floor(random() * 100 * 60);
}

// --- Termsight (all 100,000 calls) and moment-business-time (a subset of the same calls: it is too
// slow for all of them in a bench run) measured in interleaved rounds, so that load from other
// processes on this shared machine falls on both sides alike.
const dates = Array.from(froms, (f) => new Date(f));
const ours = new Float64Array(N);
let t0 = performance.now();
for (let i = 0; i < N; i++) ours[i] = calendar.add(dates[i], minutes[i]).getTime();
const firstPassMs = performance.now() - t0;
const ROUNDS = 10;
const subset = Math.min(MOMENT_SUBSET, N);
const perRound = Math.ceil(subset / ROUNDS);
const theirs = new Float64Array(subset);
let oursTotal = 0;
let theirMs = 0;
let sink = 0;
for (let r = 0; r < ROUNDS; r++) {
  t0 = performance.now();
  for (let i = 0; i < N; i++) sink += calendar.add(dates[i], minutes[i]).getTime();
  oursTotal += performance.now() - t0;
  t0 = performance.now();
  for (let i = r * perRound; i < Math.min(subset, (r + 1) * perRound); i++) {
    theirs[i] = (
      moment(froms[i]) as unknown as { addWorkingTime(n: number, u: string): { valueOf(): number } }
    )
      .addWorkingTime(minutes[i], "minutes")
      .valueOf();
  }
  theirMs += performance.now() - t0;
}
const oursMs = oursTotal / ROUNDS;
const REPEAT = ROUNDS;
const oursRate = N / (oursMs / 1000);
let mismatches = 0;
for (let i = 0; i < subset; i++) if (theirs[i] !== ours[i]) mismatches++;
const theirRate = subset / (theirMs / 1000);

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(
  `add: ${N.toLocaleString("en-US")} random adds of 0–100 business hours, Mon–Fri 09:00–18:00 (UTC)`,
);
console.log(
  `  termsight             ${fmt(oursRate)} adds/s  (${oursMs.toFixed(1)} ms per 100k, mean of ${REPEAT}; first pass incl. building years ${firstPassMs.toFixed(1)} ms)`,
);
console.log(
  `  moment-business-time  ${fmt(theirRate)} adds/s  (${subset.toLocaleString("en-US")} of the same calls in ${theirMs.toFixed(0)} ms; 100k scaled: ${((theirMs * N) / subset / 1000).toFixed(1)} s)`,
);
console.log(
  `  ratio                 ${(oursRate / theirRate).toFixed(0)}×   (results differing on the subset: ${mismatches})`,
);
console.log("  zendesk/biz: Ruby gem, not runnable in this Node toolchain (no figure)");

// --- timelines
const policy = loadPolicy(
  `calendars:
  business:
    timezone: Asia/Shanghai
    region: CN
    hours: { mon: ["09:00-18:00"], tue: ["09:00-18:00"], wed: ["09:00-18:00"], thu: ["09:00-18:00"], fri: ["09:00-18:00"] }
severities:
  P1:
    first_response: { minutes: 60, calendar: 24x7 }
    next_response: { minutes: 120, calendar: business }
    resolution: { minutes: 480, calendar: business }
  P2:
    first_response: { minutes: 240, calendar: business }
    next_response: { minutes: 480, calendar: business }
    resolution: { business_days: 3, calendar: business }
`,
  "bench-policy.yaml",
);
const iso = (ms: number) => new Date(ms).toISOString();
const DISTINCT = 10_000;
const tickets: TicketEvent[][] = [];
const tBase = Date.UTC(2025, 0, 2);
for (let i = 0; i < DISTINCT; i++) {
  let at = tBase + Math.floor(random() * 600 * 1440) * 60_000;
  const step = () => {
    at += Math.floor(random() * 600 + 1) * 60_000;
    return iso(at);
  };
  tickets.push([
    { type: "created", at: iso(at), severity: random() < 0.5 ? "P1" : "P2" },
    { type: "agent_reply", at: step() },
    { type: "customer_reply", at: step() },
    { type: "status", at: step(), status: "pending" },
    { type: "customer_reply", at: step() },
    { type: "solved", at: step() },
  ]);
}
const now = new Date(Date.UTC(2026, 10, 30));
for (let i = 0; i < DISTINCT; i++) replayTimeline({ policy, events: tickets[i], now }); // build years, warm up
for (let i = 0; i < DISTINCT; i++) replayTimelineRaw({ policy, events: tickets[i], now });

interface Timing {
  wallMs: number;
  cpuMs: number;
  breached: number;
}
function timeRaw(): Timing {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  let breached = 0;
  for (let i = 0; i < TIMELINES; i++) {
    const tl = replayTimelineRaw({ policy, events: tickets[i % DISTINCT], now });
    if (tl.metrics.resolution?.state === "breached") breached++;
  }
  const wallMs = performance.now() - w0;
  return { wallMs, cpuMs: process.cpuUsage(c0).user / 1000, breached };
}
function timeFormatted(): Timing {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  let breached = 0;
  for (let i = 0; i < TIMELINES; i++) {
    const tl = replayTimeline({ policy, events: tickets[i % DISTINCT], now });
    if (tl.metrics.resolution?.state === "breached") breached++;
  }
  const wallMs = performance.now() - w0;
  return { wallMs, cpuMs: process.cpuUsage(c0).user / 1000, breached };
}
const ROUNDS_TL = Math.max(1, Number(process.env.TIMELINE_ROUNDS ?? 3));
const raws: Timing[] = [];
const formatted: Timing[] = [];
for (let r = 0; r < ROUNDS_TL; r++) {
  raws.push(timeRaw());
  formatted.push(timeFormatted());
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const report = (label: string, runs: Timing[]) => {
  const wall = median(runs.map((t) => t.wallMs));
  const cpu = median(runs.map((t) => t.cpuMs));
  console.log(
    `  ${label}  wall ${secs(wall)} (${fmt(TIMELINES / (wall / 1000))} timelines/s)  user CPU ${secs(cpu)}  ` +
      `[runs wall ${runs.map((t) => (t.wallMs / 1000).toFixed(2)).join("/")}, cpu ${runs.map((t) => (t.cpuMs / 1000).toFixed(2)).join("/")}; median of ${runs.length}]`,
  );
};
console.log(
  `\ntimelines: ${TIMELINES.toLocaleString("en-US")} replays of 6 events (${DISTINCT.toLocaleString("en-US")} distinct tickets cycled; P1 24x7 + P2 on a CN business calendar; target < 2 s)`,
);
report("raw (epoch ms)    ", raws);
report("formatted (ISO)   ", formatted);
console.log(
  `  resolution breached in ${formatted[0].breached.toLocaleString("en-US")} (raw: ${raws[0].breached.toLocaleString("en-US")})`,
);
if (sink === 42) console.log("");
