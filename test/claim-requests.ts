import type { ClaimsContext } from "../src/features/claims/context.ts";
import { listClaimsOfRegistration } from "../src/features/claims/queries.ts";
import { localDiskStorage } from "../src/features/claims/storage.ts";
import type { Actor } from "../src/server/actor.ts";
import type { ManualClock } from "./clock.ts";
import { registeredProduct } from "./factories.ts";
import { multipart, type SignedIn, type TestApp } from "./harness.ts";

/** What the claims tests send, as the web client sends it. For tests only. */

export const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
export const RECEIPT = { name: "kvittering.pdf", bytes: PDF };
export const VALID_FORM = { purchaseDate: "2025-04-01", seller: "Elkjøp" };

export type ProofUpload = { name: string; bytes: Uint8Array; type?: string };

/** POST a claim for a registration, as multipart/form-data. */
export function submitClaimRequest(
  t: TestApp,
  headers: Record<string, string>,
  registrationId: string,
  fields: Record<string, string> = VALID_FORM,
  file: ProofUpload | null = RECEIPT,
) {
  const body = multipart(fields, file ?? undefined);
  return t.app.inject({
    method: "POST",
    url: `/api/v1/registrations/${registrationId}/claims`,
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
}

/** POST the owner's reply to a request for more information. */
export function replyRequest(
  t: TestApp,
  headers: Record<string, string>,
  claimId: string,
  fields: Record<string, string>,
  file?: ProofUpload,
) {
  const body = multipart(fields, file);
  return t.app.inject({
    method: "POST",
    url: `/api/v1/claims/${claimId}/reply`,
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
}

/** POST a reviewer's decision. */
export function decisionRequest(
  t: TestApp,
  headers: Record<string, string>,
  claimId: string,
  payload: object,
) {
  return t.app.inject({
    method: "POST",
    url: `/api/v1/review/claims/${claimId}/decision`,
    headers,
    payload,
  });
}

/** GET with a cookie session (reads need no CSRF token). */
export function getAs(t: TestApp, user: SignedIn | null, url: string) {
  return t.app.inject({ method: "GET", url, headers: user ? { cookie: user.cookie } : {} });
}

/** The services' context of a test app, for tests that call a service directly. */
export function claimsContext(t: TestApp): ClaimsContext {
  return {
    database: t.database,
    config: t.config,
    clock: t.clock,
    storage: localDiskStorage(t.config.filesDir),
  };
}

/**
 * The actor a signed-in test user is, for calling a service directly. Only who they are and their
 * role matter to the claims services; the rest is what a web session would carry.
 */
export function actorOf(user: SignedIn, role: Actor["role"] = "customer"): Actor {
  return {
    userId: user.userId,
    email: user.email,
    name: user.email,
    role,
    locale: "nb",
    emailVerified: true,
    sessionId: `test-${user.userId}`,
    client: "web",
    device: null,
  };
}

/**
 * The steps of claims as owners and a reviewer take them over HTTP, each a second after the one
 * before on the test's clock, so that a claim's history has one order.
 */
export function claimSteps(app: () => TestApp, clock: ManualClock, reviewer: () => SignedIn) {
  const steps = {
    submit(
      headers: Record<string, string>,
      registrationId: string,
      fields?: Record<string, string>,
      file?: ProofUpload | null,
    ) {
      clock.advance(1_000);
      return submitClaimRequest(app(), headers, registrationId, fields, file);
    },
    decide(claimId: string, payload: object, as: SignedIn = reviewer()) {
      clock.advance(1_000);
      return decisionRequest(app(), as.headers, claimId, payload);
    },
    reply(as: SignedIn, claimId: string, fields: Record<string, string>, file?: ProofUpload) {
      clock.advance(1_000);
      return replyRequest(app(), as.headers, claimId, fields, file);
    },
    /** The product's claims as the database has them, newest first. */
    async claimsOf(registrationId: string) {
      const rows = await listClaimsOfRegistration(app().database.db, registrationId);
      return rows.map((r) => ({ id: r.id, status: r.status }));
    },
    /** A fridge registered by a fresh owner, with a submitted claim on it. */
    async claimedFridge() {
      const product = await registeredProduct(app(), { kind: "fridge" });
      const res = await steps.submit(product.owner.headers, product.registrationId);
      if (res.statusCode !== 201) throw new Error(`the claim was refused: ${res.body}`);
      return { ...product, claim: res.json() };
    },
  };
  return steps;
}
