import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { keepAccountOnSignIn } from "../account-deletion/service.ts";

/** Signing in within the grace period keeps an account its owner asked to delete. */
export function keepOnSignIn({ database, clock }: { database: Database; clock: Clock }) {
  return {
    id: "keep-on-sign-in",
    hooks: {
      after: [
        {
          matcher: (ctx) => ctx.path === "/sign-in/email",
          handler: createAuthMiddleware(async (ctx) => {
            const returned = ctx.context.returned as { user?: { id?: unknown } } | undefined;
            const userId = returned?.user?.id;
            if (typeof userId === "string") await keepAccountOnSignIn(database, clock, userId);
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
