import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Country } from "../../domain/country.ts";
import { normalizePostcode } from "../../domain/postcode.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { notFound, Problem } from "../../server/problem.ts";
import { earnForProfile } from "../rewards/service.ts";
import { findPostcodePlace, findProfile, updateProfile } from "./queries.ts";
import type { Profile, ProfilePatch } from "./schemas.ts";

/** Where a failure after the commit is told (the request's logger). */
export type ErrorLog = { error(fields: object, message: string): void };

export async function readProfile(database: Database, actor: Actor, ownerId: string): Promise<Profile> {
  authorize(actor, { kind: "profile.read", ownerId });
  const profile = await findProfile(database.db, ownerId);
  if (!profile) throw notFound("profile");
  return profile;
}

/**
 * Saves what the owner changed. A postcode must be one of the address's country (the one sent,
 * else the one saved), and is stored as that country writes it; when the place is left empty and
 * the postal register knows the postcode, the register's place is filled in. The points for
 * My information complete come after the commit: if they fail, the change stands and is answered,
 * the failure goes to `log`, and the next save tries again (they are earned once ever).
 */
export async function changeProfile(
  database: Database,
  clock: Clock,
  actor: Actor,
  ownerId: string,
  patch: ProfilePatch,
  log: ErrorLog,
): Promise<Profile> {
  authorize(actor, { kind: "profile.update", ownerId });
  await database.db.transaction().execute(async (trx) => {
    const current = await findProfile(trx, ownerId);
    if (!current) throw notFound("profile");
    const country = patch.country ?? current.country;
    const postalCode = patch.postalCode !== undefined ? patch.postalCode : current.postalCode;
    const checked = { ...patch };
    if (postalCode && (patch.postalCode !== undefined || patch.country !== undefined)) {
      const code = normalizePostcode(country, postalCode);
      if (!code) throw postcodeInvalid(country);
      checked.postalCode = code;
      const city = patch.city !== undefined ? patch.city : current.city;
      if (!city) {
        const place = await findPostcodePlace(trx, country, code);
        if (place) checked.city = place;
      }
    }
    await updateProfile(trx, ownerId, checked, clock.now());
  });
  const profile = await readProfile(database, actor, ownerId);
  // My information complete for the first time earns the rule's points (once ever: rewards/).
  try {
    await earnForProfile(database, clock, ownerId, profile);
  } catch (err) {
    log.error({ err, ownerId }, "Earning the points for My information failed; the next save tries again");
  }
  return profile;
}

function postcodeInvalid(country: Country): Problem {
  return new Problem("profile.postcode_invalid", `The postcode is not one of ${country}.`, {
    fields: [{ path: "body.postalCode", message: `not a postcode of ${country}` }],
  });
}
