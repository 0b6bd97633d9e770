import { createHash, randomBytes, randomInt } from "node:crypto";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { toInstant } from "../../db/tables.ts";
import { maskIdentifier, normalizeIdentifier } from "../../domain/identifier.ts";
import type { Actor } from "../../server/actor.ts";
import { Problem } from "../../server/problem.ts";
import type { Auth } from "../accounts/auth.ts";
import { audit } from "../audit/service.ts";
import { findCategory, findModelRow } from "../catalogue/queries.ts";
import { presentModelSummary } from "../catalogue/service.ts";
import { register } from "../registration/service.ts";

const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ"; // no vowels, so no words (RFC 8628 §6.1)
const EXPIRES_IN = 600;
const INTERVAL = 5;
export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/** An RFC 6749 §5.2 error answer of the token or device endpoint. */
export class OAuthError extends Error {
  readonly error: string;
  readonly interval: number | undefined;
  constructor(error: string, description: string, interval?: number) {
    super(description);
    this.error = error;
    this.interval = interval;
  }
}

const hash = (code: string) => createHash("sha256").update(code).digest("hex");
const normalizeUserCode = (code: string) => code.toUpperCase().replace(/[^A-Z]/g, "");

/** Whether a TV model may register itself (R8: model year 2020 and later, from the catalogue). */
async function selfRegistration(database: Database, modelCode: string) {
  const model = await findModelRow(database.db, modelCode);
  if (!model) return { model: null, allowed: false };
  const category = await findCategory(database.db, model.category_code);
  const from = category?.selfRegistrationFromModelYear ?? null;
  return { model, allowed: from !== null && model.model_year >= from };
}

/** Step 1 (the TV): a device code and a short user code to show on the screen. */
export async function startDeviceAuthorization(
  database: Database,
  config: Config,
  input: { clientId: string; serial?: string | undefined; model?: string | undefined },
) {
  if (!input.clientId) throw new OAuthError("invalid_request", "client_id is required");
  if (input.model) {
    const { model, allowed } = await selfRegistration(database, input.model);
    if (!model) throw new OAuthError("invalid_request", "unknown model");
    if (!allowed)
      throw new OAuthError(
        "invalid_request",
        "this TV model cannot register itself: register it by serial number",
      );
  }
  const deviceCode = randomBytes(32).toString("base64url");
  const letters = Array.from(
    { length: 8 },
    () => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)],
  ).join("");
  const userCode = `${letters.slice(0, 4)}-${letters.slice(4)}`;
  await database.db
    .insertInto("device_authorization")
    .values({
      device_code_hash: hash(deviceCode),
      user_code: letters,
      client_id: input.clientId,
      tv_serial: input.serial ? normalizeIdentifier(input.serial) : null,
      tv_model: input.model ?? null,
      status: "pending",
      user_id: null,
      interval_seconds: INTERVAL,
      expires_at: new Date(Date.now() + EXPIRES_IN * 1000).toISOString(),
      last_poll_at: null,
    })
    .execute();
  return {
    device_code: deviceCode,
    user_code: userCode,
    verification_uri: `${config.publicUrl}/device`,
    verification_uri_complete: `${config.publicUrl}/device?user_code=${userCode}`,
    expires_in: EXPIRES_IN,
    interval: INTERVAL,
  };
}

