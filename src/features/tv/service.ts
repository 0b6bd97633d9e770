/**
 * The OAuth 2.0 device authorization grant (RFC 8628) for TVs and the Wi-Fi scanner.
 *
 * Written here, not with better-auth's `better-auth/plugins/device-authorization` (1.7.25, read in
 * node_modules/better-auth/dist/plugins/device-authorization/routes.mjs), because that plugin meets
 * neither RFC 8628 nor our model-year rule as we need them:
 * - it stores device codes in plain text, so a read of its table hands out every waiting device's
 *   credential; we store a SHA-256 of each;
 * - its `slow_down` leaves the interval unchanged, while RFC 8628 §3.5 raises it by five seconds for
 *   that poll and all later ones; we keep the raised interval per grant and enforce it;
 * - its token endpoint gives the device an ordinary better-auth session of the owner
 *   (`internalAdapter.createSession`, 30 days), which every /api/v1 route and `/api/auth/*`
 *   (list-sessions, with the other sessions' tokens) accept; a TV must get a token that registers
 *   that TV and nothing else, for an hour;
 * - the model-year rule (R8: a TV registers itself only from its category's self-registration
 *   model year) needs the TV's serial and model with the request; the plugin takes extra fields only
 *   through its `grant` extension, which then owns token issuing too, the very part we must replace;
 * - its device-code endpoint also takes JSON (§3.1 wants a form), its owner decision is an
 *   unconditional update (two decisions race), and its times come from `Date.now()`, not our clock.
 * The state machine itself is small and pure: `pollOutcome` in src/domain/device-grant.ts.
 */
import { createHash, randomBytes, randomInt } from "node:crypto";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { toInstant } from "../../db/tables.ts";
import type { Clock } from "../../domain/clock.ts";
import {
  displayUserCode,
  type GrantStatus,
  newUserCode,
  normalizeUserCode,
  pollOutcome,
} from "../../domain/device-grant.ts";
import { maskIdentifier, normalizeIdentifier } from "../../domain/identifier.ts";
import type { Actor } from "../../server/actor.ts";
import { Problem } from "../../server/problem.ts";
import { audit } from "../audit/service.ts";
import { findCategory, findModelRow } from "../catalogue/queries.ts";
import { presentModelSummary } from "../catalogue/service.ts";
import { register } from "../registration/service.ts";
import { deviceClientOf, issueDeviceToken } from "./device-token.ts";
import {
  consumeApprovedGrant,
  decideGrant,
  deleteGrantsExpiredBefore,
  findGrantByDeviceCode,
  findGrantByUserCode,
  findUnitModel,
  type GrantRow,
  insertGrant,
  recordPoll,
} from "./queries.ts";
import type { DeviceView } from "./schemas.ts";
import type { Caller, UserCodeThrottle } from "./user-code-throttle.ts";

const EXPIRES_IN_SECONDS = 600;
const INTERVAL_SECONDS = 5;
/** Expired grants are kept a day, so a late poll still reads `expired_token`, then swept. */
const KEEP_EXPIRED_MS = 24 * 60 * 60 * 1000;
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

/** Whether a TV model may register itself (R8: from the category's model year, in the catalogue). */
async function selfRegistration(database: Database, modelCode: string) {
  const model = await findModelRow(database.db, modelCode);
  if (!model) return { model: null, allowed: false };
  const category = await findCategory(database.db, model.category_code);
  const from = category?.selfRegistrationFromModelYear ?? null;
  return { model, allowed: from !== null && model.model_year >= from };
}

/**
 * Step 1 (the device): a device code and a short user code to show. A TV names its serial and
 * model, so that the owner sees which TV asks and its token registers that TV only.
 */
