/**
 * The callers and resources of the role × route matrix (src/server/role-matrix.test.ts): one owner
 * and one of every other kind of caller, and fresh resources of that owner for each request.
 */

import { randomUUID } from "node:crypto";
import { APP_CONSENT_VERSION } from "../src/features/registration/service.ts";
import { signWebhook } from "../src/features/smarthome/signature.ts";
import { giveReasonRequest } from "./access-reasons.ts";
import { PDF } from "./claim-requests.ts";
import { freshOwner, freshUnit, nextUnit, registeredProduct } from "./factories.ts";
import { multipart, type SignedIn, type TestApp } from "./harness.ts";
import {
  asPartner,
  photoUpload,
  postRepair,
  requestBody,
  seedServiceNetwork,
  statusEvent,
} from "./repair-requests.ts";
import { answerTransferRequest, askTransferRequest } from "./transfer-requests.ts";

export const CALLERS = [
  "anonymous",
  "stranger",
  "owner",
  "app",
  "agent",
  "reviewer",
  "editor",
  "admin",
  "service",
  "partner",
  "tv",
  "scanner",
] as const;
export type Caller = (typeof CALLERS)[number];

/**
 * The owner, in the browser (`owner`: cookie and CSRF token) and in the members app (`app`: the
 * bearer token of the same sign-in, no cookie, no CSRF token).
 */
export const OWNER = ["owner", "app"] as const;

/** Every caller that is a person signed in on the web, with the role they have. */
export const PEOPLE = {
  stranger: "customer",
  owner: "customer",
  agent: "agent",
  reviewer: "reviewer",
  editor: "editor",
  admin: "admin",
} as const;
export type Person = keyof typeof PEOPLE;

export const SERVICE_KEY = "matrix-service-key-0123456789";
export const MATRIX_ENV = {
  SERVICE_API_KEYS: `factory:${SERVICE_KEY}`,
  LOOKUPS_PER_MINUTE_ACCOUNT: "100000",
  LOOKUPS_PER_MINUTE_IP: "100000",
};
/** Every matrix request comes from another machine, so nothing is granted for being local. */
export const REMOTE_ADDRESS = "198.51.100.20";

export { PDF };

export interface World {
  t: TestApp;
  people: Record<Person, SignedIn>;
  /** A TV of the owner's, signed in through the device flow, and the unit it is. */
  tv: { token: string; serial: string; model: string };
  /** The owner's Wi-Fi scanner, signed in through the device flow. */
  scanner: { token: string };
  /** The key of the service partner whose centres serve the owner's postcode. */
  partnerKey: string;
}

/** The clients that sign in by device code, and the `client_id` each sends. */
export const DEVICES = { tv: "tv", scanner: "wifi-scan" } as const;

let addresses = 0;
/** A client address of its own per device grant: grants are limited per address. */
function nextAddress(): string {
  addresses++;
  return `100.64.${(addresses >> 8) & 255}.${addresses & 255}`;
}

/**
 * Starts a device grant as a device would (RFC 8628 §3.1: a form body); a TV names its serial
 * and model.
 */
export async function startGrant(t: TestApp, clientId: string, tv?: { serial: string; model: string }) {
  const res = await t.app.inject({
    method: "POST",
    url: "/oauth/device_authorization",
    remoteAddress: nextAddress(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ client_id: clientId, ...tv }).toString(),
  });
  if (res.statusCode !== 200) throw new Error(`device authorization: ${res.statusCode} ${res.body}`);
  return res.json() as { device_code: string; user_code: string };
}

/**
 * The owner confirms in the members app that they register only their own devices, as the app
 * asks once before its first registration.
 */
async function giveAppConsent(t: TestApp, owner: SignedIn): Promise<void> {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/v1/app/consent",
    headers: { authorization: `Bearer ${owner.token}` },
    payload: { textVersion: APP_CONSENT_VERSION },
  });
  if (res.statusCode !== 200) throw new Error(`the app's consent: ${res.statusCode} ${res.body}`);
}

/** A device's token: the device starts a grant, the owner approves it, the device polls for it. */
async function deviceToken(
  t: TestApp,
  owner: SignedIn,
  clientId: string,
  tv?: { serial: string; model: string },
): Promise<string> {
  const grant = await startGrant(t, clientId, tv);
  const decided = await t.app.inject({
    method: "POST",
    url: `/api/v1/device/${encodeURIComponent(grant.user_code)}/decision`,
    headers: owner.headers,
    payload: { approve: true },
  });
  if (decided.statusCode !== 204)
    throw new Error(`approving ${clientId}: ${decided.statusCode} ${decided.body}`);
  const polled = await t.app.inject({
    method: "POST",
    url: "/oauth/token",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({
      grant_type: "urn:ietf:params:oauth:grant-type:device_code",
      device_code: grant.device_code,
      client_id: clientId,
    }).toString(),
  });
  if (polled.statusCode !== 200)
    throw new Error(`the ${clientId} token: ${polled.statusCode} ${polled.body}`);
  return polled.json().access_token as string;
}

