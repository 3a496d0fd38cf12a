import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { InputError } from "../../errors/index.js";
import { newId, type Store } from "../../store/index.js";
import { storeBackends } from "../../store/testing.js";
import { ManualClock } from "../manual-clock.js";
import { parseProbeDefinition } from "../probe-definition.js";
import { runProbe } from "../run-probe.js";
import type { ProbeSample } from "../sample.js";
import { ProbeScheduler } from "../scheduler.js";
import { insertProbe, listSamples, probeFromRow, storeSamples } from "../storage/index.js";
import { type ProbeKind, probeKindNames, registerProbeKind } from "./index.js";

/**
 * Adding a probe kind is its folder plus one registry entry: a throwaway kind, registered here
 * only, goes through definition validation, the scheduler, runProbe and the store (PGlite and
 * PostgreSQL) with no other change. It answers from its config alone (no network).
 */
const echo: ProbeKind<{ url: string; word: string; fail: boolean }> = {
  name: "echo-test",
  configSchema: z.object({
    url: z.string(),
    word: z.string().min(1).default("hi"),
    fail: z.boolean().default(false),
  }),
  async run(config) {
    return config.fail
      ? { ok: false, status: null, error: `echo said no to ${config.word}` }
      : { ok: true, status: 200, error: null };
  },
};

let unregister: () => void = () => {};
beforeAll(() => {
  unregister = registerProbeKind(echo);
});
afterAll(() => unregister());

describe("a probe kind added by one registry entry", () => {
  it("is a valid kind in definitions, with its own config checked field by field", () => {
    expect(probeKindNames()).toContain("echo-test");
    const def = parseProbeDefinition({
      id: "p1",
      kind: "echo-test",
      url: "echo://a",
      config: { word: "yo" },
    });
    expect(def.kind).toBe("echo-test");
    expect(() =>
      parseProbeDefinition({ id: "p2", kind: "echo-test", url: "echo://a", config: { word: "" } }),
    ).toThrow(/config\.word/);
    const unknown = (() => {
      try {
        parseProbeDefinition({ id: "p3", kind: "nope", url: "echo://a" });
        return null;
      } catch (err) {
        return err;
      }
    })();
    expect(unknown).toBeInstanceOf(InputError);
    expect(String((unknown as Error).message)).toContain('"echo-test"');
  });

  it("is scheduled and run like any kind", async () => {
    const clock = new ManualClock(0);
    const samples: ProbeSample[] = [];
    const probes = [
      parseProbeDefinition({ id: "e1", kind: "echo-test", url: "echo://a", interval_s: 10 }),
      parseProbeDefinition({
        id: "e2",
        kind: "echo-test",
        url: "echo://b",
        interval_s: 10,
        config: { fail: true },
      }),
    ];
    const scheduler = new ProbeScheduler({
      clock,
      random: () => 0,
      retryDelayMs: 1000,
      run: (probe, attempt) => runProbe({ ctx: { region: "test" }, input: { probe, attempt } }),
      onSample: (s) => samples.push(s),
    });
    scheduler.setProbes(probes);
    scheduler.start();
    await clock.advance(25_000);
    await scheduler.stop();
    const ok = samples.filter((s) => s.probe_id === "e1");
    expect(ok.length).toBeGreaterThanOrEqual(2);
    expect(ok.every((s) => s.kind === "echo-test" && s.ok && s.status === 200)).toBe(true);
    const failed = samples.filter((s) => s.probe_id === "e2");
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(failed[0]).toMatchObject({ ok: false, error: "echo said no to hi" });
  });
});

describe.each(storeBackends())("a registered probe kind in the store on $name", ({ open }) => {
  let store: Store;
  let ws = "";
  beforeAll(async () => {
    store = await open();
    ws = newId();
    await store.db.insertInto("workspaces").values({ id: ws, name: "w" }).execute();
  });
  afterAll(async () => {
    await store?.close();
  });

  it("stores probes and samples of the new kind; the store refuses a kind the registry does not know", async () => {
    const probe = await insertProbe(store.db, {
      workspaceId: ws,
      vendorId: null,
      createdBy: null,
      probe: { kind: "echo-test", url: "echo://a", config: { word: "yo" } },
      now: new Date(),
    });
    expect(probe).toMatchObject({ kind: "echo-test", config: { word: "yo" } });
    const sample = await runProbe({ ctx: { region: "fra" }, input: { probe } });
    await storeSamples(store.db, {
      workspaceId: ws,
      agentId: null,
      batchId: null,
      receivedAt: new Date(),
      skewFlagged: false,
      samples: [sample],
    });
    const stored = await listSamples(store.db, { workspaceId: ws, probeId: probe.id, limit: 10 });
    expect(stored.items).toHaveLength(1);
    expect(stored.items[0]?.sample).toMatchObject({ kind: "echo-test", ok: true, region: "fra" });
    const row = await store.db
      .selectFrom("probes")
      .selectAll()
      .where("id", "=", probe.id)
      .executeTakeFirstOrThrow();
    expect(probeFromRow(row).kind).toBe("echo-test");
    // the store's own check: probes.kind references the registry's names
    await expect(
      sql`update probes set kind = 'not-registered' where id = ${probe.id}`.execute(store.db),
    ).rejects.toThrow(/probe_kinds|foreign key/);
  });
});
