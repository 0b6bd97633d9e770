import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { TEXT_VERSIONS } from "../../domain/consent.ts";
import { recordSignUp } from "../consents/service.ts";

interface SignUpBody {
  acceptedTerms?: unknown;
  acceptedPrivacyNotice?: unknown;
  recommendations?: unknown;
  marketingMail?: unknown;
}

/**
 * Sign-up needs the terms and the privacy notice in force, each accepted by its version (a form
 * that showed an older text is refused), and records which versions were accepted, with the
 * owner's first answers to the optional consents (unticked is recorded as refused).
 */
export function signUpTerms({ database, clock }: { database: Database; clock: Clock }) {
  return {
    id: "sign-up-terms",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/sign-up/email",
          handler: createAuthMiddleware(async (ctx) => {
            const body = (ctx.body ?? {}) as SignUpBody;
            if (
              body.acceptedTerms !== TEXT_VERSIONS.terms ||
              body.acceptedPrivacyNotice !== TEXT_VERSIONS["privacy-notice"]
            ) {
              throw new APIError("BAD_REQUEST", {
                code: "TERMS_NOT_ACCEPTED",
                message: `Accept the terms of use (version ${TEXT_VERSIONS.terms}) and confirm you have read the privacy notice (version ${TEXT_VERSIONS["privacy-notice"]}) to create an account.`,
              });
            }
            for (const key of ["recommendations", "marketingMail"] as const) {
              if (body[key] !== undefined && typeof body[key] !== "boolean") {
                throw new APIError("BAD_REQUEST", {
                  code: "VALIDATION_ERROR",
                  message: `"${key}" is true or false.`,
                });
              }
            }
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === "/sign-up/email",
          handler: createAuthMiddleware(async (ctx) => {
            const returned = ctx.context.returned as { user?: { id?: unknown } } | undefined;
            const userId = returned?.user?.id;
            if (typeof userId !== "string") return;
            const body = (ctx.body ?? {}) as SignUpBody;
            await recordSignUp(
              database,
              userId,
              { recommendations: body.recommendations === true, marketingMail: body.marketingMail === true },
              clock.now(),
            );
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
