/**
 * What the scale benchmark sends: each measure as the web app sends it (cookie session, CSRF
 * token on writes), rotating over the measured owners so that no owner's rows stay hot.
 */
import { randomBytes } from "node:crypto";
import type { LoadRequest } from "./load.ts";
import type { BenchOwner } from "./sessions.ts";

/** A measure: what it sends, what warms the portal up first, and whether each request is sent once. */
export interface Measure {
  name: string;
  requests: LoadRequest[];
  warmup: LoadRequest[];
  once: boolean;
}

/** The people and rows one portal's measures use. */
export interface MeasuredPortal {
  readers: BenchOwner[];
  writers: BenchOwner[];
  reviewerCookie: string;
  /** The customer-service agent who searches, and what they type: e-mails, serials misread, names. */
  agentCookie: string;
  searchTerms: string[];
  /** Each reader's and writer's products, in the order of `readers` and `writers`. */
  readerProducts: string[][];
  writerProducts: { id: string; purchaseDate: string }[][];
  /** Registrable units nobody has registered. */
  spare: string[];
  /** Serials from across the registry, for the identifier check. */
  spread: string[];
  /** Each reader's repairs, in the order of `readers`. */
  readerRepairs: string[][];
  /** Each writer's products a repair can be asked for, with what the request form sends for it. */
  writerRepairables: { id: string; body: unknown }[][];
  /** Jobs the partner has accepted and not moved on, by job number, and the partner's key. */
  jobs: string[];
  partnerKey: string;
  /** A warranty look-up client's key (its limit out of the way, as the look-up limits are). */
  lookupKey: string;
}

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const WARMUP = 200;
/** What My Page (src/web/pages/dashboard.tsx) reads: one summary. */
const MY_PAGE = "/api/v1/my-page";

const get = (owner: BenchOwner, path: string): LoadRequest => ({ path, headers: { cookie: owner.cookie } });

function postJson(owner: BenchOwner, path: string, body: unknown): LoadRequest {
  return {
    method: "POST",
    path,
    headers: { "content-type": "application/json", cookie: owner.cookie, "x-csrf-token": owner.csrf },
    body: JSON.stringify(body),
  };
}

