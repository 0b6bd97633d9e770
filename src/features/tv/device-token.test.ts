import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ManualClock, manualClock } from "../../../test/clock.ts";
import { deviceToken, freshOwner, freshUnit } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, startTestApp, type TestApp } from "../../../test/harness.ts";

for (const dialect of dialects()) {
  describe(`what a device token reaches, on ${dialect}`, () => {
    let t: TestApp;
    let clock: ManualClock;
    beforeAll(async () => {
      clock = manualClock("2026-12-01T10:00:00Z");
      t = await startTestApp(
        dialect,
        { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" },
        undefined,
        clock,
      );
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    it("is not the owner's session: it is stored only as a hash, with its kind, owner and TV", async () => {
      const owner = await freshOwner(t);
      const tv = await deviceToken(t, owner, "tv");
      expect(tv.token).toMatch(/^pdt_[A-Za-z0-9_-]{43}$/);
      const sessions = await t.database.db
        .selectFrom("session")
        .select("token")
        .where("userId", "=", owner.userId)
        .execute();
      expect(sessions.map((s) => s.token)).not.toContain(tv.token);
      const stored = await t.database.db
        .selectFrom("device_token")
        .selectAll()
        .where("owner_id", "=", owner.userId)
        .execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({
        client: "tv",
        client_id: "tv",
        tv_serial: tv.unit?.serial,
        tv_model: tv.unit?.model,
      });
      expect(JSON.stringify(stored)).not.toContain(tv.token.slice(4));
    });

    it("answers a TV token 403 auth.client_not_allowed on the owner's routes, and better-auth does not know it", async () => {
      const owner = await freshOwner(t);
      const tv = await deviceToken(t, owner, "tv");
      const calls = [
        { method: "GET", url: "/api/v1/me" },
        { method: "GET", url: "/api/v1/registrations" },
        { method: "PATCH", url: "/api/v1/me", payload: { city: "Bergen" } },
        { method: "GET", url: "/api/v1/session" },
        { method: "POST", url: "/api/v1/app/consent", payload: { textVersion: "2026-11-25" } },
      ] as const;
      for (const call of calls) {
        const res = await t.app.inject({ ...call, headers: tv.headers });
        expect(res.statusCode, `${call.method} ${call.url}`).toBe(403);
        expect(res.json().code, `${call.method} ${call.url}`).toBe("auth.client_not_allowed");
      }
      const profile = await t.app.inject({
        method: "GET",
        url: "/api/v1/me",
        headers: { cookie: owner.cookie },
      });
      expect(profile.json().city).not.toBe("Bergen");
      const listed = await t.app.inject({
        method: "GET",
        url: "/api/auth/list-sessions",
        headers: tv.headers,
      });
      expect(listed.statusCode).toBe(401);
      const session = await t.app.inject({
        method: "GET",
        url: "/api/auth/get-session",
        headers: tv.headers,
      });
      expect(session.json()).toBeNull();
    });

    it("lets the TV register itself with channel tv, and refuses the members app on the TV's route", async () => {
      const owner = await freshOwner(t);
      const app = { authorization: `Bearer ${owner.token}` };
      const tv = await deviceToken(t, owner, "tv");
      const unit = tv.unit as NonNullable<typeof tv.unit>;
      const byApp = await t.app.inject({
        method: "POST",
        url: "/api/v1/tv/register",
        headers: app,
        payload: { serial: unit.serial, model: unit.model },
      });
      expect(byApp.statusCode).toBe(403);
      expect(byApp.json().code).toBe("auth.client_not_allowed");
      const byWeb = await t.app.inject({
        method: "POST",
        url: "/api/v1/tv/register",
        headers: owner.headers,
        payload: { serial: unit.serial, model: unit.model },
      });
      expect(byWeb.json().code).toBe("auth.client_not_allowed");

      const registered = await t.app.inject({
        method: "POST",
        url: "/api/v1/tv/register",
        headers: tv.headers,
        payload: { serial: unit.serial, model: unit.model },
      });
      expect(registered.statusCode).toBe(201);
      expect(registered.json()).toMatchObject({ channel: "tv", identifier: { serial: unit.serial } });
    });

    it("does not let the members app register without the owner's consent, whatever the route", async () => {
      const owner = await freshOwner(t);
      const app = { authorization: `Bearer ${owner.token}` };
      const unit = await freshUnit(t, "tv");
      const direct = await t.app.inject({
        method: "POST",
        url: "/api/v1/registrations",
        headers: app,
        payload: { identifier: unit.serial },
      });
      expect(direct.json().code).toBe("app.consent_required");
      const viaTv = await t.app.inject({
        method: "POST",
        url: "/api/v1/tv/register",
        headers: app,
        payload: { serial: unit.serial, model: unit.model },
      });
      expect(viaTv.json().code).toBe("auth.client_not_allowed");
      const rows = await t.database.db
        .selectFrom("registration")
        .select("id")
        .where("owner_id", "=", owner.userId)
        .execute();
      expect(rows).toEqual([]);
    });

    it("expires a TV token after an hour: the TV then gets 401", async () => {
      const owner = await freshOwner(t);
      const tv = await deviceToken(t, owner, "tv");
      const unit = tv.unit as NonNullable<typeof tv.unit>;
      clock.advance(60 * 60 * 1000);
      const late = await t.app.inject({
        method: "POST",
        url: "/api/v1/tv/register",
        headers: tv.headers,
        payload: { serial: unit.serial, model: unit.model },
      });
      expect(late.statusCode).toBe(401);
      expect(late.json().code).toBe("auth.required");
    });

    it("lets a scanner token report devices and nothing else, for two hours", async () => {
      const owner = await freshOwner(t);
      const scanner = await deviceToken(t, owner, "scanner");
      const unit = await freshUnit(t, "tv");
      const device = {
        udn: `uuid:${unit.serial}`,
        manufacturer: "Nordlys",
        modelName: "TV",
        serialNumber: unit.serial,
      };
      const report = await t.app.inject({
        method: "POST",
        url: "/api/v1/discovered",
        headers: scanner.headers,
        payload: { devices: [device] },
      });
      expect(report.statusCode).toBe(200);
      expect(report.json()).toEqual({ devices: [{ udn: device.udn, offered: true }] });
      for (const call of [
        { method: "GET", url: "/api/v1/registrations" },
        { method: "GET", url: "/api/v1/me" },
        { method: "POST", url: "/api/v1/tv/register", payload: { serial: unit.serial, model: unit.model } },
        { method: "POST", url: "/api/v1/registrations", payload: { identifier: unit.serial } },
      ] as const) {
        const res = await t.app.inject({ ...call, headers: scanner.headers });
        expect(res.json().code, `${call.method} ${call.url}`).toBe("auth.client_not_allowed");
      }
      clock.advance(2 * 60 * 60 * 1000);
      const late = await t.app.inject({
        method: "POST",
        url: "/api/v1/discovered",
        headers: scanner.headers,
        payload: { devices: [device] },
      });
      expect(late.statusCode).toBe(401);
    });

    it("ends the owner's device tokens with a password reset, as it ends the sessions", async () => {
      const owner = await freshOwner(t);
      const scanner = await deviceToken(t, owner, "scanner");
      const report = () =>
        t.app.inject({
          method: "POST",
          url: "/api/v1/discovered",
          headers: scanner.headers,
          payload: { devices: [] },
        });
      expect((await report()).statusCode).toBe(200);
      await t.app.inject({
        method: "POST",
        url: "/api/auth/request-password-reset",
        payload: { email: owner.email, redirectTo: "/reset-password" },
      });
      await t.app.outbox.drain();
      const mails = (await t.app.inject({ method: "GET", url: "/api/v1/dev/mail" })).json().mails as {
        to: string;
        text: string;
      }[];
      const link = new URL(mails.find((m) => m.to === owner.email)?.text.match(/https?:\/\/\S+/)?.[0] ?? "");
      const follow = await t.app.inject({ method: "GET", url: link.pathname + link.search });
      const token = new URL(String(follow.headers.location), "http://localhost").searchParams.get("token");
      const reset = await t.app.inject({
        method: "POST",
        url: "/api/auth/reset-password",
        payload: { token, newPassword: "a brand new password" },
      });
      expect(reset.statusCode).toBe(200);
      expect((await report()).statusCode).toBe(401);
    });

    it("shows the owner that a scanner, not a TV, asks to sign in", async () => {
      const owner = await freshOwner(t);
      const started = await t.app.inject({
        method: "POST",
        url: "/oauth/device_authorization",
        remoteAddress: "10.41.0.1",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "client_id=wifi-scan",
      });
      const page = await t.app.inject({
        method: "GET",
        url: `/api/v1/device/${started.json().user_code}`,
        headers: { cookie: owner.cookie },
      });
      expect(page.json()).toEqual({
        userCode: started.json().user_code,
        client: "scanner",
        model: null,
        serialMasked: null,
        selfRegistrationAllowed: true,
      });
    });
  });
}
