import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  AvailabilitySettings,
  computeContractClaim,
  evidenceCsv,
  evidenceFileName,
  getSettings,
  importRequestLog,
  putSettings,
  renderClaim,
} from "../../availability/index.js";
import { ConflictError, NotFoundError } from "../../errors/index.js";
import { contractLatency } from "../../latency/index.js";
import { writeAudit } from "../../store/index.js";
import { requireMember } from "../auth/require-member.js";
import { expectedVersion, setVersionTag } from "../concurrency.js";
import { requestCtx } from "../request-ctx.js";
import { docs, parseBody, parseParams, parseQuery, WorkspaceItemParams } from "../validation.js";

const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected a month YYYY-MM");
const AvailabilityQuery = z.object({
  period: Period,
  /** Override the contract's settings for this computation. */
  formula: z.string().min(1).optional(),
  timezone: z.string().min(1).optional(),
});
const ClaimQuery = AvailabilityQuery.extend({
  lang: z.enum(["zh", "en"]).default("en"),
  format: z.enum(["md", "html"]).default("md"),
});
const LogBody = z.object({
  name: z.string().trim().min(1).max(200).default("request-log"),
  format: z.enum(["csv", "jsonl"]).optional(),
  text: z.string().min(1),
  /** Zone for timestamps written without a UTC offset. */
  timezone: z.string().min(1).optional(),
  count_429: z.boolean().default(false),
});
const LogQuery = z.object({
  name: z.string().trim().min(1).max(200).default("request-log"),
  timezone: z.string().min(1).optional(),
  count_429: z.enum(["true", "false"]).optional(),
});
const SettingsBody = AvailabilitySettings.extend({ version: z.number().int().optional() });

const CSV_TYPES = ["text/csv", "application/csv"];
const JSONL_TYPES = ["application/x-ndjson", "application/jsonl", "application/x-jsonlines"];

/**
 * Availability of a contract by the vendor's own formula, the claim letter, the customer's
 * request-log imports and the measurement settings.
 */
