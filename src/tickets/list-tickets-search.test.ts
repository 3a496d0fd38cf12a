import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../context/index.js";
import { memberCtx } from "../context/testing.js";
import type { Store } from "../store/index.js";
import { storeBackends } from "../store/testing.js";
import { seedWorkspace } from "./__fixtures__/store-fixture.js";
import { createTicket, listTickets } from "./index.js";

const NOW = new Date("2026-03-02T12:00:00Z");

describe.each(storeBackends())("tickets list ?q= on $name", ({ open }) => {
  let store: Store;
  let ctx: Ctx;
  beforeAll(async () => {
    store = await open();
    const s = await seedWorkspace(store);
    ctx = memberCtx(store, s.workspaceId, s.userId, "editor", NOW);
    const tickets = [
      { external_id: "INC-100", subject: "ASR latency spike" },
      { external_id: "INC-101", subject: "TTS voice missing" },
      { external_id: "50%_OFF", subject: "Billing question" },
    ];
    for (const t of tickets)
      await createTicket({ ctx, input: { ...t, severity: "P3", opened_at: "2026-03-02T10:00:00Z" } });
  });
  afterAll(async () => {
    await store?.close();
  });

  const ids = async (q: string) =>
    (await listTickets({ ctx, input: { q } })).items.map((t) => t.external_id).sort();

  it("matches the subject or the external id, case-insensitively", async () => {
    expect(await ids("asr")).toEqual(["INC-100"]);
    expect(await ids("inc-10")).toEqual(["INC-100", "INC-101"]);
    expect(await ids("zzz")).toEqual([]);
  });

  it("takes % and _ literally", async () => {
    expect(await ids("%")).toEqual(["50%_OFF"]);
    expect(await ids("_")).toEqual(["50%_OFF"]);
  });
});
