import type { Readable } from "node:stream";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { checkSetupToken, exportInstance, importInstance } from "../../accounts/index.js";
import { ConflictError, InputError, UnauthorizedError } from "../../errors/index.js";
import { type SpooledBody, spoolBody } from "../spool-body.js";
import { instanceRoute, workspaceRoute } from "../workspace-route.js";

/** Archives can be large: documents are kept whole. */
const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;
const tags = ["export"];

/** onRequest of /import: the caller is checked before a byte of the archive is read. */
async function requireSetupToken(request: FastifyRequest) {
  const token = request.headers["x-setup-token"];
  if (request.principal) throw new ConflictError("import needs an empty instance, and this one has users");
  if (typeof token !== "string" || token === "")
    throw new UnauthorizedError("send the one-time setup token in the x-setup-token header");
  await checkSetupToken(request.server.store, token);
}

/** The spooled archive body, read whole and removed from disk. */
async function readArchiveBody(request: FastifyRequest): Promise<{ archive: Uint8Array }> {
  const body = request.body as SpooledBody | undefined;
  if (!body || typeof body.read !== "function" || body.bytes === 0) {
    await body?.remove?.();
    throw new InputError("body", "send the archive as an application/zip body");
  }
  try {
    return { archive: new Uint8Array(await body.read()) };
  } finally {
    await body.remove();
  }
}

const sendZip = (reply: FastifyReply, file: { bytes: Uint8Array; fileName: string }) =>
  reply
    .type("application/zip")
    .header("content-disposition", `attachment; filename="${file.fileName}"`)
    .send(Buffer.from(file.bytes));

/**
 * GET /export: the whole instance as a zip (docs/export-format.md), for an instance admin.
 * POST /import: restores an archive into an EMPTY instance; before setup there is no user, so the
 * one-time setup token authorises it (`x-setup-token` header).
 */
export const routes: FastifyPluginAsync = async (app) => {
  // Archives go to a temporary file, never whole into memory; /import checks the setup token first.
  app.addContentTypeParser(
    ["application/zip", "application/octet-stream"],
    (request: FastifyRequest, payload: Readable) =>
      spoolBody(payload, request.headers["content-length"], MAX_ARCHIVE_BYTES),
  );
  instanceRoute(
    app,
    {
      method: "GET",
      path: "/export",
      access: "instance-admin",
      tags,
      summary:
        "export everything (zip: manifest.json, one JSONL per table, original documents); instance admin, session login",
      send: sendZip,
    },
    exportInstance,
  );
  workspaceRoute(
    app,
    {
      method: "GET",
      path: "/workspaces/:ws/export",
      role: "admin",
      tags,
      summary: "the same archive as GET /export, reached from a workspace (admin here, and instance admin)",
      send: sendZip,
    },
    exportInstance,
  );
  instanceRoute(
    app,
    {
      method: "POST",
      path: "/import",
      access: "anyone",
      tags,
      summary:
        "import an export archive into an empty instance (body application/zip; header x-setup-token: the one-time setup token)",
      consumes: ["application/zip"],
      options: { onRequest: requireSetupToken },
      input: ({ request }) => readArchiveBody(request),
      status: 201,
    },
    importInstance,
  );
};
