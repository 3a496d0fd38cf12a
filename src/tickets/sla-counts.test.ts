import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../context/index.js";
import { memberCtx } from "../context/testing.js";
import type { Store } from "../store/index.js";
import { storeBackends } from "../store/testing.js";
import { seedWorkspace } from "./__fixtures__/store-fixture.js";
import { countTicketsBySla, createTicket, listTickets } from "./index.js";

const NOW = new Date("2026-03-02T12:00:00Z");
const minutesBefore = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();

describe.each(storeBackends())("tickets counted by SLA state on $name", ({ open }) => {
  let store: Store;
  let ctx: Ctx;
  let vendorId: string;
  beforeAll(async () => {
    store = await open();
    const s = await seedWorkspace(store);
    vendorId = s.vendorId;
    ctx = memberCtx(store, s.workspaceId, s.userId, "editor", NOW);
    // the vendor's contract: P1 first response within 60 minutes
    const opened = [600, 300, 120, 50, 48, 10];
    for (const [i, m] of opened.entries())
      await createTicket({
        ctx,
        input: {
          external_id: `C-${i}`,
          vendor_id: vendorId,
          severity: "P1",
          subject: "x",
          opened_at: minutesBefore(m),
        },
      });
    // answered in time: its first response is met, not at risk
    await createTicket({
      ctx,
      input: {
        external_id: "C-answered",
        vendor_id: vendorId,
        severity: "P1",
        subject: "x",
        opened_at: minutesBefore(50),
        events: [{ type: "agent_reply", at: minutesBefore(40) }],
      },
    });
    // no vendor, no policy: never breached
    await createTicket({
      ctx,
      input: { external_id: "C-none", severity: "P1", subject: "x", opened_at: minutesBefore(600) },
    });
  });
  afterAll(async () => {
    await store?.close();
  });

  const listed = async (sla: "breached" | "at_risk") => {
    let n = 0;
    let cursor: string | undefined;
    do {
      const page = await listTickets({ ctx, input: { sla, limit: 2, ...(cursor ? { cursor } : {}) } });
      n += page.items.length;
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    return n;
  };

  it("counts per vendor equal the lengths of the breached and at-risk lists", async () => {
    const counts = await countTicketsBySla({ ctx });
    const mine = counts.vendors.find((v) => v.vendor_id === vendorId);
    expect(mine).toBeDefined();
    expect(mine?.breached).toBe(await listed("breached"));
    expect(mine?.at_risk).toBe(await listed("at_risk"));
    expect(counts.vendors.find((v) => v.vendor_id === null)).toBeUndefined();
    expect(counts.as_of).toBe(NOW.toISOString());
  });

  it("counts what the clock says: opened 600/300/120 min ago breached, 50/48 min ago at risk", async () => {
    const mine = (await countTicketsBySla({ ctx })).vendors.find((v) => v.vendor_id === vendorId);
    expect(mine).toEqual({ vendor_id: vendorId, breached: 3, at_risk: 2 });
  });
});
