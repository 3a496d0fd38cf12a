import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonb } from "../../store/index.js";
import { summarizeSla } from "../../tickets/index.js";

type Metrics = Parameters<typeof summarizeSla>[0]["metrics"];

import { buildTestApp, type TestApp } from "../testing.js";

/** The ticket list's `sla.breached_at` and `sla.at_75` instants ("breached 2 h ago", "at risk since"). */
const NOW = new Date("2026-03-02T12:00:00Z");
const ago = (min: number) => new Date(NOW.getTime() - min * 60_000).toISOString();
const metric = (
  state: "running" | "paused" | "met" | "breached",
  opts: { due?: string | null; breached_at?: string | null; at_75?: string | null } = {},
) => ({
  state,
  due: opts.due ?? null,
  breached_at: opts.breached_at ?? null,
  warnings: { at_50: null, at_75: opts.at_75 ?? null, at_100: null },
});

describe("summarizeSla instants", () => {
  it.each<{ name: string; metrics: Metrics; breached_at: string | null; at_75: string | null }>([
    { name: "no metrics", metrics: {}, breached_at: null, at_75: null },
    {
      name: "running, not yet at 75%",
      metrics: { first_response: metric("running", { due: ago(-60), at_75: ago(-30) }) },
      breached_at: null,
      at_75: ago(-30),
    },
    {
      name: "two running: the earliest 75% mark",
      metrics: {
        first_response: metric("running", { due: ago(-20), at_75: ago(5) }),
        resolution: metric("running", { due: ago(-400), at_75: ago(-250) }),
      },
      breached_at: null,
      at_75: ago(5),
    },
    {
      name: "two breached: the first breach",
      metrics: {
        first_response: metric("breached", { breached_at: ago(120) }),
        resolution: metric("breached", { breached_at: ago(30) }),
      },
      breached_at: ago(120),
      at_75: null,
    },
    {
      name: "a running metric whose breach instant has passed counts as breached",
      metrics: { resolution: metric("running", { due: ago(10), breached_at: ago(10), at_75: ago(40) }) },
      breached_at: ago(10),
      at_75: ago(40),
    },
    {
      name: "a projected breach in the future is not a breach",
      metrics: { resolution: metric("running", { due: ago(-10), breached_at: ago(-10), at_75: ago(20) }) },
      breached_at: null,
      at_75: ago(20),
    },
    {
      name: "paused and met metrics have no 75% mark in the summary",
      metrics: { first_response: metric("met"), resolution: metric("paused", { at_75: ago(5) }) },
      breached_at: null,
      at_75: null,
    },
  ])("$name", ({ metrics, breached_at, at_75 }) => {
    const s = summarizeSla({ metrics }, NOW);
    expect({ breached_at: s.breached_at, at_75: s.at_75 }).toEqual({ breached_at, at_75 });
  });

  it("keeps the existing fields", () => {
    const s = summarizeSla(
      { metrics: { first_response: metric("breached", { breached_at: ago(60) }) } },
      NOW,
    );
    expect(s).toMatchObject({
      state: "breached",
      breached: true,
      at_risk: false,
      breached_metrics: ["first_response"],
    });
  });
});

describe("ticket list SLA instants", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ now: () => NOW });
    await t.store.db
      .insertInto("vendors")
      .values({ id: "v-inst", workspace_id: t.ws, name: "V", website: null, notes: null })
      .execute();
    const policy = { severities: { P1: { first_response: { minutes: 60 } } } };
    await t.store.db
      .insertInto("contracts")
      .values({
        id: "c-inst",
        workspace_id: t.ws,
        vendor_id: "v-inst",
        name: "V",
        terms_yaml: `schema: termsight.terms/v1\nsla_policy: ${JSON.stringify(policy)}\n`,
        terms: jsonb({}),
        valid_from: null,
        valid_to: null,
      })
      .execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lists breached_at for a breached ticket and at_75 for one at risk", async () => {
    const create = (external_id: string, opened: number) =>
      t.as(t.users.editor, {
        method: "POST",
        url: `/api/v1/workspaces/${t.ws}/tickets`,
        payload: {
          vendor_id: "v-inst",
          external_id,
          subject: external_id,
          severity: "P1",
          opened_at: ago(opened),
        },
      });
    const late = (await create("late", 180)).json();
    const risky = (await create("risky", 50)).json();
    const list = await t.as(t.users.viewer, { method: "GET", url: `/api/v1/workspaces/${t.ws}/tickets` });
    expect(list.statusCode).toBe(200);
    const byId = new Map(list.json().items.map((x: { id: string; sla: unknown }) => [x.id, x.sla] as const));
    // instants come as the clock writes them (offset of the calendar's zone): compare the instants
    const at = (v: unknown) => (typeof v === "string" ? Date.parse(v) : v);
    const late_ = byId.get(late.id) as Record<string, unknown>;
    const risky_ = byId.get(risky.id) as Record<string, unknown>;
    expect(late_.state).toBe("breached");
    expect(at(late_.breached_at)).toBe(Date.parse(ago(120)));
    expect(risky_.state).toBe("at_risk");
    expect(risky_.breached_at).toBeNull();
    expect(at(risky_.at_75)).toBe(Date.parse(ago(5)));
  });
});