export async function makeWorld(t: TestApp): Promise<World> {
  const people = {} as Record<Person, SignedIn>;
  for (const [person, role] of Object.entries(PEOPLE) as [Person, (typeof PEOPLE)[Person]][]) {
    people[person] = await freshOwner(t, role);
  }
  await giveAppConsent(t, people.owner);
  // Staff open the owner's records with a reason, as they would on the phone: each look is logged.
  for (const person of ["agent", "reviewer", "admin"] as const) {
    const given = await giveReasonRequest(t, people[person], people.owner.userId);
    if (given.statusCode !== 200) throw new Error(`${person} could not give a reason: ${given.body}`);
  }
  const tv = await freshUnit(t, "tv");
  const keys = await seedServiceNetwork(t);
  return {
    t,
    people,
    partnerKey: keys["ostlandet-service"] ?? "",
    tv: { token: await deviceToken(t, people.owner, DEVICES.tv, tv), serial: tv.serial, model: tv.model },
    scanner: { token: await deviceToken(t, people.owner, DEVICES.scanner) },
  };
}

/**
 * The headers that say who is calling: a web session (with its CSRF token), the owner's app
 * session, a key, a device token.
 */
export function credentials(world: World, caller: Caller): Record<string, string> {
  switch (caller) {
    case "anonymous":
      return {};
    case "service":
      return { "x-service-key": SERVICE_KEY };
    case "partner":
      return { "x-partner-key": world.partnerKey };
    case "app":
      return { authorization: `Bearer ${world.people.owner.token}` };
    case "tv":
      return { authorization: `Bearer ${world.tv.token}` };
    case "scanner":
      return { authorization: `Bearer ${world.scanner.token}` };
    default:
      return world.people[caller].headers;
  }
}

/** A JSON body. */
export const json = (payload: object) => ({ payload });

/** An NDJSON body, one object a line. */
export const ndjson = (...lines: object[]) => ({
  headers: { "content-type": "application/x-ndjson" },
  payload: `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`,
});

/** A web-shop delivery of a unit, as the shop reports it. */
export const shopDelivery = () => ({
  source: "shop-order",
  orderId: `order-${randomUUID()}`,
  identifier: nextUnit("fridge").serial,
  deliveredOn: "2025-01-10",
});

/** The GS1 Digital Link on a fridge's label. */
export const fridgeLink = (serial: string) =>
  `https://id.example.com/01/07090010900219/21/${serial}?linkType=gs1:registration`;

/** A product the owner has just registered. */
export async function ownersProduct(world: World): Promise<string> {
  return (await registeredProduct(world.t, { owner: world.people.owner })).registrationId;
}

/** A claim the owner has just submitted on a product of theirs, with its proof file. */
export async function ownersClaim(world: World) {
  const registrationId = await ownersProduct(world);
  const body = multipart({ purchaseDate: "2025-04-01", seller: "Elkjøp" }, { name: "r.pdf", bytes: PDF });
  const res = await world.t.app.inject({
    method: "POST",
    url: `/api/v1/registrations/${registrationId}/claims`,
    headers: { ...world.people.owner.headers, ...body.headers },
    payload: body.payload,
  });
  if (res.statusCode !== 201) throw new Error(`submitting a claim: ${res.statusCode} ${res.body}`);
  const claim = res.json() as { id: string; files: { id: string }[] };
  return { registrationId, claimId: claim.id, fileId: claim.files[0]?.id ?? "" };
}

/** A claim a reviewer has asked the owner more about: the owner may reply. */
export async function claimWaitingForOwner(world: World): Promise<string> {
  const { claimId } = await ownersClaim(world);
  const res = await world.t.app.inject({
    method: "POST",
    url: `/api/v1/review/claims/${claimId}/decision`,
    headers: world.people.reviewer.headers,
    payload: { decision: "more-info", reason: "The receipt does not show the date." },
  });
  if (res.statusCode !== 200) throw new Error(`asking for more: ${res.statusCode} ${res.body}`);
  return claimId;
}

/** A TV of ours found on the owner's network, offered for registration. */
export async function ownersDiscoveredDevice(world: World): Promise<string> {
  const unit = await freshUnit(world.t, "tv");
  const id = randomUUID();
  await world.t.database.db
    .insertInto("discovered_device")
    .values({
      id,
      owner_id: world.people.owner.userId,
      source: "wifi",
      external_id: `uuid:${id}`,
      unit_serial: unit.serial,
      model_code: unit.model,
      display_name: "Living-room TV",
      offered: true,
      discovered_at: new Date().toISOString(),
      removed_at: null,
    })
    .execute();
  return id;
}

/** The user code a new TV shows on its screen. */
export async function shownUserCode(world: World): Promise<string> {
  return (await startGrant(world.t, DEVICES.tv, await freshUnit(world.t, "tv"))).user_code;
}

/** A signed smart-home event: the owner paired a device in the smart-home app. */
export function smarthomeDelivery(world: World) {
  const raw = JSON.stringify({
    id: randomUUID(),
    type: "device.paired",
    occurredAt: new Date().toISOString(),
    account: { email: world.people.owner.email },
    device: { id: randomUUID(), manufacturer: world.t.config.brandName, model: "NX-H24-55" },
  });
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    headers: {
      "content-type": "application/json",
      "x-smarthome-timestamp": String(timestamp),
      "x-smarthome-signature": signWebhook(world.t.config.smarthomeWebhookSecret ?? "", timestamp, raw),
    },
    payload: raw,
  };
}

