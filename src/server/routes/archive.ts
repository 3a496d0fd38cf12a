import type { Readable } from "node:stream";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { ensureInstanceAdmin, hashSecret, SETUP_TOKEN_KEY } from "../../accounts/index.js";
import { exportArchive, importArchive } from "../../archive/index.js";
import { ConflictError, InputError, UnauthorizedError } from "../../errors/index.js";
import { writeAudit } from "../../store/index.js";
import { requireInstanceAdmin } from "../auth/instance.js";
import { requireMember } from "../auth/require-member.js";
import { type SpooledBody, spoolBody } from "../spool-body.js";
import { docs, parseParams, WorkspaceParams } from "../validation.js";

/** Archives can be large: documents are kept whole. */
const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;

/**
 * GET /export: the whole instance as a zip (docs/export-format.md), for an instance admin.
 * POST /import: restores an archive into an EMPTY instance; before setup there is no user, so the
 * one-time setup token authorises it (`x-setup-token` header).
 */
export const routes: FastifyPluginAsync = async (app) => {
  const db = app.store.db;
  // Archives go to a temporary file, never whole into memory; /import checks the setup token first.
  app.addContentTypeParser(
    ["application/zip", "application/octet-stream"],
    (request: FastifyRequest, payload: Readable) =>
      spoolBody(payload, request.headers["content-length"], MAX_ARCHIVE_BYTES),
  );

  /** onRequest of /import: the caller is checked before a byte of the archive is read. */
  async function requireSetupToken(request: FastifyRequest) {
    const token = request.headers["x-setup-token"];
    if (request.principal) throw new ConflictError("import needs an empty instance, and this one has users");
    if (typeof token !== "string" || token === "")
      throw new UnauthorizedError("send the one-time setup token in the x-setup-token header");
    const stored = await db
      .selectFrom("settings")
      .select("value")
      .where("key", "=", SETUP_TOKEN_KEY)
      .executeTakeFirst();
    if (!stored || stored.value !== hashSecret(token))
      throw new UnauthorizedError("setup token is not valid");
  }

  /** Everything (every workspace, account and setting), for an instance admin. */
  async function exportEverything(request: FastifyRequest, reply: FastifyReply) {
    const principal = await requireInstanceAdmin(request);
    const now = app.now();
    const { bytes, manifest } = await exportArchive(db, { now });
    await writeAudit(db, {
      workspaceId: null,
      actorId: principal.userId,
      action: "export",
      entity: "instance",
      entityId: null,
      details: { counts: manifest.counts },
    });
    const name = `termsight-export-${now.toISOString().slice(0, 19).replace(/[:T]/g, "-")}.zip`;
    return reply
      .type("application/zip")
      .header("content-disposition", `attachment; filename="${name}"`)
      .send(Buffer.from(bytes));
  }

  app.get(
    "/export",
    {
      schema: docs({
        tags: ["export"],
        summary:
          "export everything (zip: manifest.json, one JSONL per table, original documents); instance admin, session login",
      }),
    },
    exportEverything,
  );

  app.get(
    "/workspaces/:ws/export",
    {
      schema: docs({
        tags: ["export"],
        summary: "the same archive as GET /export, reached from a workspace (admin here, and instance admin)",
        params: WorkspaceParams,
      }),
    },
    async (request, reply) => {
      const { ws } = parseParams(WorkspaceParams, request.params);
      await requireMember(request, ws, "admin");
      return exportEverything(request, reply);
    },
  );

  app.post(
    "/import",
    {
      onRequest: requireSetupToken,
      schema: docs({
        tags: ["export"],
        summary:
          "import an export archive into an empty instance (body application/zip; header x-setup-token: the one-time setup token)",
        consumes: ["application/zip"],
        auth: false,
      }),
    },
    async (request, reply) => {
      const body = request.body as SpooledBody | undefined;
      if (!body || typeof body.read !== "function" || body.bytes === 0) {
        await body?.remove?.();
        throw new InputError("body", "send the archive as an application/zip body");
      }
      let result: Awaited<ReturnType<typeof importArchive>>;
      try {
        result = await importArchive(db, new Uint8Array(await body.read()));
      } finally {
        await body.remove();
      }
      await ensureInstanceAdmin(db); // archives made before instance roles have none
      return reply.status(201).send(result);
    },
  );
};