export async function startDeviceAuthorization(
  database: Database,
  clock: Clock,
  config: Config,
  input: { clientId?: string | undefined; serial?: string | undefined; model?: string | undefined },
) {
  if (!input.clientId) throw new OAuthError("invalid_request", "client_id is required");
  const client = deviceClientOf(input.clientId);
  if (!client) throw new OAuthError("invalid_client", "unknown client_id");
  if (client === "tv") {
    if (!input.serial || !input.model)
      throw new OAuthError("invalid_request", "a TV sends its serial and model");
    const { model, allowed } = await selfRegistration(database, input.model);
    if (!model) throw new OAuthError("invalid_request", "unknown model");
    if (!allowed)
      throw new OAuthError(
        "invalid_request",
        "this TV model cannot register itself: register it by serial number",
      );
  }
  const now = clock.now();
  await deleteGrantsExpiredBefore(database.db, new Date(now.getTime() - KEEP_EXPIRED_MS).toISOString());
  const deviceCode = randomBytes(32).toString("base64url");
  // A user code still held by another grant is drawn again; three tries are plenty in 20^8.
  for (let attempt = 0; attempt < 3; attempt++) {
    const userCode = newUserCode(randomInt);
    const stored = await insertGrant(database.db, {
      device_code_hash: hash(deviceCode),
      user_code: userCode,
      client_id: input.clientId,
      tv_serial: client === "tv" && input.serial ? normalizeIdentifier(input.serial) : null,
      tv_model: client === "tv" ? (input.model ?? null) : null,
      interval_seconds: INTERVAL_SECONDS,
      expires_at: new Date(now.getTime() + EXPIRES_IN_SECONDS * 1000).toISOString(),
    });
    if (!stored) continue;
    const shown = displayUserCode(userCode);
    return {
      device_code: deviceCode,
      user_code: shown,
      verification_uri: `${config.publicUrl}/device`,
      verification_uri_complete: `${config.publicUrl}/device?user_code=${shown}`,
      expires_in: EXPIRES_IN_SECONDS,
      interval: INTERVAL_SECONDS,
    };
  }
  throw new Error("no free user code after three tries");
}

/** Step 3 (the device polls): exactly the RFC's answers until the owner decides, then a token once. */
export async function pollToken(
  database: Database,
  clock: Clock,
  input: { grantType?: string | undefined; deviceCode?: string | undefined; clientId?: string | undefined },
) {
  if (input.grantType !== DEVICE_CODE_GRANT)
    throw new OAuthError("unsupported_grant_type", "only the device code grant is supported");
  if (!input.deviceCode) throw new OAuthError("invalid_request", "device_code is required");
  if (!input.clientId) throw new OAuthError("invalid_request", "client_id is required");
  const row = await findGrantByDeviceCode(database.db, hash(input.deviceCode));
  if (!row || input.clientId !== row.client_id) throw new OAuthError("invalid_grant", "unknown device code");
  const now = clock.now();
  const outcome = pollOutcome(
    {
      status: row.status as GrantStatus,
      expiresAt: new Date(toInstant(row.expires_at)),
      lastPollAt: row.last_poll_at ? new Date(toInstant(row.last_poll_at)) : null,
      intervalSeconds: row.interval_seconds,
    },
    now,
  );
  switch (outcome.answer) {
    case "invalid_grant":
      throw new OAuthError("invalid_grant", "the device code was used already");
    case "expired_token":
      throw new OAuthError("expired_token", "the device code has expired");
    case "access_denied":
      throw new OAuthError("access_denied", "the owner said no");
    case "slow_down":
      await recordPoll(database.db, row.device_code_hash, now.toISOString(), outcome.interval);
      throw new OAuthError("slow_down", "poll less often", outcome.interval);
    case "authorization_pending":
      await recordPoll(database.db, row.device_code_hash, now.toISOString(), row.interval_seconds);
      throw new OAuthError("authorization_pending", "the owner has not decided yet");
    case "issue":
      return issueOnce(database, clock, row);
  }
}

/** Uses the approved grant and issues its device token in one transaction: one token per grant. */
async function issueOnce(database: Database, clock: Clock, row: GrantRow) {
  const client = deviceClientOf(row.client_id);
  const ownerId = row.user_id;
  if (!client || !ownerId) throw new OAuthError("invalid_grant", "the device code cannot be used");
  const issued = await database.db.transaction().execute(async (trx) => {
    if (!(await consumeApprovedGrant(trx, row.device_code_hash))) return null;
    return issueDeviceToken(trx, clock, {
      client,
      ownerId,
      clientId: row.client_id,
      serial: row.tv_serial,
      model: row.tv_model,
    });
  });
  if (!issued) throw new OAuthError("invalid_grant", "the device code was used already");
  return { access_token: issued.token, token_type: "Bearer", expires_in: issued.expiresIn };
}

