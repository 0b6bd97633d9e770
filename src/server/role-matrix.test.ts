import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CONTENT_DRAFT,
  editorsFaq,
  editorsItem,
  FAQ_DRAFT,
  imageUpload,
  publishedImage,
} from "../../test/content-requests.ts";
import { freshOwner, freshUnit, nextUnit, registeredProduct } from "../../test/factories.ts";
import { seedCatalogue } from "../../test/fixtures.ts";
import { dialects, multipart, startTestApp, type TestApp } from "../../test/harness.ts";
import { jpeg } from "../../test/image-bytes.ts";
import { codePng } from "../../test/label-images.ts";
import { asPartner, requestBody, statusEvent } from "../../test/repair-requests.ts";
import {
  CALLERS,
  type Caller,
  claimWaitingForOwner,
  credentials,
  DEVICES,
  fridgeLink,
  json,
  MATRIX_ENV,
  makeWorld,
  ndjson,
  OWNER,
  ownersClaim,
  ownersDiscoveredDevice,
  ownersProduct,
  ownersQuotedRepair,
  ownersReadyExport,
  ownersRepair,
  ownersRepairPhoto,
  ownersRepairWithCustomerService,
  ownersTrackingToken,
  ownersTransferRequest,
  PDF,
  PEOPLE,
  type Person,
  REMOTE_ADDRESS,
  shopDelivery,
  shownUserCode,
  smarthomeDelivery,
  transferAskedOfOwner,
  type World,
} from "../../test/role-matrix-world.ts";
import { TEXT_VERSIONS } from "../domain/consent.ts";

const RECEIPT_FILE = { name: "kvittering.pdf", bytes: PDF };

import { demoCatalogue } from "../cli/demo-data.ts";
import { demoServiceNetwork } from "../features/repairs/demo-network.ts";
import { createLookupClient } from "../features/warranty-lookup/service.ts";
import { DEFAULT_CLIENTS } from "./access.ts";
import type { Actor } from "./actor.ts";
import type { RouteEntry } from "./app.ts";
import { ERROR_CODES } from "./error-codes.ts";
import { type Action, can } from "./policy.ts";

/**
 * Every /api/v1 route, called as every kind of caller: who is let in is written here, per route,
 * read from src/server/policy.ts and each route's `config.access` / `config.clients`. The owner calls
 * both from the web and from the members app (`app`), which is let in wherever the owner is and the
 * route takes the app. A caller let
 * in gets a 2xx (or the answer the row names, with its reason); a caller refused gets 401 with a
 * code when it brings no credentials the route takes, else 403 with a code. A route without a row
 * fails the first test.
 */

interface Request {
  url?: string;
  payload?: string | object | Buffer;
  headers?: Record<string, string>;
}

interface Row {
  allowed: readonly Caller[];
  /** The policy decision behind the row: its allowed people must be exactly those `can` allows. */
  policy?: (self: string, owner: string) => Action;
  /** An allowed caller's answer that is not a 2xx, and why that is right. */
  answers?: Partial<Record<Caller, { status: number; code: string; because: string }>>;
  /** The request (real resources of the owner in the path, a real body); built per caller for writes. */
  request?: (world: World) => Request | Promise<Request>;
  /**
   * The lines a staff caller let in adds to the owner's access log. A route the owner and staff
   * reach (and no other customer) shows staff the owner's records, so it adds one unless the row says why not; a
   * route for staff alone says what it adds, always.
   */
  looks?: { lines: number; because: string };
}

const SIGNED_IN = ["stranger", ...OWNER, "agent", "reviewer", "editor", "admin"] as const;
/** Anyone but a device: a device's token reaches only the routes that name its client. */
const PUBLIC = ["anonymous", ...SIGNED_IN, "service", "partner"] as const;
const CUSTOMERS = ["stranger", ...OWNER] as const;
const OWNER_AND_STAFF = [...OWNER, "agent", "reviewer", "admin"] as const;
const REVIEWERS = ["reviewer", "admin"] as const;
const STAFF = ["agent", "reviewer", "admin"] as const;
/** The owner, or an agent acting for the owner on the phone. */
const OWNER_AND_AGENTS = [...OWNER, "agent", "admin"] as const;
const AGENTS = ["agent", "admin"] as const;
/** What the portal says to everyone (announcements, the top message, the FAQ): editors write it. */
const EDITORS = ["editor", "admin"] as const;
const CONTENT = (): Action => ({ kind: "content.manage" });
const NO_RECORDS = { lines: 0, because: "what staff write for owners, no owner's records" };
let correctedDates = 0;
const AN_ACT = {
  lines: 0,
  because: "an act for the owner, not a look: the audit log and the case's own history hold it",
};
const A_QUEUE = {
  lines: 0,
  because: "a queue of open cases: opening one of them is the look that is logged",
};

