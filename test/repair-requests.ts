import { demoServiceNetwork } from "../src/features/repairs/demo-network.ts";
import { importServiceNetwork, issuePartnerKey } from "../src/features/repairs/network.ts";
import type { RepairRequestInput } from "../src/features/repairs/schemas.ts";
import { registeredProduct, type UnitKind } from "./factories.ts";
import { multipart, type SignedIn, type TestApp } from "./harness.ts";
import { jpeg } from "./image-bytes.ts";

/** What the repair tests send, as the web client and a service partner's system send it. For tests only. */

/** The demo service network, and a key for each of its partners. */
export async function seedServiceNetwork(t: TestApp): Promise<Record<string, string>> {
  await importServiceNetwork(t.database, t.clock, demoServiceNetwork);
  const keys: Record<string, string> = {};
  for (const partner of demoServiceNetwork.partners)
    keys[partner.id] = (await issuePartnerKey(t.database, t.clock, partner.id)).key;
  return keys;
}

/** A request that every demo category takes at an Oslo postcode: fault, contact and conditions. */
export function requestBody(
  kind: UnitKind,
  overrides: Partial<RepairRequestInput> = {},
): Record<string, unknown> {
  const byKind = {
    tv: { faultCode: "no-picture", channel: "technician", timeWindow: "morning", conditions: [] },
    phone: {
      faultCode: "screen",
      channel: "pickup",
      timeWindow: "any",
      conditions: ["backup", "find-my-off", "sim-removed"],
    },
    fridge: {
      faultCode: "temperature",
      channel: "technician",
      timeWindow: "afternoon",
      conditions: ["access"],
    },
    ssd: { faultCode: "other", channel: "mail-in", conditions: [] },
  }[kind];
  return {
    ...byKind,
    faultText: "The picture went black after a minute, twice this week.",
    contact: { phone: "+47 912 34 567", addressLine: "Storgata 1", postalCode: "0150", city: "Oslo" },
    ...overrides,
  };
}

export function postRepair(t: TestApp, user: SignedIn | null, registrationId: string, body: unknown) {
  return t.app.inject({
    method: "POST",
    url: `/api/v1/registrations/${registrationId}/repairs`,
    headers: user?.headers ?? {},
    payload: body as object,
  });
}

/** A fresh owner's product of a kind with a repair requested; throws unless it was. */
export async function requestedRepair(
  t: TestApp,
  kind: UnitKind = "tv",
  overrides: Partial<RepairRequestInput> = {},
  purchaseDate?: string,
) {
  const product = await registeredProduct(t, { kind, ...(purchaseDate ? { purchaseDate } : {}) });
  const res = await postRepair(t, product.owner, product.registrationId, requestBody(kind, overrides));
  if (res.statusCode !== 201) throw new Error(`the repair request failed: ${res.statusCode} ${res.body}`);
  return { ...product, repair: res.json() as { id: string; requestNumber: string; status: string } };
}

/** A service partner's call, with its key. */
export function asPartner(
  t: TestApp,
  key: string | null,
  method: "GET" | "POST",
  url: string,
  payload?: object,
) {
  return t.app.inject({
    method,
    url: `/api/v1/partner${url}`,
    headers: key ? { "x-partner-key": key } : {},
    ...(payload ? { payload } : {}),
  });
}

let events = 0;
/** A status event with a fresh event id, happening `at` (now by default). */
export function statusEvent(status: string, extra: Record<string, unknown> = {}, at: Date = new Date()) {
  events++;
  return { eventId: `evt-${events}-${Date.now()}`, occurredAt: at.toISOString(), status, ...extra };
}

/** A photo upload of a small JPEG (or the bytes given), as the web client sends it. */
export function photoUpload(
  t: TestApp,
  user: SignedIn,
  repairId: string,
  bytes: Uint8Array = jpeg(32, 24, []),
) {
  const body = multipart({}, { name: "fault.jpg", field: "photo", bytes, type: "image/jpeg" });
  return t.app.inject({
    method: "POST",
    url: `/api/v1/repairs/${repairId}/photos`,
    headers: { ...user.headers, ...body.headers },
    payload: body.payload,
  });
}
