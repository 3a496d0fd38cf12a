import { Temporal } from "temporal-polyfill";
import { systemCtx } from "../context/index.js";
import { storeReport } from "../report/index.js";
import type { Store } from "../store/index.js";

/**
 * The demo's ready quarterly review: the quarter the demo tickets fall in, for the demo vendor with
 * a contract, stored in Chinese and English so the Reports list and download work at first start.
 */
export async function seedDemoReport(
  store: Store,
  workspaceId: string,
  vendorId: string,
  now: Date,
): Promise<void> {
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO("Asia/Shanghai");
  const period = `${today.year}-Q${Math.floor((today.month - 1) / 3) + 1}`;
  const ctx = systemCtx(store, workspaceId, now);
  for (const lang of ["zh", "en"] as const)
    await storeReport({ ctx, input: { vendor: vendorId, period, lang } });
}
