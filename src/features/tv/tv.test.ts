import { createServer } from "node:net";
import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ManualClock, manualClock } from "../../../test/clock.ts";
import { freshOwner, freshUnit } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, startTestApp, type TestApp } from "../../../test/harness.ts";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const OLD_TV = { serial: "TVV55AAL8100001", model: "NX-V18-55" }; // model year 2018: cannot register itself
let addresses = 0;
/** A client address of its own, so the per-address limit on device grants never mixes tests. */
const nextAddress = () => `10.40.${(++addresses >> 8) & 255}.${addresses & 255}`;

for (const dialect of dialects()) {
  describe(`TVs by device code (RFC 8628) on ${dialect}`, () => {
    let t: TestApp;
    let base: string;
    let clock: ManualClock;
    beforeAll(async () => {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      clock = manualClock("2026-12-01T10:00:00Z");
      t = await startTestApp(
        dialect,
        { PUBLIC_URL: base, LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" },
        undefined,
        clock,
      );
      await seedCatalogue(t.database);
      await t.app.listen({ port, host: "127.0.0.1" });
    });
    afterAll(() => t.close());

    const form = (url: string, fields: Record<string, string>, remoteAddress = nextAddress()) =>
      t.app.inject({
        method: "POST",
        url,
        remoteAddress,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams(fields).toString(),
      });
    const startTv = async () => {
      const tv = await freshUnit(t, "tv");
      const res = await form("/oauth/device_authorization", {
        client_id: "tv",
        serial: tv.serial,
        model: tv.model,
      });
      return { tv, grant: res.json() as { device_code: string; user_code: string } };
    };
    const poll = (deviceCode: string) =>
      form("/oauth/token", { grant_type: GRANT, device_code: deviceCode, client_id: "tv" });

    it("publishes its endpoints in an RFC 8414 metadata document", async () => {
      const meta = (
        await t.app.inject({ method: "GET", url: "/.well-known/oauth-authorization-server" })
      ).json();
      expect(meta).toMatchObject({
        issuer: base,
        device_authorization_endpoint: `${base}/oauth/device_authorization`,
        token_endpoint: `${base}/oauth/token`,
        grant_types_supported: [GRANT],
      });
    });

    it("answers the TV's polls with exactly the RFC's errors, on the server's clock", async () => {
      const tv = await freshUnit(t, "tv");
      const started = await form("/oauth/device_authorization", {
        client_id: "tv",
        serial: tv.serial,
        model: tv.model,
      });
      const start = started.json();
      expect(started.headers["cache-control"]).toBe("no-store");
      expect(start).toMatchObject({
        user_code: expect.stringMatching(/^[B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4}$/),
        expires_in: 600,
        interval: 5,
      });
      expect(start.verification_uri_complete).toBe(`${base}/device?user_code=${start.user_code}`);

      const first = await poll(start.device_code);
      expect(first.statusCode).toBe(400);
      expect(first.json().error).toBe("authorization_pending");
      expect((await poll(start.device_code)).json()).toMatchObject({ error: "slow_down", interval: 10 });
      clock.advance(9_000);
      expect((await poll(start.device_code)).json()).toMatchObject({ error: "slow_down", interval: 15 });
      clock.advance(15_000);
      expect((await poll(start.device_code)).json().error).toBe("authorization_pending");

      expect(
        (await form("/oauth/token", { grant_type: GRANT, device_code: "wrong", client_id: "tv" })).json()
          .error,
      ).toBe("invalid_grant");
      expect(
        (await form("/oauth/token", { grant_type: GRANT, device_code: start.device_code })).json().error,
      ).toBe("invalid_request");
      expect(
        (
          await form("/oauth/token", {
            grant_type: "password",
            device_code: start.device_code,
            client_id: "tv",
          })
        ).json().error,
      ).toBe("unsupported_grant_type");
      expect(
        (
          await form("/oauth/token", {
            grant_type: GRANT,
            device_code: start.device_code,
            client_id: "wifi-scan",
          })
        ).json().error,
      ).toBe("invalid_grant");

      clock.advance(601_000);
      expect((await poll(start.device_code)).json().error).toBe("expired_token");
      const owner = await freshOwner(t);
      const page = await t.app.inject({
        method: "GET",
        url: `/api/v1/device/${start.user_code}`,
        headers: { cookie: owner.cookie },
      });
      expect(page.statusCode).toBe(404);
      expect(page.json().code).toBe("device.code_invalid");
    });

    it("answers access_denied once the owner refuses, and the code cannot be decided twice", async () => {
      const owner = await freshOwner(t);
      const { grant } = await startTv();
      const decide = (approve: boolean) =>
        t.app.inject({
          method: "POST",
          url: `/api/v1/device/${grant.user_code}/decision`,
          headers: owner.headers,
          payload: { approve },
        });
      expect((await decide(false)).statusCode).toBe(204);
      expect((await poll(grant.device_code)).json().error).toBe("access_denied");
      const again = await decide(true);
      expect(again.json().code).toBe("device.code_invalid");
    });

    it("lets exactly one of two owners who approve the same code at once win", async () => {
      const [a, b] = [await freshOwner(t), await freshOwner(t)];
      const { grant } = await startTv();
      const answers = await Promise.all(
        [a, b].map((owner) =>
          t.app.inject({
            method: "POST",
            url: `/api/v1/device/${grant.user_code}/decision`,
            headers: owner.headers,
            payload: { approve: true },
          }),
        ),
      );
      expect(answers.map((r) => r.statusCode).sort()).toEqual([204, 404]);
      const row = await t.database.db
        .selectFrom("device_authorization")
        .select(["status", "user_id"])
        .where("user_code", "=", grant.user_code.replace("-", ""))
        .executeTakeFirstOrThrow();
      const winner = answers[0]?.statusCode === 204 ? a : b;
      expect(row).toEqual({ status: "approved", user_id: winner.userId });
    });

    it("refuses a TV too old to register itself, a TV that does not say which it is, and an unknown client", async () => {
      const old = await form("/oauth/device_authorization", { client_id: "tv", ...OLD_TV });
      expect(old.statusCode).toBe(400);
      expect(old.json()).toMatchObject({
        error: "invalid_request",
        error_description: expect.stringContaining("register it by serial number"),
      });
      const anonymous = await form("/oauth/device_authorization", { client_id: "tv" });
      expect(anonymous.json().error).toBe("invalid_request");
      const stranger = await form("/oauth/device_authorization", { client_id: "someone-else" });
      expect(stranger.statusCode).toBe(400);
      expect(stranger.json().error).toBe("invalid_client");
    });

    it("answers 400 invalid_request, not a problem document, to a body that is not a form", async () => {
      const tv = await freshUnit(t, "tv");
      const fields = { client_id: "tv", serial: tv.serial, model: tv.model };
      for (const url of ["/oauth/device_authorization", "/oauth/token"]) {
        const bodies = [
          { type: "application/json", payload: JSON.stringify(fields) },
          { type: "text/plain", payload: new URLSearchParams(fields).toString() },
          { type: "application/xml", payload: "<client_id>tv</client_id>" },
          { type: "application/json", payload: "{not json" },
        ];
        for (const body of bodies) {
          const res = await t.app.inject({
            method: "POST",
            url,
            remoteAddress: nextAddress(),
            headers: { "content-type": body.type },
            payload: body.payload,
          });
          expect(res.statusCode, `${url} ${body.type}`).toBe(400);
          expect(res.headers["content-type"], `${url} ${body.type}`).toMatch(/^application\/json/);
          expect(res.json(), `${url} ${body.type}`).toMatchObject({ error: "invalid_request" });
        }
      }
      const repeated = await t.app.inject({
        method: "POST",
        url: "/oauth/device_authorization",
        remoteAddress: nextAddress(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: `client_id=tv&client_id=wifi-scan&serial=${tv.serial}&model=${tv.model}`,
      });
      expect(repeated.json()).toMatchObject({
        error: "invalid_request",
        error_description: expect.stringContaining("repeated"),
      });
    });

    it("limits device grants per client address: a flood gets 429 and writes few rows", async () => {
      const tv = await freshUnit(t, "tv");
      const address = nextAddress();
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) {
        const res = await form(
          "/oauth/device_authorization",
          { client_id: "tv", serial: tv.serial, model: tv.model },
          address,
        );
        statuses.push(res.statusCode);
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(190);
      const rows = await t.database.db
        .selectFrom("device_authorization")
        .select("user_code")
        .where("tv_serial", "=", tv.serial)
        .execute();
      expect(rows).toHaveLength(10);
      const elsewhere = await form("/oauth/device_authorization", {
        client_id: "tv",
        serial: tv.serial,
        model: tv.model,
      });
      expect(elsewhere.statusCode).toBe(200);
    });

    it("completes the flow with a stock OAuth client, and the TV registers itself with channel tv", async () => {
      const tv = await freshUnit(t, "tv");
      const config = await client.discovery(new URL(base), "tv", undefined, client.None(), {
        algorithm: "oauth2",
        execute: [client.allowInsecureRequests],
      });
      const owner = await freshOwner(t);
      const response = await client.initiateDeviceAuthorization(config, {
        serial: tv.serial,
        model: tv.model,
      });
      const seen = await t.app.inject({
        method: "GET",
        url: `/api/v1/device/${response.user_code}`,
        headers: { cookie: owner.cookie },
      });
      expect(seen.json()).toMatchObject({
        client: "tv",
        model: { code: tv.model },
        serialMasked: expect.stringMatching(/^TVH•+[0-9A-Z]{4}$/),
        selfRegistrationAllowed: true,
      });
      await t.app.inject({
        method: "POST",
        url: `/api/v1/device/${response.user_code}/decision`,
        headers: owner.headers,
        payload: { approve: true },
      });
      const tokens = await client.pollDeviceAuthorizationGrant(config, {
        ...response,
        interval: 0,
      } as typeof response);
      expect(tokens.token_type?.toLowerCase()).toBe("bearer");
      expect(tokens.expires_in).toBe(3600);

      const headers = { authorization: `Bearer ${tokens.access_token}` };
      const other = await freshUnit(t, "tv");
      const mismatch = await t.app.inject({
        method: "POST",
        url: "/api/v1/tv/register",
        headers,
        payload: { serial: other.serial, model: other.model },
      });
      expect(mismatch.statusCode).toBe(403);
      expect(mismatch.json().code).toBe("tv.not_this_tv");
      const registered = await t.app.inject({
        method: "POST",
        url: "/api/v1/tv/register",
        headers,
        payload: { serial: tv.serial, model: tv.model },
      });
      expect(registered.statusCode).toBe(201);
      expect(registered.json()).toMatchObject({ channel: "tv", identifier: { serial: tv.serial } });
      const web = (
        await t.app.inject({ method: "GET", url: "/api/v1/registrations", headers: { cookie: owner.cookie } })
      ).json();
      expect(web.registrations).toContainEqual(
        expect.objectContaining({ id: registered.json().id, channel: "tv" }),
      );

      const reuse = await poll(response.device_code);
      expect(reuse.json().error).toBe("invalid_grant");
    });
  });
}