export const routes: FastifyPluginAsync = async (app) => {
  const db = app.store.db;
  app.addContentTypeParser([...CSV_TYPES, ...JSONL_TYPES], { parseAs: "string" }, (_req, body, done) =>
    done(null, body),
  );

  async function contractExists(ws: string, id: string) {
    const row = await db
      .selectFrom("contracts")
      .select("id")
      .where("workspace_id", "=", ws)
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) throw new NotFoundError("contract", id);
  }

  app.get(
    "/workspaces/:ws/contracts/:id/availability",
    {
      schema: docs({
        tags: ["availability"],
        summary:
          "measured availability of a month by the vendor's formula: down slots, credit owed, claim window",
        params: WorkspaceItemParams,
        querystring: AvailabilityQuery,
      }),
    },
    async (request) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "viewer");
      const q = parseQuery(AvailabilityQuery, request.query);
      const claim = await computeContractClaim(db, {
        workspaceId: ws,
        contractId: id,
        period: q.period,
        overrides: { formula: q.formula, timezone: q.timezone },
        now: app.now(),
      });
      return { report: claim.report, credit: claim.credit, claim_window: claim.window, letter: claim.letter };
    },
  );

  app.get(
    "/workspaces/:ws/contracts/:id/claim",
    {
      schema: docs({
        tags: ["availability"],
        summary:
          "the service-credit claim letter for a month (Markdown or HTML, zh or en); 409 with the reason when no credit is owed",
        params: WorkspaceItemParams,
        querystring: ClaimQuery,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "viewer");
      const q = parseQuery(ClaimQuery, request.query);
      const claim = await computeContractClaim(db, {
        workspaceId: ws,
        contractId: id,
        period: q.period,
        overrides: { formula: q.formula, timezone: q.timezone },
        now: app.now(),
      });
      if (!claim.letter.offered)
        throw new ConflictError(
          `no claim letter for ${q.period} (${claim.letter.reason}): ${claim.letter.message?.[q.lang] ?? ""}`,
        );
      const text = renderClaim(claim, { lang: q.lang, format: q.format });
      return reply
        .type(q.format === "html" ? "text/html; charset=utf-8" : "text/markdown; charset=utf-8")
        .send(text);
    },
  );

  app.get(
    "/workspaces/:ws/contracts/:id/claim/evidence.csv",
    {
      schema: docs({
        tags: ["availability"],
        summary: "the per-minute evidence of each outage of a month (the claim letter's CSV attachment)",
        params: WorkspaceItemParams,
        querystring: AvailabilityQuery,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "viewer");
      const q = parseQuery(AvailabilityQuery, request.query);
      const claim = await computeContractClaim(db, {
        workspaceId: ws,
        contractId: id,
        period: q.period,
        overrides: { formula: q.formula, timezone: q.timezone },
        now: app.now(),
      });
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${evidenceFileName(q.period)}"`)
        .send(evidenceCsv(claim.evidence));
    },
  );

  app.get(
    "/workspaces/:ws/contracts/:id/latency",
    {
      schema: docs({
        tags: ["availability"],
        summary:
          "the contract's latency commitments judged per region for a month, with the windows and samples that breached them",
        params: WorkspaceItemParams,
        querystring: z.object({ period: Period }),
      }),
    },
    async (request) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      const q = parseQuery(z.object({ period: Period }), request.query);
      return contractLatency({
        ctx: await requestCtx(request, ws),
        input: { contractId: id, period: q.period },
      });
    },
  );

  app.post(
    "/workspaces/:ws/contracts/:id/logs",
    {
      schema: docs({
        tags: ["availability"],
        summary:
          "import the customer's request log (CSV or JSON Lines: timestamp, status, latency); broken lines are counted and reported",
        params: WorkspaceItemParams,
        body: LogBody,
        consumes: ["application/json", ...CSV_TYPES, ...JSONL_TYPES],
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "editor");
      await contractExists(ws, id);
      let input: z.infer<typeof LogBody>;
      if (typeof request.body === "string") {
        const q = parseQuery(LogQuery, request.query);
        const type = String(request.headers["content-type"] ?? "");
        input = LogBody.parse({
          name: q.name,
          text: request.body,
          format: JSONL_TYPES.some((t) => type.startsWith(t)) ? "jsonl" : "csv",
          timezone: q.timezone,
          count_429: q.count_429 === "true",
        });
      } else input = parseBody(LogBody, request.body);
      const result = await importRequestLog(db, {
        workspaceId: ws,
        contractId: id,
        actorId: request.principal?.userId ?? null,
        text: input.text,
        options: {
          name: input.name,
          format: input.format,
          timezone: input.timezone,
          count429: input.count_429,
        },
      });
      if (!result.duplicate) {
        await writeAudit(db, {
          workspaceId: ws,
          actorId: request.principal?.userId ?? null,
          action: "import",
          entity: "request_log",
          entityId: result.import_id,
          details: { contract_id: id, imported: result.imported, broken: result.broken_count },
        });
      }
      return reply.status(result.duplicate ? 200 : 201).send(result);
    },
  );

  app.get(
    "/workspaces/:ws/contracts/:id/availability/settings",
    {
      schema: docs({
        tags: ["availability"],
        summary: "how the contract's availability is measured",
        params: WorkspaceItemParams,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "viewer");
      await contractExists(ws, id);
      const { version, ...settings } = await getSettings(db, ws, id);
      if (version != null) setVersionTag(reply, version);
      return { ...settings, version };
    },
  );

  app.put(
    "/workspaces/:ws/contracts/:id/availability/settings",
    {
      schema: docs({
        tags: ["availability"],
        summary:
          "set the vendor formula, time zone, business calendar, probes and fee (If-Match or version → 409 when stale)",
        params: WorkspaceItemParams,
        body: SettingsBody,
      }),
    },
    async (request, reply) => {
      const { ws, id } = parseParams(WorkspaceItemParams, request.params);
      await requireMember(request, ws, "editor");
      await contractExists(ws, id);
      const { version: bodyVersion, ...settings } = parseBody(SettingsBody, request.body);
      const expected = expectedVersion(request, bodyVersion);
      const current = await getSettings(db, ws, id);
      if (expected != null && current.version != null && expected !== current.version) {
        throw new ConflictError(
          `availability settings changed (version ${current.version}, you sent ${expected})`,
        );
      }
      const version = await putSettings(db, { workspaceId: ws, contractId: id, settings, now: app.now() });
      await writeAudit(db, {
        workspaceId: ws,
        actorId: request.principal?.userId ?? null,
        action: "update",
        entity: "availability_settings",
        entityId: id,
        details: { formula: settings.formula, timezone: settings.timezone },
      });
      setVersionTag(reply, version);
      return { ...settings, version };
    },
  );
};
