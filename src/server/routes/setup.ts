import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  checkNewPassword,
  createUser,
  createWorkspace,
  hashSecret,
  SETUP_TOKEN_KEY,
  setupNeeded,
} from "../../accounts/index.js";
import { ConflictError, UnauthorizedError } from "../../errors/index.js";
import { writeAudit } from "../../store/index.js";
import { docs, parseBody } from "../validation.js";

export const SetupBody = z.object({
  token: z.string().min(1),
  email: z.email(),
  password: z.string().min(1),
  name: z.string().min(1).max(200),
  workspace: z.string().min(1).max(200).optional(),
});

/** GET/POST /setup: the one-time creation of the first admin and workspace. */
export const routes: FastifyPluginAsync = async (app) => {
  app.get(
    "/setup",
    {
      schema: docs({
        tags: ["auth"],
        summary: "whether the first admin still has to be created",
        auth: false,
      }),
    },
    async () => ({
      needed: await setupNeeded(app.store),
    }),
  );

  app.post(
    "/setup",
    {
      schema: docs({
        tags: ["auth"],
        summary: "create the first (instance) admin and workspace with the one-time setup token",
        body: SetupBody,
        auth: false,
      }),
    },
    async (request, reply) => {
      const body = parseBody(SetupBody, request.body);
      const result = await app.store.db.transaction().execute(async (trx) => {
        const stored = await trx
          .selectFrom("settings")
          .select("value")
          .where("key", "=", SETUP_TOKEN_KEY)
          .forUpdate()
          .executeTakeFirst();
        const anyUser = await trx.selectFrom("users").select("id").limit(1).executeTakeFirst();
        if (anyUser) throw new ConflictError("setup is already done; log in instead");
        if (!stored || stored.value !== hashSecret(body.token))
          throw new UnauthorizedError("setup token is not valid");
        checkNewPassword(body.password, [body.email, body.name]);
        const user = await createUser(trx, { ...body, instanceRole: "admin" });
        const ws = await createWorkspace(trx, { name: body.workspace ?? "My workspace", adminId: user.id });
        // Workspaces seeded before setup (the demo) get the admin too.
        const orphans = await trx
          .selectFrom("workspaces")
          .select("id")
          .where("id", "!=", ws.id)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom("memberships")
                  .select("user_id")
                  .whereRef("memberships.workspace_id", "=", "workspaces.id"),
              ),
            ),
          )
          .execute();
        for (const o of orphans) {
          await trx
            .insertInto("memberships")
            .values({ workspace_id: o.id, user_id: user.id, role: "admin" })
            .execute();
        }
        await trx.deleteFrom("settings").where("key", "=", SETUP_TOKEN_KEY).execute();
        await writeAudit(trx, {
          workspaceId: ws.id,
          actorId: user.id,
          action: "setup",
          entity: "user",
          entityId: user.id,
        });
        return { user, workspace: ws };
      });
      return reply.status(201).send(result);
    },
  );
};
