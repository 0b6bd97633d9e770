import type { Kysely } from "kysely";
import { type Tables, toBool } from "../../db/tables.ts";
import { phoneKey } from "../../domain/customer-search.ts";
import type { Profile, ProfilePatch } from "./schemas.ts";

export async function findProfile(db: Kysely<Tables>, userId: string): Promise<Profile | null> {
  const row = await db
    .selectFrom("user")
    .leftJoin("profile", "profile.user_id", "user.id")
    .select([
      "user.name",
      "user.email",
      "user.emailVerified",
      "user.role",
      "user.locale",
      "profile.phone",
      "profile.address_line",
      "profile.postal_code",
      "profile.city",
      "profile.country",
    ])
    .where("user.id", "=", userId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    name: row.name,
    email: row.email,
    emailVerified: toBool(row.emailVerified),
    phone: row.phone ?? null,
    addressLine: row.address_line ?? null,
    postalCode: row.postal_code ?? null,
    city: row.city ?? null,
    country: (row.country ?? "NO") as Profile["country"],
    locale: row.locale === "en" ? "en" : "nb",
    role: row.role as Profile["role"],
  };
}

/** Writes the user's own columns and the profile row, changed `at`; call inside a transaction. */
export async function updateProfile(
  db: Kysely<Tables>,
  userId: string,
  patch: ProfilePatch,
  at: Date,
): Promise<void> {
  const now = at.toISOString();
  const userPatch: { name?: string; locale?: string; updatedAt: string } = { updatedAt: now };
  if (patch.name !== undefined) userPatch.name = patch.name;
  if (patch.locale !== undefined) userPatch.locale = patch.locale;
  await db.updateTable("user").set(userPatch).where("id", "=", userId).execute();

  const profilePatch = {
    ...(patch.phone !== undefined && {
      phone: patch.phone,
      phone_key: patch.phone ? phoneKey(patch.phone) : null,
    }),
    ...(patch.addressLine !== undefined && { address_line: patch.addressLine }),
    ...(patch.postalCode !== undefined && { postal_code: patch.postalCode }),
    ...(patch.city !== undefined && { city: patch.city }),
    ...(patch.country !== undefined && { country: patch.country }),
    updated_at: now,
  };
  await db
    .insertInto("profile")
    .values({
      user_id: userId,
      phone: null,
      phone_key: null,
      address_line: null,
      postal_code: null,
      city: null,
      country: "NO",
      ...profilePatch,
    })
    .onConflict((oc) => oc.column("user_id").doUpdateSet(profilePatch))
    .execute();
}

/** The place of one postcode, by the register's primary key; null when the register does not have it. */
export async function findPostcodePlace(
  db: Kysely<Tables>,
  country: string,
  code: string,
): Promise<string | null> {
  const row = await db
    .selectFrom("postcode")
    .select("place")
    .where("country", "=", country)
    .where("code", "=", code)
    .executeTakeFirst();
  return row?.place ?? null;
}

/** Puts `entries` in place of a country's register; call inside a transaction. */
export async function replacePostcodes(
  db: Kysely<Tables>,
  country: string,
  entries: readonly { code: string; place: string }[],
): Promise<void> {
  await db.deleteFrom("postcode").where("country", "=", country).execute();
  for (let i = 0; i < entries.length; i += 500) {
    await db
      .insertInto("postcode")
      .values(entries.slice(i, i + 500).map((e) => ({ country, code: e.code, place: e.place })))
      .execute();
  }
}
