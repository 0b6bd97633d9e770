import type { Database } from "../db/database.ts";
import type { Auth, Role } from "../features/accounts/auth.ts";
import { createVerifiedUser } from "../features/accounts/users.ts";

export const DEMO_OWNER = {
  email: "demo@owner-portal.local",
  password: "demo-owner-2026",
  name: "Demo Owner",
};

const DEMO_STAFF: { email: string; role: Role; name: string }[] = [
  { email: "agent@owner-portal.local", role: "agent", name: "Demo Agent" },
  { email: "reviewer@owner-portal.local", role: "reviewer", name: "Demo Reviewer" },
  { email: "admin@owner-portal.local", role: "admin", name: "Demo Admin" },
];

/** True when the demo owner exists, i.e. demo data was loaded before. */
export async function hasDemoData(database: Database): Promise<boolean> {
  const row = await database.db
    .selectFrom("user")
    .select("id")
    .where("email", "=", DEMO_OWNER.email)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Loads the demo accounts: one owner and one of each staff role, all with the demo password.
 * Idempotent: accounts that exist are left alone.
 */
export async function loadDemoData(auth: Auth, database: Database): Promise<void> {
  const accounts = [
    { ...DEMO_OWNER, role: "customer" as Role },
    ...DEMO_STAFF.map((s) => ({ ...s, password: DEMO_OWNER.password })),
  ];
  for (const account of accounts) {
    const exists = await database.db
      .selectFrom("user")
      .select("id")
      .where("email", "=", account.email)
      .executeTakeFirst();
    if (!exists) await createVerifiedUser(auth, database, account);
  }
}