const REWARDS_ADMIN = { lines: 0, because: "the rewards catalogue and its rules, no owner's records" };
const MATRIX_REWARD = {
  names: { nb: "Gavekort", en: "Gift card" },
  descriptions: { nb: "100 kroner.", en: "100 kroner." },
  cost: 100,
  activeFrom: null,
  activeTo: null,
};
/** A reward on offer with codes in its pool, made for the row that needs it. */
async function matrixReward(w: World): Promise<string> {
  const id = randomUUID();
  const at = new Date().toISOString();
  await w.t.database.db
    .insertInto("reward")
    .values({
      id,
      name_nb: "Gavekort",
      name_en: "Gift card",
      description_nb: "100 kroner.",
      description_en: "100 kroner.",
      cost: 100,
      active_from: null,
      active_to: null,
      codes_total: 1,
      codes_issued: 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await w.t.database.db
    .insertInto("reward_code")
    .values({ id: randomUUID(), reward_id: id, code: `M-${id}`, redemption_id: null, created_at: at })
    .execute();
  return id;
}

const MATRIX: Record<string, Row> = {
  "GET /api/v1/session": { allowed: PUBLIC },
  "GET /api/v1/config": { allowed: PUBLIC },
  "GET /api/v1/categories": { allowed: PUBLIC },
  "GET /api/v1/categories/:code": { allowed: PUBLIC, request: () => ({ url: "/api/v1/categories/tv" }) },
  "GET /api/v1/models/:code": { allowed: PUBLIC, request: () => ({ url: "/api/v1/models/NX-H24-55" }) },
  "GET /api/v1/documents/:id": {
    allowed: PUBLIC,
    request: async ({ t }) => {
      const document = await t.database.db
        .selectFrom("document")
        .select("id")
        .limit(1)
        .executeTakeFirstOrThrow();
      return { url: `/api/v1/documents/${document.id}` };
    },
  },
  "PUT /api/v1/service/catalogue": { allowed: ["service"], request: () => json(demoCatalogue) },
  "POST /api/v1/service/units": {
    allowed: ["service"],
    request: () => {
      const unit = nextUnit("fridge");
      return ndjson({ serial: unit.serial, model: unit.model });
    },
  },
  "POST /api/v1/service/confirmations": { allowed: ["service"], request: () => json(shopDelivery()) },
  "POST /api/v1/service/confirmations/bulk": { allowed: ["service"], request: () => ndjson(shopDelivery()) },
  "PUT /api/v1/service/warranty-plans": {
    allowed: ["service"],
    request: () =>
      json({
        plans: [
          {
            code: "MATRIX-2Y",
            names: { nb: "To år ekstra", en: "Two years more" },
            months: 24,
            covers: { parts: true, labour: true },
            terms: { nb: "Vilkår.", en: "Terms." },
          },
        ],
      }),
  },
  // A line for a unit nobody has: refused by code inside a 200, so each caller's answer is the same.
  "POST /api/v1/service/unit-coverages": {
    allowed: ["service"],
    request: () =>
      ndjson({ identifier: "NOSUCHUNIT0001", plan: "MATRIX-2Y", startsOn: "2026-01-01", reference: "R-1" }),
  },
  // A service partner's key looks up warranties too; a look-up client's key is the other way in.
  "POST /api/v1/partner/warranty-lookup": {
    allowed: ["partner"],
    request: () => json({ identifiers: [nextUnit("tv").serial, "RK3T3AC0050"] }),
  },
  "POST /api/v1/service/lookup-clients": { allowed: ["service"], request: () => json({ name: "Elkjøp" }) },
  "GET /api/v1/service/lookup-clients": { allowed: ["service"] },
  "DELETE /api/v1/service/lookup-clients/:id": {
    allowed: ["service"],
    request: async ({ t }) => ({
      url: `/api/v1/service/lookup-clients/${(await createLookupClient(t.database, t.clock, { name: "Power" })).id}`,
    }),
  },
  "GET /api/v1/me": { allowed: SIGNED_IN, policy: (self) => ({ kind: "profile.read", ownerId: self }) },
  "PATCH /api/v1/me": {
    allowed: SIGNED_IN,
    policy: (self) => ({ kind: "profile.update", ownerId: self }),
    request: () => json({ city: "Oslo" }),
  },
  "GET /api/v1/postcodes/:country/:code": {
    allowed: SIGNED_IN,
    request: () => ({ url: "/api/v1/postcodes/NO/0155" }),
  },
  "GET /api/v1/me/calendar": { allowed: SIGNED_IN },
  "POST /api/v1/me/calendar/rotate": { allowed: SIGNED_IN },
  "DELETE /api/v1/me/calendar": { allowed: SIGNED_IN },
  "GET /api/v1/points": { allowed: SIGNED_IN },
  "GET /api/v1/points/history": { allowed: SIGNED_IN },
  "GET /api/v1/rewards": { allowed: SIGNED_IN },
  "POST /api/v1/rewards/:id/redemptions": {
    allowed: SIGNED_IN,
    // Nobody in the matrix has points that count yet: each is refused by code, and nothing is spent.
    answers: Object.fromEntries(
      SIGNED_IN.map((c) => [
        c,
        { status: 409, code: "points.insufficient", because: "no points that count yet: nothing is spent" },
      ]),
    ),
    request: async (w) => ({ url: `/api/v1/rewards/${await matrixReward(w)}/redemptions`, payload: {} }),
  },
  "GET /api/v1/admin/points-rules": {
    looks: REWARDS_ADMIN,
    allowed: ["editor", "admin"],
    policy: () => ({ kind: "rewards.manage" }),
  },
  "PUT /api/v1/admin/points-rules": {
    looks: REWARDS_ADMIN,
    allowed: ["editor", "admin"],
    policy: () => ({ kind: "rewards.manage" }),
    request: () =>
      json({
        action: "profile-complete",
        categoryCode: null,
        points: 50,
        pendingDays: 0,
        validityMonths: 12,
      }),
  },
  "DELETE /api/v1/admin/points-rules/:id": {
    looks: REWARDS_ADMIN,
    allowed: ["editor", "admin"],
    policy: () => ({ kind: "rewards.manage" }),
    request: async (w) => {
      const id = randomUUID();
      await w.t.database.db
        .insertInto("points_rule")
        .values({
          id,
          action: "registration",
          category_code: `matrix-${id}`,
          points: 1,
          pending_days: 0,
          validity_months: 0,
          updated_at: new Date().toISOString(),
        })
        .execute();
      return { url: `/api/v1/admin/points-rules/${id}` };
    },
  },
  "GET /api/v1/admin/rewards": {
    looks: REWARDS_ADMIN,
    allowed: ["editor", "admin"],
    policy: () => ({ kind: "rewards.manage" }),
  },
  "POST /api/v1/admin/rewards": {
    looks: REWARDS_ADMIN,
    allowed: ["editor", "admin"],
    policy: () => ({ kind: "rewards.manage" }),
    request: () => json(MATRIX_REWARD),
  },
  "PUT /api/v1/admin/rewards/:id": {
    looks: REWARDS_ADMIN,
    allowed: ["editor", "admin"],
    policy: () => ({ kind: "rewards.manage" }),
    request: async (w) => ({ url: `/api/v1/admin/rewards/${await matrixReward(w)}`, payload: MATRIX_REWARD }),
  },
  "POST /api/v1/admin/rewards/:id/codes": {
    looks: REWARDS_ADMIN,
    allowed: ["editor", "admin"],
    policy: () => ({ kind: "rewards.manage" }),
    request: async (w) => ({
      url: `/api/v1/admin/rewards/${await matrixReward(w)}/codes`,
      payload: { codes: `M-${randomUUID()}\nM-${randomUUID()}` },
    }),
  },
  "GET /api/v1/my-page": { allowed: SIGNED_IN },

  "POST /api/v1/identifiers/check": {
    allowed: SIGNED_IN,
    request: () => json({ identifier: nextUnit("phone").serial }),
  },
  "POST /api/v1/registrations": {
    allowed: CUSTOMERS,
    policy: () => ({ kind: "registration.create" }),
    request: async ({ t }) => {
      return json({ identifier: (await freshUnit(t, "phone")).serial });
    },
  },
  "GET /api/v1/registrations": { allowed: SIGNED_IN },
  "GET /api/v1/registrations/:id": {
    allowed: OWNER_AND_STAFF,
    policy: (_self, owner) => ({ kind: "registration.read", ownerId: owner }),
    request: async (w) => ({ url: `/api/v1/registrations/${await ownersProduct(w)}` }),
  },
  "PATCH /api/v1/registrations/:id": {
    allowed: OWNER,
    policy: (_self, owner) => ({ kind: "registration.change", ownerId: owner }),
    request: async (w) => ({
      url: `/api/v1/registrations/${await ownersProduct(w)}`,
      payload: { nickname: "Hytta" },
    }),
  },
  "DELETE /api/v1/registrations/:id": {
    allowed: OWNER,
    policy: (_self, owner) => ({ kind: "registration.change", ownerId: owner }),
    request: async (w) => ({ url: `/api/v1/registrations/${await ownersProduct(w)}` }),
  },
  // The Wi-Fi scanner reports what it found, as the members app does.
  "POST /api/v1/discovered": {
    allowed: [...SIGNED_IN, "scanner"],
    request: ({ t }) =>
      json({
        devices: [
          {
            udn: `uuid:${randomUUID()}`,
            manufacturer: t.config.brandName,
            modelName: "TV",
            modelNumber: "NX-H24-55",
          },
        ],
      }),
  },
  "POST /api/v1/discovered/:id/register": {
    allowed: OWNER,
    request: async (w) => ({ url: `/api/v1/discovered/${await ownersDiscoveredDevice(w)}/register` }),
  },
  "POST /api/v1/transfer-requests": {
    allowed: CUSTOMERS,
    policy: () => ({ kind: "registration.create" }),
    answers: {
      owner: { status: 409, code: "registration.already_yours", because: "the product is the owner's own" },
      app: { status: 409, code: "registration.already_yours", because: "the product is the owner's own" },
    },
    request: async (w) => {
      const id = await ownersProduct(w);
      const row = await w.t.database.db
        .selectFrom("registration")
        .select("unit_serial")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      const body = multipart(
        { identifier: row.unit_serial, note: "I bought it from the owner." },
        RECEIPT_FILE,
      );
      return { headers: body.headers, payload: body.payload };
    },
  },
  "GET /api/v1/transfer-requests": { allowed: SIGNED_IN },
  "GET /api/v1/transfer-requests/:id": {
    allowed: OWNER_AND_STAFF,
    policy: (_self, owner) => ({ kind: "transfer.read", requesterId: owner, ownerId: randomUUID() }),
    request: async (w) => ({ url: `/api/v1/transfer-requests/${await ownersTransferRequest(w)}` }),
  },
  "GET /api/v1/transfer-requests/:id/proof": {
    allowed: OWNER_AND_STAFF,
    policy: (_self, owner) => ({ kind: "transfer.proof", requesterId: owner }),
    request: async (w) => ({ url: `/api/v1/transfer-requests/${await ownersTransferRequest(w)}/proof` }),
  },
  "POST /api/v1/transfer-requests/:id/answer": {
    allowed: OWNER,
    policy: (_self, owner) => ({ kind: "transfer.answer", ownerId: owner }),
    request: async (w) => ({
      url: `/api/v1/transfer-requests/${await transferAskedOfOwner(w)}/answer`,
      payload: { decision: "decline" },
    }),
  },
  "GET /api/v1/staff/transfers": {
    looks: A_QUEUE,
    allowed: AGENTS,
    policy: () => ({ kind: "transfer.decide" }),
  },
  "POST /api/v1/staff/transfers/:id/decision": {
    looks: { lines: 1, because: "deciding reads the request: both people see the look" },
    allowed: AGENTS,
    policy: () => ({ kind: "transfer.decide" }),
    request: async (w) => ({
      url: `/api/v1/staff/transfers/${await ownersTransferRequest(w, true)}/decision`,
      payload: { decision: "refuse", reason: "The receipt names someone else." },
    }),
  },

  "POST /api/v1/labels/decode": {
    allowed: SIGNED_IN,
    request: async () => {
      const body = multipart(
        {},
        { name: "label.png", field: "photo", bytes: await codePng("TVH55", "Code128", 2), type: "image/png" },
      );
      return { headers: body.headers, payload: body.payload };
    },
  },
  "POST /api/v1/labels/interpret": {
    allowed: SIGNED_IN,
    request: () => json({ payload: "hello, this is not a label", format: "QRCode" }),
  },
  "POST /api/v1/labels/register": {
    allowed: CUSTOMERS,
    policy: () => ({ kind: "registration.create" }),
    request: async ({ t }) => {
      return json({ payload: fridgeLink((await freshUnit(t, "fridge")).serial), format: "QRCode" });
    },
  },
  "GET /api/v1/app/consent": { allowed: SIGNED_IN },
  "POST /api/v1/app/consent": { allowed: SIGNED_IN, request: () => json({ textVersion: "2026-11-25" }) },
  "POST /api/v1/webhooks/smarthome": { allowed: PUBLIC, request: smarthomeDelivery },

  "GET /api/v1/device/:userCode": {
    allowed: SIGNED_IN,
    request: async (w) => ({ url: `/api/v1/device/${encodeURIComponent(await shownUserCode(w))}` }),
  },
  "POST /api/v1/device/:userCode/decision": {
    allowed: SIGNED_IN,
    request: async (w) => ({
      url: `/api/v1/device/${encodeURIComponent(await shownUserCode(w))}/decision`,
      payload: { approve: true },
    }),
  },
  "POST /api/v1/tv/register": {
    allowed: ["tv"],
    request: ({ tv }) => json({ serial: tv.serial, model: tv.model }),
  },

  "POST /api/v1/registrations/:id/claims": {
    allowed: OWNER,
    policy: (_self, owner) => ({ kind: "claim.create", ownerId: owner }),
    request: async (w) => {
      const body = multipart({ purchaseDate: "2025-04-01", seller: "Elkjøp" }, { name: "r.pdf", bytes: PDF });
      return { url: `/api/v1/registrations/${await ownersProduct(w)}/claims`, ...body };
    },
  },
  "GET /api/v1/registrations/:id/claims": {
    allowed: OWNER_AND_STAFF,
    policy: (_self, owner) => ({ kind: "claim.read", ownerId: owner }),
    request: async (w) => ({ url: `/api/v1/registrations/${(await ownersClaim(w)).registrationId}/claims` }),
  },
  "GET /api/v1/claims/:id": {
    allowed: OWNER_AND_STAFF,
    policy: (_self, owner) => ({ kind: "claim.read", ownerId: owner }),
    request: async (w) => ({ url: `/api/v1/claims/${(await ownersClaim(w)).claimId}` }),
  },
  "POST /api/v1/claims/:id/reply": {
    allowed: OWNER,
    policy: (_self, owner) => ({ kind: "claim.create", ownerId: owner }),
    request: async (w) => {
      const body = multipart({ message: "Here is a receipt with the date on it." });
      return { url: `/api/v1/claims/${await claimWaitingForOwner(w)}/reply`, ...body };
    },
  },
  "GET /api/v1/claims/:id/files/:fileId": {
    allowed: OWNER_AND_STAFF,
    policy: (_self, owner) => ({ kind: "claim.read", ownerId: owner }),
    request: async (w) => {
      const { claimId, fileId } = await ownersClaim(w);
      return { url: `/api/v1/claims/${claimId}/files/${fileId}` };
    },
  },
  "GET /api/v1/review/claims": {
    allowed: REVIEWERS,
    policy: () => ({ kind: "claim.review" }),
    looks: A_QUEUE,
  },
  "POST /api/v1/review/claims/:id/decision": {
    looks: { lines: 1, because: "the answer is the claim as decided: a look at it" },
    allowed: REVIEWERS,
    policy: () => ({ kind: "claim.review" }),
    request: async (w) => ({
      url: `/api/v1/review/claims/${(await ownersClaim(w)).claimId}/decision`,
      payload: { decision: "in-review" },
    }),
  },
  "GET /api/v1/registrations/:id/repair-options": {
    allowed: OWNER_AND_AGENTS,
    policy: (_self, owner) => ({ kind: "repair.create", ownerId: owner }),
    request: async (w) => ({
      url: `/api/v1/registrations/${(await registeredProduct(w.t, { owner: w.people.owner, kind: "tv" })).registrationId}/repair-options`,
    }),
  },
  "POST /api/v1/registrations/:id/repairs": {
    looks: AN_ACT,
    allowed: OWNER_AND_AGENTS,
    policy: (_self, owner) => ({ kind: "repair.create", ownerId: owner }),
    request: async (w) => ({
      url: `/api/v1/registrations/${(await registeredProduct(w.t, { owner: w.people.owner, kind: "tv" })).registrationId}/repairs`,
      payload: requestBody("tv"),
    }),
  },
  "GET /api/v1/registrations/:id/repairs": {
    allowed: OWNER_AND_STAFF,
    policy: (_self, owner) => ({ kind: "repair.read", ownerId: owner }),
    request: async (w) => ({ url: `/api/v1/registrations/${await ownersProduct(w)}/repairs` }),
  },
  "GET /api/v1/repairs": { allowed: SIGNED_IN },
  "GET /api/v1/repairs/:id": {
    allowed: OWNER_AND_STAFF,
    policy: (_self, owner) => ({ kind: "repair.read", ownerId: owner }),
    request: async (w) => ({ url: `/api/v1/repairs/${(await ownersRepair(w)).id}` }),
  },
  "POST /api/v1/repairs/:id/quote": {
    looks: AN_ACT,
    allowed: OWNER_AND_AGENTS,
    policy: (_self, owner) => ({ kind: "repair.answer", ownerId: owner }),
    request: async (w) => ({
      url: `/api/v1/repairs/${await ownersQuotedRepair(w)}/quote`,
      payload: { decision: "approve" },
    }),
  },
  "POST /api/v1/repairs/:id/cancel": {
    looks: AN_ACT,
    allowed: OWNER_AND_AGENTS,
    policy: (_self, owner) => ({ kind: "repair.answer", ownerId: owner }),
    request: async (w) => ({ url: `/api/v1/repairs/${(await ownersRepair(w)).id}/cancel` }),
  },
  "POST /api/v1/repairs/:id/photos": {
    looks: AN_ACT,
    allowed: OWNER_AND_AGENTS,
    policy: (_self, owner) => ({ kind: "repair.answer", ownerId: owner }),
    request: async (w) => {
      const body = multipart(
        {},
        { name: "fault.jpg", field: "photo", bytes: jpeg(32, 24, []), type: "image/jpeg" },
      );
      return { url: `/api/v1/repairs/${(await ownersRepair(w)).id}/photos`, ...body };
    },
  },
  "GET /api/v1/repairs/:id/photos/:photoId": {
    allowed: OWNER_AND_STAFF,
    policy: (_self, owner) => ({ kind: "repair.read", ownerId: owner }),
    request: async (w) => {
      const { repairId, photoId } = await ownersRepairPhoto(w);
      return { url: `/api/v1/repairs/${repairId}/photos/${photoId}` };
    },
  },
  "POST /api/v1/repairs/:id/tracking-link": {
    looks: AN_ACT,
    allowed: OWNER_AND_AGENTS,
    policy: (_self, owner) => ({ kind: "repair.answer", ownerId: owner }),
    request: async (w) => ({ url: `/api/v1/repairs/${(await ownersRepair(w)).id}/tracking-link` }),
  },
  "DELETE /api/v1/repairs/:id/tracking-link": {
    looks: AN_ACT,
    allowed: OWNER_AND_AGENTS,
    policy: (_self, owner) => ({ kind: "repair.answer", ownerId: owner }),
    request: async (w) => ({ url: `/api/v1/repairs/${(await ownersRepair(w)).id}/tracking-link` }),
  },
  "GET /api/v1/track/:token": {
    allowed: PUBLIC,
    request: async (w) => ({ url: `/api/v1/track/${await ownersTrackingToken(w)}` }),
  },
  "GET /api/v1/staff/repairs": { allowed: STAFF, policy: () => ({ kind: "repair.staff" }), looks: A_QUEUE },
  "POST /api/v1/staff/repairs/:id/verdict": {
    looks: AN_ACT,
    allowed: STAFF,
    policy: () => ({ kind: "repair.verdict" }),
    request: async (w) => ({
      url: `/api/v1/staff/repairs/${(await ownersRepair(w)).id}/verdict`,
      payload: { verdict: "not-covered", reason: "Water damage." },
    }),
  },
  "GET /api/v1/staff/repairs/:id/centres": {
    looks: { lines: 1, because: "the centres for the owner's repair, by their postcode" },
    allowed: AGENTS,
    policy: () => ({ kind: "repair.assign" }),
    request: async (w) => ({ url: `/api/v1/staff/repairs/${(await ownersRepair(w)).id}/centres` }),
  },
  "POST /api/v1/staff/repairs/:id/hand-over": {
    looks: AN_ACT,
    allowed: AGENTS,
    policy: () => ({ kind: "repair.assign" }),
    request: async (w) => {
      const repair = await ownersRepairWithCustomerService(w);
      return { url: `/api/v1/staff/repairs/${repair.id}/hand-over`, payload: { centreId: repair.centreId } };
    },
  },
  "GET /api/v1/staff/products": {
    looks: { lines: 1, because: "the search shows the owner and their product" },
    allowed: AGENTS,
    policy: () => ({ kind: "customer.find" }),
    request: async (w) => {
      const [unit] = await w.t.database.db
        .selectFrom("registration")
        .select("unit_serial")
        .where("id", "=", await ownersProduct(w))
        .execute();
      return { url: `/api/v1/staff/products?identifier=${unit?.unit_serial}` };
    },
  },
  "GET /api/v1/staff/search": {
    looks: { lines: 1, because: "the search shows the owner" },
    allowed: AGENTS,
    policy: () => ({ kind: "customer.find" }),
    request: (w) => ({ url: `/api/v1/staff/search?q=${encodeURIComponent(w.people.owner.email)}` }),
  },
  "POST /api/v1/staff/customers/:ownerId/access-reason": {
    allowed: STAFF,
    policy: () => ({ kind: "customer.open" }),
    looks: { lines: 0, because: "a reason opens the records; the looks that follow are logged with it" },
    request: (w) => ({
      url: `/api/v1/staff/customers/${w.people.owner.userId}/access-reason`,
      payload: { reason: "owner-contact", note: "The owner called." },
    }),
  },
  "GET /api/v1/staff/customers/:ownerId": {
    looks: { lines: 1, because: "the whole record is one look" },
    allowed: AGENTS,
    policy: () => ({ kind: "customer.read" }),
    request: (w) => ({ url: `/api/v1/staff/customers/${w.people.owner.userId}` }),
  },
  "POST /api/v1/staff/customers/:ownerId/notes": {
    looks: AN_ACT,
    allowed: AGENTS,
    policy: () => ({ kind: "customer.act" }),
    request: (w) => ({
      url: `/api/v1/staff/customers/${w.people.owner.userId}/notes`,
      payload: { text: "Called about the fridge." },
    }),
  },
  "POST /api/v1/staff/customers/:ownerId/sessions/end": {
    looks: AN_ACT,
    allowed: AGENTS,
    policy: () => ({ kind: "customer.act" }),
    // Another customer's: the world owner's sessions carry the rest of the matrix.
    request: async (w) => {
      const other = await freshOwner(w.t);
      return { url: `/api/v1/staff/customers/${other.userId}/sessions/end`, payload: {} };
    },
  },
  "POST /api/v1/staff/customers/:ownerId/verification-mail": {
    looks: AN_ACT,
    allowed: AGENTS,
    policy: () => ({ kind: "customer.act" }),
    answers: {
      agent: {
        status: 409,
        code: "customer.already_verified",
        because: "the world owner confirmed the address",
      },
      admin: {
        status: 409,
        code: "customer.already_verified",
        because: "the world owner confirmed the address",
      },
    },
    request: (w) => ({
      url: `/api/v1/staff/customers/${w.people.owner.userId}/verification-mail`,
      payload: {},
    }),
  },
  "POST /api/v1/staff/products/:registrationId/purchase-date": {
    looks: { lines: 1, because: "the answer is the owner's product" },
    allowed: AGENTS,
    policy: () => ({ kind: "customer.act" }),
    // A new date for each caller: the same date again is refused as unchanged.
    request: async (w) => ({
      url: `/api/v1/staff/products/${await ownersProduct(w)}/purchase-date`,
      payload: {
        purchaseDate: `2025-01-${String(10 + (correctedDates++ % 18)).padStart(2, "0")}`,
        reason: "Receipt read out on the phone.",
      },
    }),
  },
  "GET /api/v1/admin/staff": {
    looks: { lines: 0, because: "staff accounts, no owner's records" },
    allowed: ["admin"],
    policy: () => ({ kind: "staff.manage" }),
  },
  "POST /api/v1/admin/staff": {
    looks: { lines: 0, because: "staff accounts, no owner's records" },
    allowed: ["admin"],
    policy: () => ({ kind: "staff.manage" }),
    request: () => json({ email: `staff-${randomUUID()}@example.com`, name: "Nils Agent", role: "agent" }),
  },
  "PATCH /api/v1/admin/staff/:id": {
    looks: { lines: 0, because: "staff accounts, no owner's records" },
    allowed: ["admin"],
    policy: () => ({ kind: "staff.manage" }),
    request: async (w) => ({
      url: `/api/v1/admin/staff/${(await freshOwner(w.t, "agent")).userId}`,
      payload: { role: "reviewer" },
    }),
  },
  "DELETE /api/v1/admin/staff/:id": {
    looks: { lines: 0, because: "staff accounts, no owner's records" },
    allowed: ["admin"],
    policy: () => ({ kind: "staff.manage" }),
    request: async (w) => ({ url: `/api/v1/admin/staff/${(await freshOwner(w.t, "agent")).userId}` }),
  },
  "GET /api/v1/me/access-log": { allowed: SIGNED_IN },
  "GET /api/v1/me/consents": { allowed: SIGNED_IN },
  "GET /api/v1/me/deletion": { allowed: CUSTOMERS },
  "POST /api/v1/me/deletion": {
    allowed: CUSTOMERS,
    policy: (self) => ({ kind: "account.delete", ownerId: self }),
    answers: {
      stranger: {
        status: 403,
        code: "account.password_wrong",
        because: "a wrong password: nothing is deleted",
      },
      owner: { status: 403, code: "account.password_wrong", because: "a wrong password: nothing is deleted" },
      app: { status: 403, code: "account.password_wrong", because: "a wrong password: nothing is deleted" },
    },
    request: () => json({ password: "not the password" }),
  },
  "GET /api/v1/me/exports": { allowed: SIGNED_IN },
  "POST /api/v1/me/exports": { allowed: SIGNED_IN },
  "GET /api/v1/me/exports/:id/file": {
    allowed: SIGNED_IN,
    answers: {
      stranger: {
        status: 404,
        code: "export.not_found",
        because: "the copy is the owner's: anyone else finds none",
      },
      agent: {
        status: 404,
        code: "export.not_found",
        because: "the copy is the owner's: anyone else finds none",
      },
      reviewer: {
        status: 404,
        code: "export.not_found",
        because: "the copy is the owner's: anyone else finds none",
      },
      editor: {
        status: 404,
        code: "export.not_found",
        because: "the copy is the owner's: anyone else finds none",
      },
      admin: {
        status: 404,
        code: "export.not_found",
        because: "the copy is the owner's: anyone else finds none",
      },
    },
    request: async (w) => ({ url: `/api/v1/me/exports/${await ownersReadyExport(w)}/file` }),
  },
  "PUT /api/v1/me/consents/:purpose": {
    allowed: SIGNED_IN,
    request: () => ({
      url: "/api/v1/me/consents/recommendations",
      ...json({ given: true, textVersion: TEXT_VERSIONS.recommendations }),
    }),
  },
  "PUT /api/v1/service/service-network": { allowed: ["service"], request: () => json(demoServiceNetwork) },
  "GET /api/v1/partner/jobs": { allowed: ["partner"] },
  "GET /api/v1/partner/jobs/:number": {
    allowed: ["partner"],
    request: async (w) => ({ url: `/api/v1/partner/jobs/${(await ownersRepair(w)).requestNumber}` }),
  },
  "GET /api/v1/partner/jobs/:number/photos/:photoId": {
    allowed: ["partner"],
    request: async (w) => {
      const { requestNumber, photoId } = await ownersRepairPhoto(w);
      return { url: `/api/v1/partner/jobs/${requestNumber}/photos/${photoId}` };
    },
  },
  "POST /api/v1/partner/jobs/:number/accept": {
    allowed: ["partner"],
    request: async (w) => ({
      url: `/api/v1/partner/jobs/${(await ownersRepair(w)).requestNumber}/accept`,
      payload: {},
    }),
  },
  "POST /api/v1/partner/jobs/:number/reject": {
    allowed: ["partner"],
    request: async (w) => ({
      url: `/api/v1/partner/jobs/${(await ownersRepair(w)).requestNumber}/reject`,
      payload: { reason: "No technician free." },
    }),
  },
  "POST /api/v1/partner/jobs/:number/events": {
    allowed: ["partner"],
    request: async (w) => {
      const repair = await ownersRepair(w);
      await asPartner(w.t, w.partnerKey, "POST", `/jobs/${repair.requestNumber}/accept`, {});
      return {
        url: `/api/v1/partner/jobs/${repair.requestNumber}/events`,
        payload: statusEvent("received", {}, new Date(Date.now() + 1000)),
      };
    },
  },
  "GET /api/v1/editor/content": { allowed: EDITORS, policy: CONTENT, looks: NO_RECORDS },
  "POST /api/v1/editor/content": {
    allowed: EDITORS,
    policy: CONTENT,
    looks: NO_RECORDS,
    request: () => json(CONTENT_DRAFT),
  },
  "GET /api/v1/editor/content/:id": {
    allowed: EDITORS,
    policy: CONTENT,
    looks: NO_RECORDS,
    request: async (w) => ({ url: `/api/v1/editor/content/${await editorsItem(w)}` }),
  },
  "PUT /api/v1/editor/content/:id": {
    allowed: EDITORS,
    policy: CONTENT,
    looks: NO_RECORDS,
    request: async (w) => ({ url: `/api/v1/editor/content/${await editorsItem(w)}`, payload: CONTENT_DRAFT }),
  },
  "GET /api/v1/editor/content/:id/preview": {
    allowed: EDITORS,
    policy: CONTENT,
    looks: NO_RECORDS,
    request: async (w) => ({ url: `/api/v1/editor/content/${await editorsItem(w)}/preview` }),
  },
  "POST /api/v1/editor/content/:id/publish": {
    allowed: EDITORS,
    policy: CONTENT,
    looks: NO_RECORDS,
    request: async (w) => ({ url: `/api/v1/editor/content/${await editorsItem(w)}/publish` }),
  },
  "POST /api/v1/editor/content/:id/unpublish": {
    allowed: EDITORS,
    policy: CONTENT,
    looks: NO_RECORDS,
    request: async (w) => ({ url: `/api/v1/editor/content/${await editorsItem(w)}/unpublish` }),
  },
  "POST /api/v1/editor/images": {
    allowed: EDITORS,
    policy: CONTENT,
    looks: NO_RECORDS,
    request: imageUpload,
  },
  "GET /api/v1/content/images/:id": {
    allowed: PUBLIC,
    // Anyone sees an image a published item shows (one not yet published is for editors only).
    request: async (w) => ({ url: `/api/v1/content/images/${await publishedImage(w)}` }),
  },
  "GET /api/v1/faq": { allowed: PUBLIC },
  "POST /api/v1/editor/faq": {
    allowed: EDITORS,
    policy: CONTENT,
    looks: NO_RECORDS,
    request: () => json(FAQ_DRAFT),
  },
  "PUT /api/v1/editor/faq/:id": {
    allowed: EDITORS,
    policy: CONTENT,
    looks: NO_RECORDS,
    request: async (w) => ({ url: `/api/v1/editor/faq/${await editorsFaq(w)}`, payload: FAQ_DRAFT }),
  },
  "DELETE /api/v1/editor/faq/:id": {
    allowed: EDITORS,
    policy: CONTENT,
    looks: NO_RECORDS,
    request: async (w) => ({ url: `/api/v1/editor/faq/${await editorsFaq(w)}` }),
  },
  // From another machine (every matrix request is): only an admin reads the demo mailbox.
  "GET /api/v1/dev/mail": {
    allowed: ["admin"],
    policy: () => ({ kind: "dev.mailbox" }),
    looks: { lines: 0, because: "the demo mailbox of a demo portal holds mails, not records" },
  },
};

const routeKeys = (table: readonly RouteEntry[]) =>
  table
    .filter((r) => r.url.startsWith("/api/v1/"))
    .flatMap((r) => r.methods.filter((m) => m !== "HEAD").map((m) => `${m} ${r.url}`));

/** What a refused caller must get: 401 without the credentials the route takes, else 403. */
function refusal(caller: Caller, route: RouteEntry): number {
  if (route.access === "service" || route.access === "partner") return 401;
  if (caller === "anonymous" || caller === "service" || caller === "partner")
    return route.access === "public" ? 403 : 401;
  return 403;
}

async function verdict(
  world: World,
  key: string,
  row: Row,
  route: RouteEntry,
  caller: Caller,
  request: Request,
) {
  const [method, path] = key.split(" ") as [string, string];
  const staff = caller === "agent" || caller === "reviewer" || caller === "admin";
  const before = staff ? await accessLines(world) : 0;
  const res = await world.t.app.inject({
    method: method as "GET",
    url: request.url ?? path,
    remoteAddress: REMOTE_ADDRESS,
    headers: { ...request.headers, ...credentials(world, caller) },
    ...(request.payload !== undefined ? { payload: request.payload } : {}),
  });
  const code = res.headers["content-type"]?.includes("json")
    ? (res.json() as { code?: unknown }).code
    : undefined;
  const got = `${res.statusCode}${typeof code === "string" ? ` ${code}` : ""}`;
  if (row.allowed.includes(caller)) {
    const answer = row.answers?.[caller];
    if (answer)
      return got === `${answer.status} ${answer.code}`
        ? null
        : `${caller}: let in, expected ${answer.status} ${answer.code}, got ${got}`;
    if (res.statusCode >= 300) return `${caller}: let in, expected 2xx, got ${got}`;
    const lines = (staff ? await accessLines(world) : 0) - before;
    const expected = staff ? (row.looks?.lines ?? (ownersRecords(row) ? 1 : 0)) : 0;
    return lines === expected
      ? null
      : `${caller}: let in, expected ${expected} line(s) in the owner's access log, got ${lines}`;
  }
  const status = refusal(caller, route);
  const coded = typeof code === "string" && (ERROR_CODES as Record<string, number>)[code] === status;
  return res.statusCode === status && coded
    ? null
    : `${caller}: refused, expected ${status} with a code, got ${got}`;
}

/** A route for the owner and staff but not for any other customer: it shows staff the owner's records. */
const ownersRecords = (row: Row) => row.allowed.includes("owner") && !row.allowed.includes("stranger");

/** How many lines the world's owner has in the access log. */
async function accessLines(world: World): Promise<number> {
  const row = await world.t.database.db
    .selectFrom("access_log")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("owner_id", "=", world.people.owner.userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function actorOf(person: Person, userId: string): Actor {
  return {
    userId,
    email: `${person}@example.com`,
    name: person,
    role: PEOPLE[person],
    locale: "nb",
    emailVerified: true,
    sessionId: `session-${person}`,
    client: "web",
    device: null,
  };
}

describe("the role × route table", () => {
  it("says, for every route staff alone reach, how many lines it adds to the owner's access log", () => {
    const silent = Object.entries(MATRIX)
      .filter(([, row]) => row.allowed.some((c) => c === "agent" || c === "reviewer" || c === "admin"))
      .filter(([, row]) => !row.allowed.includes("owner") && !row.allowed.includes("stranger"))
      .filter(([, row]) => row.looks === undefined)
      .map(([key]) => key);
    expect(silent).toEqual([]);
  });

  it("lets in exactly the people the policy allows, on every row that names its decision", () => {
    const wrong: string[] = [];
    for (const [key, row] of Object.entries(MATRIX)) {
      if (!row.policy) continue;
      for (const person of Object.keys(PEOPLE) as Person[]) {
        const allowed = can(actorOf(person, person), row.policy(person, "owner"));
        if (allowed !== row.allowed.includes(person))
          wrong.push(`${key}: ${person} (policy says ${allowed})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

for (const dialect of dialects()) {
  describe(`every /api/v1 route as every caller on ${dialect}`, () => {
    let t: TestApp;
    let world: World;
    let routes: Map<string, RouteEntry>;
    beforeAll(async () => {
      t = await startTestApp(dialect, MATRIX_ENV);
      await seedCatalogue(t.database);
      world = await makeWorld(t);
      routes = new Map(t.app.routeTable.flatMap((r) => r.methods.map((m) => [`${m} ${r.url}`, r] as const)));
    }, 120_000);
    afterAll(() => t.close());

    it("has a row for every /api/v1 route, and a route for every row", () => {
      expect(Object.keys(MATRIX).sort()).toEqual([...new Set(routeKeys(t.app.routeTable))].sort());
    });

    it("agrees with what each route declares: its access and its clients", () => {
      const wrong: string[] = [];
      for (const [key, row] of Object.entries(MATRIX)) {
        const route = routes.get(key);
        if (!route) continue;
        const access = route.access ?? "user";
        if (access === "service" && row.allowed.some((c) => c !== "service"))
          wrong.push(`${key}: service only`);
        if (access === "user" && (row.allowed.includes("anonymous") || row.allowed.includes("service")))
          wrong.push(`${key}: signed-in only`);
        const clients = route.clients ?? DEFAULT_CLIENTS;
        // The members app is the owner with a bearer token: let in where the owner is, if the route takes it.
        const app = row.allowed.includes("owner") && clients.includes("app");
        if (row.allowed.includes("app") !== app)
          wrong.push(
            `${key}: the app should be ${app ? "let in" : "refused"} as the owner is, the table not`,
          );
        for (const device of Object.keys(DEVICES) as (keyof typeof DEVICES)[]) {
          const declared = clients.includes(device);
          if (row.allowed.includes(device) !== declared)
            wrong.push(
              `${key}: the route ${declared ? "takes" : "refuses"} a ${device} token, the table not`,
            );
        }
      }
      expect(wrong).toEqual([]);
    });

    for (const [key, row] of Object.entries(MATRIX)) {
      const who = row.allowed.length === 0 ? "nobody" : row.allowed.join(", ");
      it(`${key} lets in ${who} and refuses every other caller`, async () => {
        const route = routes.get(key);
        expect(route, `${key} is not a route`).toBeDefined();
        if (!route) return;
        // A read is built once; a write gets fresh resources per caller, so one caller's change
        // (a removed product, a decided claim) never decides another's answer.
        const shared = key.startsWith("GET ") ? await (row.request?.(world) ?? {}) : null;
        const wrong: string[] = [];
        for (const caller of CALLERS) {
          const request = shared ?? (await (row.request?.(world) ?? {}));
          const problem = await verdict(world, key, row, route, caller, request);
          if (problem) wrong.push(problem);
        }
        expect(wrong).toEqual([]);
      }, 60_000);
    }
  });
}