/** A claim as the web form sends it: two fields and the proof (multipart/form-data). */
export function claimRequest(owner: BenchOwner, product: { id: string; purchaseDate: string }): LoadRequest {
  const boundary = `----scale${randomBytes(8).toString("hex")}`;
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body = Buffer.concat([
    Buffer.from(field("purchaseDate", product.purchaseDate) + field("seller", "Elkjøp")),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="proof"; filename="kvittering.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    Buffer.from(PDF),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return {
    method: "POST",
    path: `/api/v1/registrations/${product.id}/claims`,
    headers: {
      "content-type": `multipart/form-data; boundary=${boundary}`,
      cookie: owner.cookie,
      "x-csrf-token": owner.csrf,
    },
    body,
  };
}

/** Element `i` of a list that must hold it. */
function at<T>(list: readonly T[], i: number): T {
  const item = list[i % list.length];
  if (item === undefined) throw new Error("an empty list of requests");
  return item;
}

/** Product `p` of every owner, then product `p + 1` of every owner, …: the next request is another owner's. */
function byRound<T>(lists: T[][]): { owner: number; item: T }[] {
  const rounds = Math.max(0, ...lists.map((l) => l.length));
  const out: { owner: number; item: T }[] = [];
  for (let p = 0; p < rounds; p++)
    lists.forEach((list, owner) => {
      const item = list[p];
      if (item !== undefined) out.push({ owner, item });
    });
  return out;
}

/** A partner's status event on a job, as its system sends it: its own event id, when it happened. */
function partnerEvent(key: string, job: string): LoadRequest {
  return {
    method: "POST",
    path: `/api/v1/partner/jobs/${job}/events`,
    headers: { "content-type": "application/json", "x-partner-key": key },
    body: JSON.stringify({
      eventId: randomBytes(12).toString("hex"),
      occurredAt: new Date().toISOString(),
      status: "received",
    }),
  };
}

/** The identifiers one warranty look-up sends: as many as a call takes. */
const LOOKUP_BATCH = 100;

/**
 * A retailer's warranty look-up of 100 serials from across the registry, as its system sends it;
 * each batch starts 20 serials after the last, so consecutive batches share few units.
 */
function warrantyLookups(key: string, serials: readonly string[]): LoadRequest[] {
  return Array.from({ length: Math.ceil(serials.length / 20) }, (_, i) => ({
    method: "POST",
    path: "/api/v1/partner/warranty-lookup",
    headers: { "content-type": "application/json", "x-partner-key": key },
    body: JSON.stringify({
      identifiers: Array.from({ length: LOOKUP_BATCH }, (_, j) => at(serials, i * 20 + j)),
    }),
  }));
}

/**
 * The measures of issues 12, 13 and 14, in the order they run (reads first: writes change the
 * portal): the owner's pages and repair page, the identifier check, the queue, customer
 * service's search box and a partner's warranty look-up of 100 serials; then a registration, a
 * claim, a repair request and a partner's event.
 */
export function scaleMeasures(portal: MeasuredPortal): Measure[] {
  const { readers, writers } = portal;
  const read = (name: string, requests: LoadRequest[]): Measure => ({
    name,
    requests,
    warmup: requests.slice(0, WARMUP * 2),
    once: false,
  });
  const registrations = portal.spare.map((serial, i) =>
    postJson(at(writers, i), "/api/v1/registrations", { identifier: serial }),
  );
  const claims = byRound(portal.writerProducts).map(({ owner, item }) =>
    claimRequest(at(writers, owner), item),
  );
  const repairRequests = byRound(portal.writerRepairables).map(({ owner, item }) =>
    postJson(at(writers, owner), `/api/v1/registrations/${item.id}/repairs`, item.body),
  );
  const events = portal.jobs.map((job) => partnerEvent(portal.partnerKey, job));
  return [
    read(
      "my-page",
      readers.map((owner) => get(owner, MY_PAGE)),
    ),
    read(
      "my-products",
      readers.map((owner) => get(owner, "/api/v1/registrations")),
    ),
    read(
      "product-page",
      byRound(portal.readerProducts).map(({ owner, item }) =>
        get(at(readers, owner), `/api/v1/registrations/${item}`),
      ),
    ),
    read(
      "identifier-check",
      portal.spread.map((serial, i) =>
        postJson(at(readers, i), "/api/v1/identifiers/check", { identifier: serial }),
      ),
    ),
    read("review-queue", [{ path: "/api/v1/review/claims", headers: { cookie: portal.reviewerCookie } }]),
    read(
      "customer-search",
      portal.searchTerms.map((q) => ({
        path: `/api/v1/staff/search?${new URLSearchParams({ q })}`,
        headers: { cookie: portal.agentCookie },
      })),
    ),
    read(
      "repair-page",
      byRound(portal.readerRepairs).map(({ owner, item }) =>
        get(at(readers, owner), `/api/v1/repairs/${item}`),
      ),
    ),
    read("warranty-lookup", warrantyLookups(portal.lookupKey, portal.spread)),
    {
      name: "registration",
      warmup: registrations.slice(0, WARMUP),
      requests: registrations.slice(WARMUP),
      once: true,
    },
    { name: "claim", warmup: claims.slice(0, WARMUP / 2), requests: claims.slice(WARMUP / 2), once: true },
    {
      name: "repair-request",
      warmup: repairRequests.slice(0, WARMUP / 2),
      requests: repairRequests.slice(WARMUP / 2),
      once: true,
    },
    {
      name: "partner-event",
      warmup: events.slice(0, WARMUP / 4),
      requests: events.slice(WARMUP / 4),
      once: true,
    },
  ];
}
