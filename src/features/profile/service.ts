import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Actor } from "../../server/actor.ts";
import { authorize } from "../../server/policy.ts";
import { notFound } from "../../server/problem.ts";
import { findProfile, updateProfile } from "./queries.ts";
import type { Profile, ProfilePatch } from "./schemas.ts";

export async function readProfile(database: Database, actor: Actor, ownerId: string): Promise<Profile> {
  authorize(actor, { kind: "profile.read", ownerId });
  const profile = await findProfile(database.db, ownerId);
  if (!profile) throw notFound("profile");
  return profile;
}

export async function changeProfile(
  database: Database,
  clock: Clock,
  actor: Actor,
  ownerId: string,
  patch: ProfilePatch,
): Promise<Profile> {
  authorize(actor, { kind: "profile.update", ownerId });
  await database.db.transaction().execute((trx) => updateProfile(trx, ownerId, patch, clock.now()));
  return readProfile(database, actor, ownerId);
}