/** A repair the owner has just asked for, of a TV of theirs, at a centre of the world's partner. */
export async function ownersRepair(world: World): Promise<{ id: string; requestNumber: string }> {
  const tv = await registeredProduct(world.t, { owner: world.people.owner, kind: "tv" });
  const res = await postRepair(world.t, world.people.owner, tv.registrationId, requestBody("tv"));
  if (res.statusCode !== 201) throw new Error(`asking for a repair: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; requestNumber: string };
}

/**
 * A repair of the owner's that every centre serving it turned down: it waits with customer service,
 * with the centre (the first that turned it down) customer service may hand it to.
 */
export async function ownersRepairWithCustomerService(
  world: World,
): Promise<{ id: string; centreId: string }> {
  const repair = await ownersRepair(world);
  let centreId: string | null = null;
  for (let turn = 0; turn < 5; turn++) {
    const job = await asPartner(world.t, world.partnerKey, "GET", `/jobs/${repair.requestNumber}`);
    if (job.json().status === "with-customer-service") break;
    centreId ??= job.json().centreId as string;
    await asPartner(world.t, world.partnerKey, "POST", `/jobs/${repair.requestNumber}/reject`, {
      reason: "Fully booked.",
    });
  }
  if (!centreId) throw new Error("the repair went to no centre");
  return { id: repair.id, centreId };
}

/** A repair of the owner's whose centre has sent a quote: the owner may answer it. */
export async function ownersQuotedRepair(world: World): Promise<string> {
  const repair = await ownersRepair(world);
  const key = world.partnerKey;
  await asPartner(world.t, key, "POST", `/jobs/${repair.requestNumber}/accept`, {});
  const quote = { amount: 1990, diagnosisFee: 490, description: "A new panel." };
  const base = Date.now();
  for (const [i, status] of ["received", "diagnosing", "quote-pending"].entries()) {
    const res = await asPartner(
      world.t,
      key,
      "POST",
      `/jobs/${repair.requestNumber}/events`,
      statusEvent(status, status === "quote-pending" ? { quote } : {}, new Date(base + (i + 1) * 1000)),
    );
    if (res.statusCode !== 200) throw new Error(`reporting ${status}: ${res.statusCode} ${res.body}`);
  }
  return repair.id;
}

/** A repair of the owner's with a photo of the fault. */
export async function ownersRepairPhoto(
  world: World,
): Promise<{ repairId: string; photoId: string; requestNumber: string }> {
  const repair = await ownersRepair(world);
  const res = await photoUpload(world.t, world.people.owner, repair.id);
  if (res.statusCode !== 201) throw new Error(`adding a photo: ${res.statusCode} ${res.body}`);
  return {
    repairId: repair.id,
    photoId: res.json().photos[0].id as string,
    requestNumber: repair.requestNumber,
  };
}

/** A tracking link's token of a repair of the owner's. */
export async function ownersTrackingToken(world: World): Promise<string> {
  const repair = await ownersRepair(world);
  const res = await world.t.app.inject({
    method: "POST",
    url: `/api/v1/repairs/${repair.id}/tracking-link`,
    headers: world.people.owner.headers,
  });
  if (res.statusCode !== 201) throw new Error(`making a tracking link: ${res.statusCode} ${res.body}`);
  return res.json().token as string;
}

/** A request the owner made for another customer's product, with its proof. */
export async function ownersTransferRequest(world: World, declined = false): Promise<string> {
  const holder = await freshOwner(world.t);
  const { unit } = await registeredProduct(world.t, { owner: holder });
  const res = await askTransferRequest(world.t, world.people.owner, unit.serial);
  if (res.statusCode !== 201) throw new Error(`asking for a transfer: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  if (declined) {
    const answer = await answerTransferRequest(world.t, holder, id, "decline");
    if (answer.statusCode !== 200)
      throw new Error(`declining a transfer: ${answer.statusCode} ${answer.body}`);
  }
  return id;
}

/** A request another customer made for one of the owner's products: the owner answers it. */
export async function transferAskedOfOwner(world: World): Promise<string> {
  const { unit } = await registeredProduct(world.t, { owner: world.people.owner });
  const res = await askTransferRequest(world.t, await freshOwner(world.t), unit.serial);
  if (res.statusCode !== 201) throw new Error(`asking for a transfer: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

/** A ready copy of the owner's data (asked for and made), which only the owner downloads. */
export async function ownersReadyExport(world: World): Promise<string> {
  const asked = await world.t.app.inject({
    method: "POST",
    url: "/api/v1/me/exports",
    headers: world.people.owner.headers,
  });
  if (asked.statusCode !== 202 && asked.statusCode !== 200)
    throw new Error(`asking for an export: ${asked.statusCode} ${asked.body}`);
  await world.t.app.outbox.drain();
  return asked.json().id as string;
}
