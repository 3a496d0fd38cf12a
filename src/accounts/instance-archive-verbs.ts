import { exportArchive, type ImportResult, importArchive } from "../archive/index.js";
import { actorOf, type Verb } from "../context/index.js";
import { writeAudit } from "../store/index.js";
import { requireInstanceAdmin } from "./admin-verbs.js";
import { ensureInstanceAdmin } from "./instance-settings.js";

/** Everything (every workspace, account and setting) as a zip, for an instance admin; audited. */
export const exportInstance: Verb<Record<string, never>, { bytes: Uint8Array; fileName: string }> = async ({
  ctx,
}) => {
  await requireInstanceAdmin(ctx);
  const { bytes, manifest } = await exportArchive(ctx.db, { now: ctx.now });
  await writeAudit(ctx.db, {
    workspaceId: null,
    actorId: actorOf(ctx),
    action: "export",
    entity: "instance",
    entityId: null,
    details: { counts: manifest.counts },
  });
  const fileName = `termsight-export-${ctx.now.toISOString().slice(0, 19).replace(/[:T]/g, "-")}.zip`;
  return { bytes, fileName };
};

/**
 * Restores an archive into an EMPTY instance (the face checked the setup token). The archive
 * brings its own audit log, so this adds no row of its own.
 */
export const importInstance: Verb<{ archive: Uint8Array }, ImportResult> = async ({ ctx, input }) => {
  const result = await importArchive(ctx.db, input.archive);
  await ensureInstanceAdmin(ctx.db); // archives made before instance roles have none
  return result;
};