/** The grant a user code names while the owner may still decide it, or null. */
async function pendingGrant(database: Database, clock: Clock, userCode: string) {
  const row = await findGrantByUserCode(database.db, normalizeUserCode(userCode));
  const live = row?.status === "pending" && Date.parse(toInstant(row.expires_at)) > clock.now().getTime();
  return live ? row : null;
}

/** A wrong, used or expired user code, counted against the caller. */
function wrongCode(throttle: UserCodeThrottle, caller: Caller): Problem {
  throttle.miss(caller);
  return new Problem(
    "device.code_invalid",
    "This code is wrong, used or expired. Look at the device for the current code.",
  );
}

/** Step 2 (the owner, on the phone): what is asking, with the terms to agree to. */
export async function describeDevice(
  database: Database,
  clock: Clock,
  throttle: UserCodeThrottle,
  caller: Caller,
  userCode: string,
): Promise<DeviceView> {
  throttle.check(caller);
  const row = await pendingGrant(database, clock, userCode);
  if (!row) throw wrongCode(throttle, caller);
  const client = deviceClientOf(row.client_id) ?? "tv";
  const info = row.tv_model
    ? await selfRegistration(database, row.tv_model)
    : { model: null, allowed: client === "scanner" };
  return {
    userCode: displayUserCode(row.user_code),
    client,
    model: info.model ? presentModelSummary(info.model) : null,
    serialMasked: row.tv_serial ? maskIdentifier(row.tv_serial) : null,
    selfRegistrationAllowed: info.allowed,
  };
}

/** Step 2, decided: the owner agrees (the device may then fetch its token) or refuses. */
export async function decideDevice(
  database: Database,
  clock: Clock,
  throttle: UserCodeThrottle,
  actor: Actor,
  caller: Caller,
  userCode: string,
  approve: boolean,
): Promise<void> {
  const device = await describeDevice(database, clock, throttle, caller, userCode);
  if (approve && !device.selfRegistrationAllowed)
    throw new Problem(
      "tv.not_supported",
      "This TV model cannot register itself: register it by serial number.",
    );
  const code = normalizeUserCode(userCode);
  const decided = await database.db.transaction().execute(async (trx) => {
    if (!(await decideGrant(trx, code, { status: approve ? "approved" : "denied", userId: actor.userId })))
      return false;
    await audit(trx, {
      actor,
      action: approve ? "device.approved" : "device.denied",
      ownerId: actor.userId,
      subjectType: "device",
      subjectId: code,
      detail: { client: device.client },
      at: clock.now(),
    });
    return true;
  });
  // Someone decided it between the look-up and now: for this owner the code is used.
  if (!decided) throw wrongCode(throttle, caller);
}

/**
 * Step 4 (the TV, with its device token): registers itself. The serial and model must be the ones
 * the owner agreed to, and the unit's model the TV's, so a TV cannot register another product.
 */
export async function registerTv(
  database: Database,
  config: Config,
  clock: Clock,
  actor: Actor,
  input: { serial: string; model: string },
) {
  const serial = normalizeIdentifier(input.serial);
  if (actor.device?.serial !== serial || actor.device.model !== input.model)
    throw new Problem("tv.not_this_tv", "This token was issued to another TV.");
  const { model, allowed } = await selfRegistration(database, input.model);
  if (!model) throw new Problem("tv.model_unknown", "This TV model is not in the catalogue.");
  if (!allowed)
    throw new Problem(
      "tv.not_supported",
      "This TV model cannot register itself: register it by serial number.",
    );
  const unitModel = await findUnitModel(database.db, serial);
  if (!unitModel) throw new Problem("identifier.not_found", "No unit has this serial number.");
  if (unitModel !== input.model)
    throw new Problem("tv.serial_mismatch", "This serial number belongs to another model.");
  return register(database, config, clock, actor, { identifier: serial });
}
