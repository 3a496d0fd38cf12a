import { requireRole, type Verb } from "../../context/index.js";

/** A vendor status source as the API shows it: its state tells whether its silence means anything. */
export interface StatusSourceView {
  id: string;
  vendor_id: string;
  kind: string;
  url: string;
  component_map: Record<string, string[]>;
  /** pending (never polled) | ok | unreadable (see error: never read as an outage) */
  state: string;
  error: string | null;
  last_polled_at: Date | null;
  created_at: Date;
  /** Component names the source's records mention, so the map can be edited against them. */
  components: string[];
}

/** The workspace's status sources (optionally one vendor's), with the component names seen in their records. */
export const listStatusSources: Verb<{ vendor_id?: string }, StatusSourceView[]> = async ({ ctx, input }) => {
  const ws = requireRole(ctx, "viewer");
  let q = ctx.db
    .selectFrom("status_sources")
    .select([
      "id",
      "vendor_id",
      "kind",
      "url",
      "component_map",
      "state",
      "error",
      "last_polled_at",
      "created_at",
    ])
    .where("workspace_id", "=", ws);
  if (input.vendor_id) q = q.where("vendor_id", "=", input.vendor_id);
  const sources = await q.orderBy("created_at").orderBy("id").execute();
  const records = sources.length
    ? await ctx.db
        .selectFrom("status_records")
        .select(["source_id", "components"])
        .where("workspace_id", "=", ws)
        .where(
          "source_id",
          "in",
          sources.map((s) => s.id),
        )
        .execute()
    : [];
  const seen = new Map<string, Set<string>>();
  for (const r of records) {
    const set = seen.get(r.source_id) ?? new Set<string>();
    for (const c of (r.components as string[] | null) ?? []) set.add(c);
    seen.set(r.source_id, set);
  }
  return sources.map((s) => ({
    ...s,
    component_map: (s.component_map as Record<string, string[]>) ?? {},
    components: [...(seen.get(s.id) ?? [])].sort(),
  }));
};
