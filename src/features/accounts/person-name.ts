import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { personNameSchema } from "./schemas.ts";

export class InvalidNameError extends Error {}

/**
 * Returns the name trimmed, or throws {@link InvalidNameError}.
 *
 * @example
 * checkPersonName(" Nora Nordmann "); // "Nora Nordmann"
 */
export function checkPersonName(name: unknown): string {
  const parsed = personNameSchema.safeParse(name);
  if (!parsed.success) {
    throw new InvalidNameError(
      "Write the name with 1 to 100 characters: letters, spaces and the marks . , ' ’ - and &. Digits, other characters and web addresses are not accepted.",
    );
  }
  return parsed.data;
}

/** Checks and trims the name at sign-up and when a person changes it through better-auth. */
export function personName() {
  return {
    id: "person-name",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/sign-up/email" || ctx.path === "/update-user",
          handler: createAuthMiddleware(async (ctx) => {
            const body: unknown = ctx.body;
            if (typeof body !== "object" || body === null || !("name" in body) || body.name === undefined) {
              return; // sign-up without a name is refused by better-auth; an update may leave it
            }
            try {
              return { context: { body: { ...body, name: checkPersonName(body.name) } } };
            } catch (error) {
              if (error instanceof InvalidNameError) {
                throw new APIError("BAD_REQUEST", { code: "NAME_INVALID", message: error.message });
              }
              throw error;
            }
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
