import { randomBytes } from "node:crypto";
import type { Database } from "../../db/database.ts";
import type { Auth, Role } from "./auth.ts";
import { assertPasswordStrong, brandNameOf } from "./password-strength.ts";
import { checkPersonName } from "./person-name.ts";
import { findUserIdByEmail } from "./queries.ts";

export { WeakPasswordError } from "./password-strength.ts";
export { InvalidNameError } from "./person-name.ts";

export class UserExistsError extends Error {}

/**
 * Creates a signed-up, verified account without sending mail: for operators (`user create`) and
 * demo data. Passwords are hashed by better-auth's own hasher, so sign-in works as for anyone.
 * A given password and name meet the rules of sign-up: a guessable password throws
 * `WeakPasswordError`, an unsafe name `InvalidNameError`.
 *
 * @example
 * const { password } = await createVerifiedUser(auth, database, { email: "ops@example.com", role: "admin" });
 */
export async function createVerifiedUser(
  auth: Auth,
  database: Database,
  input: { email: string; name?: string; role: Role; password?: string; locale?: "nb" | "en" },
): Promise<{ userId: string; password: string; generated: boolean }> {
  const email = input.email.trim().toLowerCase();
  const name = input.name === undefined ? (email.split("@")[0] ?? email) : checkPersonName(input.name);
  const context = await auth.$context;
  if (input.password !== undefined) {
    assertPasswordStrong(input.password, { email, name, brandName: brandNameOf(context.options.plugins) });
  }
  if (await findUserIdByEmail(database, email))
    throw new UserExistsError(`A user with the email ${email} already exists.`);
  const generated = input.password === undefined;
  const password = input.password ?? randomBytes(12).toString("base64url");
  const hash = await context.password.hash(password);
  const user = await context.internalAdapter.createUser(
    {
      email,
      name,
      emailVerified: true,
      role: input.role,
      locale: input.locale ?? "nb",
    },
    { method: "admin" },
  );
  await context.internalAdapter.linkAccount({
    userId: user.id,
    providerId: "credential",
    accountId: user.id,
    password: hash,
  });
  return { userId: user.id, password, generated };
}
