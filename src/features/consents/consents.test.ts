import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import {
  ACCEPTED_TERMS,
  dialects,
  type SignedIn,
  startTestApp,
  type TestApp,
} from "../../../test/harness.ts";
import { TEXT_VERSIONS } from "../../domain/consent.ts";

for (const dialect of dialects()) {
  describe(`consents on ${dialect}`, () => {
    const clock = manualClock("2026-12-03T09:00:00Z");
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect, {}, undefined, clock);
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    const overview = async (owner: SignedIn) =>
      (await t.app.inject({ method: "GET", url: "/api/v1/me/consents", headers: owner.headers })).json();
    const answer = (owner: SignedIn, purpose: string, payload: unknown, headers = owner.headers) =>
      t.app.inject({
        method: "PUT",
        url: `/api/v1/me/consents/${purpose}`,
        headers,
        payload: payload as object,
      });
    const productPage = async (owner: SignedIn, id: string) =>
      (
        await t.app.inject({ method: "GET", url: `/api/v1/registrations/${id}`, headers: owner.headers })
      ).json();

    it("starts with nothing given, and keeps every change as a line of history", async () => {
      const owner = await freshOwner(t);
      const first = await overview(owner);
      expect(first.purposes).toEqual([
        {
          purpose: "recommendations",
          given: false,
          currentVersion: TEXT_VERSIONS.recommendations,
          askAgain: false,
          answeredAt: null,
        },
        {
          purpose: "marketing-mail",
          given: false,
          currentVersion: TEXT_VERSIONS["marketing-mail"],
          askAgain: false,
          answeredAt: null,
        },
        {
          purpose: "app-own-devices",
          given: false,
          currentVersion: TEXT_VERSIONS["app-own-devices"],
          askAgain: false,
          answeredAt: null,
        },
      ]);
      expect(first.history).toEqual([]);

      const version = TEXT_VERSIONS["marketing-mail"];
      const given = await answer(owner, "marketing-mail", { given: true, textVersion: version });
      expect(given.statusCode).toBe(200);
      expect(given.json().purposes[1]).toMatchObject({ given: true, answeredAt: "2026-12-03T09:00:00.000Z" });
      // The same answer again changes nothing and adds no line.
      clock.advance(60_000);
      await answer(owner, "marketing-mail", { given: true, textVersion: version });
      clock.advance(60_000);
      const withdrawn = await answer(owner, "marketing-mail", { given: false, textVersion: version });
      expect(withdrawn.json().purposes[1]).toMatchObject({
        given: false,
        answeredAt: "2026-12-03T09:02:00.000Z",
      });
      expect(withdrawn.json().history).toEqual([
        {
          purpose: "marketing-mail",
          given: false,
          textVersion: version,
          source: "web",
          at: "2026-12-03T09:02:00.000Z",
        },
        {
          purpose: "marketing-mail",
          given: true,
          textVersion: version,
          source: "web",
          at: "2026-12-03T09:00:00.000Z",
        },
      ]);
      const audit = await t.database.db
        .selectFrom("audit_log")
        .select("action")
        .where("owner_id", "=", owner.userId)
        .where("subject_type", "=", "consent")
        .orderBy("id")
        .execute();
      expect(audit.map((a) => a.action)).toEqual(["consent.given", "consent.withdrawn"]);
    });

    it("refuses an answer to an earlier text, a purpose it does not know, and a body that is not an answer", async () => {
      const owner = await freshOwner(t);
      const old = await answer(owner, "recommendations", { given: true, textVersion: "2020-01-01" });
      expect([old.statusCode, old.json().code, old.json().currentVersion]).toEqual([
        409,
        "consent.text_outdated",
        TEXT_VERSIONS.recommendations,
      ]);
      const unknown = await answer(owner, "terms", { given: false, textVersion: TEXT_VERSIONS.terms });
      expect([unknown.statusCode, unknown.json().code]).toEqual([400, "request.invalid"]);
      for (const body of [
        { given: "yes", textVersion: "x" },
        { given: true },
        { given: true, textVersion: "x", extra: 1 },
      ]) {
        const bad = await answer(owner, "recommendations", body);
        expect([bad.statusCode, bad.json().code]).toEqual([400, "request.invalid"]);
      }
      const huge = await answer(owner, "recommendations", { given: true, textVersion: "x".repeat(100_000) });
      expect(huge.statusCode).toBe(400);
      expect((await overview(owner)).history).toEqual([]);
    });

    it("answers only the signed-in person, with the CSRF token", async () => {
      const anonymous = await t.app.inject({ method: "GET", url: "/api/v1/me/consents" });
      expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, "auth.required"]);
      const owner = await freshOwner(t);
      const noCsrf = await answer(
        owner,
        "recommendations",
        { given: true, textVersion: TEXT_VERSIONS.recommendations },
        { cookie: owner.cookie },
      );
      expect([noCsrf.statusCode, noCsrf.json().code]).toEqual([403, "auth.csrf"]);
      expect((await overview(owner)).purposes[0].given).toBe(false);
    });

    it("shows suggestions on a product page only while the owner consents, from the next read on", async () => {
      const { owner, registrationId } = await registeredProduct(t, { kind: "phone" });
      const before = await productPage(owner, registrationId);
      expect([before.recommendations, before.accessories, before.successors]).toEqual(["off", [], []]);
      await answer(owner, "recommendations", { given: true, textVersion: TEXT_VERSIONS.recommendations });
      const on = await productPage(owner, registrationId);
      expect(on.recommendations).toBe("on");
      expect(on.accessories.length + on.successors.length).toBeGreaterThan(0);
      await answer(owner, "recommendations", { given: false, textVersion: TEXT_VERSIONS.recommendations });
      const off = await productPage(owner, registrationId);
      expect([off.recommendations, off.accessories, off.successors]).toEqual(["off", [], []]);
    });

    it("makes the members app ask again once its consent is withdrawn on the web", async () => {
      const { owner } = await registeredProduct(t, { kind: "phone" });
      const app = { authorization: `Bearer ${owner.token}`, "x-portal-client": "app" };
      const version = (await t.app.inject({ method: "GET", url: "/api/v1/app/consent", headers: app })).json()
        .currentVersion;
      const confirmed = await t.app.inject({
        method: "POST",
        url: "/api/v1/app/consent",
        headers: app,
        payload: { textVersion: version },
      });
      expect(confirmed.statusCode).toBe(200);
      expect((await overview(owner)).purposes[2]).toMatchObject({ purpose: "app-own-devices", given: true });
      expect((await overview(owner)).history[0]).toMatchObject({ source: "app", given: true });

      await answer(owner, "app-own-devices", { given: false, textVersion: version });
      const asked = await t.app.inject({ method: "GET", url: "/api/v1/app/consent", headers: app });
      expect(asked.json().confirmed).toBeNull();
      const refused = await t.app.inject({
        method: "POST",
        url: "/api/v1/registrations",
        headers: app,
        payload: { identifier: "NOT-A-UNIT-1" },
      });
      expect([refused.statusCode, refused.json().code]).toEqual([409, "app.consent_required"]);
    });

    describe("at sign-up", () => {
      const signUp = (payload: Record<string, unknown>) =>
        t.app.inject({
          method: "POST",
          url: "/api/auth/sign-up/email",
          payload: { password: "a long and unusual passphrase", name: "Kari Nordmann", ...payload },
        });
      const eventsOf = (email: string) =>
        t.database.db
          .selectFrom("consent_event")
          .innerJoin("user", "user.id", "consent_event.owner_id")
          .select(["purpose", "given", "text_version", "source"])
          .where("user.email", "=", email)
          .orderBy("purpose")
          .execute();
      const accounts = async (email: string) =>
        (await t.database.db.selectFrom("user").select("id").where("email", "=", email).execute()).length;

      it("refuses an account without the terms and privacy notice in force, and creates none", async () => {
        for (const [i, terms] of [
          {},
          { acceptedTerms: TEXT_VERSIONS.terms },
          { acceptedTerms: "2020-01-01", acceptedPrivacyNotice: TEXT_VERSIONS["privacy-notice"] },
          { acceptedTerms: true, acceptedPrivacyNotice: true },
        ].entries()) {
          const email = `no-terms-${i}-${dialect}@example.com`;
          const res = await signUp({ email, ...terms });
          expect([res.statusCode, res.json().code]).toEqual([400, "auth.terms_not_accepted"]);
          expect(await accounts(email)).toBe(0);
        }
        const res = await signUp({
          email: `bad-choice-${dialect}@example.com`,
          ...ACCEPTED_TERMS,
          marketingMail: "yes",
        });
        expect([res.statusCode, res.json().code]).toEqual([400, "auth.validation_error"]);
      });

      it("records the versions accepted and the first answers, unticked as refused", async () => {
        const email = `terms-${dialect}@example.com`;
        const res = await signUp({ email, ...ACCEPTED_TERMS, recommendations: true });
        expect(res.statusCode).toBe(200);
        const events = (await eventsOf(email)).map((e) => [
          e.purpose,
          Boolean(e.given),
          e.text_version,
          e.source,
        ]);
        expect(events).toEqual([
          ["marketing-mail", false, TEXT_VERSIONS["marketing-mail"], "sign-up"],
          ["privacy-notice", true, TEXT_VERSIONS["privacy-notice"], "sign-up"],
          ["recommendations", true, TEXT_VERSIONS.recommendations, "sign-up"],
          ["terms", true, TEXT_VERSIONS.terms, "sign-up"],
        ]);
        // Signing up again with the address records nothing for the account that has it.
        const again = await signUp({ email, ...ACCEPTED_TERMS, marketingMail: true });
        expect(again.statusCode).toBe(200);
        expect(await eventsOf(email)).toHaveLength(4);
      });
    });
  });
}
