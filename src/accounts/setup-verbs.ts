import { z } from "zod";
import { type Ctx, parseInput, type Verb } from "../context/index.js";
import { ConflictError, UnauthorizedError } from "../errors/index.js";
import { writeAudit } from "../store/index.js";
import { createUser, createWorkspace } from "./accounts.js";
import { checkNewPassword } from "./password-policy.js";
import { hashSecret } from "./secrets.js";
import { SETUP_TOKEN_KEY, setupNeeded } from "./setup-token.js";

export const SetupBody = z.object({
  token: z.string().min(1),
  email: z.email(),
  password: z.string().min(1),
  name: z.string().min(1).max(200),
  workspace: z.string().min(1).max(200).optional(),
});

/** Whether the first admin still has to be created. */
export const setupStatus: Verb<Record<string, never>, { needed: boolean }> = async ({ ctx }) => ({
  needed: await setupNeeded(ctx.store),
});

/** 401 unless `token` is the instance's one-time setup token (before the first account exists). */
export async function checkSetupToken(ctx: Pick<Ctx, "db">, token: string): Promise<void> {
  const stored = await ctx.db
    .selectFrom("settings")
    .select("value")
    .where("key", "=", SETUP_TOKEN_KEY)
    .executeTakeFirst();
  if (!stored || stored.value !== hashSecret(token)) throw new UnauthorizedError("setup token is not valid");
}

/**
 * Creates the first (instance) admin and their workspace with the one-time setup token; workspaces
 * seeded before setup (the demo) get the admin too. The token is used up.
 */
export const completeSetup = (async ({ ctx, input }) => {
  const body = parseInput("body", SetupBody, input);
  return ctx.db.transaction().execute(async (trx) => {
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
    // The workspace's creation row is not written: the setup row below is this action's one row.
    const ws = await createWorkspace(trx, {
      name: body.workspace ?? "My workspace",
      adminId: user.id,
      audit: false,
    });
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
}) satisfies Verb<z.input<typeof SetupBody>, unknown>;