/** Step 3 (the TV polls): exactly the RFC's answers until the owner decides, then a token once. */
export async function pollToken(
  database: Database,
  auth: Auth,
  input: { grantType?: string; deviceCode?: string; clientId?: string },
) {
  if (input.grantType !== DEVICE_CODE_GRANT)
    throw new OAuthError("unsupported_grant_type", "only the device code grant is supported");
  if (!input.deviceCode) throw new OAuthError("invalid_request", "device_code is required");
  const row = await database.db
    .selectFrom("device_authorization")
    .selectAll()
    .where("device_code_hash", "=", hash(input.deviceCode))
    .executeTakeFirst();
  if (!row || (input.clientId && input.clientId !== row.client_id))
    throw new OAuthError("invalid_grant", "unknown device code");
  const now = Date.now();
  if (row.status === "used") throw new OAuthError("invalid_grant", "the device code was used already");
  if (Date.parse(toInstant(row.expires_at)) < now)
    throw new OAuthError("expired_token", "the device code has expired");
  if (row.status === "denied") throw new OAuthError("access_denied", "the owner said no");
  if (row.status === "pending") {
    const last = row.last_poll_at ? Date.parse(toInstant(row.last_poll_at)) : 0;
    if (last && now - last < row.interval_seconds * 1000) {
      const interval = row.interval_seconds + 5;
      await database.db
        .updateTable("device_authorization")
        .set({ interval_seconds: interval, last_poll_at: new Date(now).toISOString() })
        .where("device_code_hash", "=", row.device_code_hash)
        .execute();
      throw new OAuthError("slow_down", "poll less often", interval);
    }
    await database.db
      .updateTable("device_authorization")
      .set({ last_poll_at: new Date(now).toISOString() })
      .where("device_code_hash", "=", row.device_code_hash)
      .execute();
    throw new OAuthError("authorization_pending", "the owner has not decided yet");
  }
  // Approved: hand out one session token, once.
  const used = await database.db
    .updateTable("device_authorization")
    .set({ status: "used" })
    .where("device_code_hash", "=", row.device_code_hash)
    .where("status", "=", "approved")
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) === 0 || !row.user_id)
    throw new OAuthError("invalid_grant", "the device code was used already");
  const context = await auth.$context;
  const session = await context.internalAdapter.createSession(row.user_id);
  return {
    access_token: session.token,
    token_type: "Bearer",
    expires_in: Math.floor((Date.parse(toInstant(session.expiresAt)) - now) / 1000),
  };
}

/** Step 2 (the owner, on the phone): what is asking, with the terms to agree to. */
export async function describeDevice(database: Database, userCode: string) {
  const row = await database.db
    .selectFrom("device_authorization")
    .selectAll()
    .where("user_code", "=", normalizeUserCode(userCode))
    .executeTakeFirst();
  if (row?.status !== "pending" || Date.parse(toInstant(row.expires_at)) < Date.now()) {
    throw new Problem(
      "device.code_invalid",
      "This code is wrong, used or expired. Look at the TV for the current code.",
    );
  }
  const info = row.tv_model ? await selfRegistration(database, row.tv_model) : { model: null, allowed: true };
  return {
    userCode: `${row.user_code.slice(0, 4)}-${row.user_code.slice(4)}`,
    model: info.model ? presentModelSummary(info.model) : null,
    serialMasked: row.tv_serial ? maskIdentifier(row.tv_serial) : null,
    selfRegistrationAllowed: info.allowed,
  };
}

export async function decideDevice(database: Database, actor: Actor, userCode: string, approve: boolean) {
  await describeDevice(database, userCode);
  await database.db
    .updateTable("device_authorization")
    .set({ status: approve ? "approved" : "denied", user_id: actor.userId })
    .where("user_code", "=", normalizeUserCode(userCode))
    .where("status", "=", "pending")
    .execute();
  await audit(database.db, {
    actor,
    action: approve ? "device.approved" : "device.denied",
    ownerId: actor.userId,
    subjectType: "device",
    subjectId: normalizeUserCode(userCode),
  });
}

/**
 * Step 4 (the TV, with its token): registers itself with its own serial and model. The unit's
 * model must be the TV's, so a TV cannot register someone else's serial.
 */
export async function registerTv(
  database: Database,
  config: Config,
  actor: Actor,
  input: { serial: string; model: string },
) {
  const { model, allowed } = await selfRegistration(database, input.model);
  if (!model) throw new Problem("tv.model_unknown", "This TV model is not in the catalogue.");
  if (!allowed)
    throw new Problem(
      "tv.not_supported",
      "This TV model cannot register itself: register it by serial number.",
    );
  const unit = await database.db
    .selectFrom("unit")
    .select("model_code")
    .where("serial", "=", normalizeIdentifier(input.serial))
    .executeTakeFirst();
  if (!unit) throw new Problem("identifier.not_found", "No unit has this serial number.");
  if (unit.model_code !== input.model)
    throw new Problem("tv.serial_mismatch", "This serial number belongs to another model.");
  return register(database, config, actor, { identifier: input.serial }, "tv");
}
