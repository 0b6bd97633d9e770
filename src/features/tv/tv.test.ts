import { createServer } from "node:net";
import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCatalogue, UNITS } from "../../../test/fixtures.ts";
import { dialects, signedInUser, startTestApp, type TestApp } from "../../../test/harness.ts";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const OLD_TV_SERIAL = "TVV55AAL8100001"; // NX-V18-55, model year 2018: cannot register itself

for (const dialect of dialects()) {
  describe(`TVs by device code (RFC 8628) on ${dialect}`, () => {
    let t: TestApp;
    let base: string;
    beforeAll(async () => {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      t = await startTestApp(dialect, { PUBLIC_URL: base, LOOKUPS_PER_MINUTE_ACCOUNT: "1000" });
      await seedCatalogue(t.database);
      await t.app.listen({ port, host: "127.0.0.1" });
    });
    afterAll(() => t.close());

    const form = (url: string, fields: Record<string, string>) =>
      t.app.inject({
        method: "POST",
        url,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams(fields).toString(),
      });

    it("publishes its endpoints in an RFC 8414 metadata document", async () => {
      const meta = (
        await t.app.inject({ method: "GET", url: "/.well-known/oauth-authorization-server" })
      ).json();
      expect(meta).toMatchObject({
        issuer: base,
        device_authorization_endpoint: `${base}/oauth/device_authorization`,
        token_endpoint: `${base}/oauth/token`,
        grant_types_supported: ["urn:ietf:params:oauth:grant-type:device_code"],
      });
    });

    it("answers the TV's polls with exactly the RFC's errors", async () => {
      const start = (
        await form("/oauth/device_authorization", {
          client_id: "tv",
          serial: UNITS.tv.serial,
          model: "NX-H24-55",
        })
      ).json();
      expect(start).toMatchObject({
        user_code: expect.stringMatching(/^[B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4}$/),
        expires_in: 600,
        interval: 5,
      });
      expect(start.verification_uri_complete).toBe(`${base}/device?user_code=${start.user_code}`);
      const poll = () =>
        form("/oauth/token", {
          grant_type: "urn:ietf:params:oauth:grant-type:device_code",
          device_code: start.device_code,
          client_id: "tv",
        });
      const first = await poll();
      expect(first.statusCode).toBe(400);
      expect(first.json().error).toBe("authorization_pending");
      const fast = await poll();
      expect(fast.json()).toMatchObject({ error: "slow_down", interval: 10 });
      expect(
        (
          await form("/oauth/token", {
            grant_type: "urn:ietf:params:oauth:grant-type:device_code",
            device_code: "wrong",
          })
        ).json().error,
      ).toBe("invalid_grant");
      expect(
        (await form("/oauth/token", { grant_type: "password", device_code: start.device_code })).json().error,
      ).toBe("unsupported_grant_type");

      const owner = await signedInUser(t);
      const denied = (await form("/oauth/device_authorization", { client_id: "tv" })).json();
      await t.app.inject({
        method: "POST",
        url: `/api/v1/device/${denied.user_code}/decision`,
        headers: owner.headers,
        payload: { approve: false },
      });
      expect(
        (
          await form("/oauth/token", {
            grant_type: "urn:ietf:params:oauth:grant-type:device_code",
            device_code: denied.device_code,
          })
        ).json().error,
      ).toBe("access_denied");

      await t.database.db
        .updateTable("device_authorization")
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where("user_code", "=", start.user_code.replace("-", ""))
        .execute();
      expect((await poll()).json().error).toBe("expired_token");
      expect(
        (
          await t.app.inject({
            method: "GET",
            url: `/api/v1/device/${start.user_code}`,
            headers: { cookie: owner.cookie },
          })
        ).json().code,
      ).toBe("device.code_invalid");
    });

    it("refuses a TV too old to register itself", async () => {
      const res = await form("/oauth/device_authorization", {
        client_id: "tv",
        serial: OLD_TV_SERIAL,
        model: "NX-V18-55",
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        error: "invalid_request",
        error_description: expect.stringContaining("register it by serial number"),
      });
    });

    it("completes the flow with a stock OAuth client, and the TV registers itself with channel tv", async () => {
      const config = await client.discovery(new URL(base), "tv-client", undefined, client.None(), {
        algorithm: "oauth2",
        execute: [client.allowInsecureRequests],
      });
      const owner = await signedInUser(t);
      const response = await client.initiateDeviceAuthorization(config, {
        serial: UNITS.tv.serial,
        model: "NX-H24-55",
      });
      const seen = (
        await t.app.inject({
          method: "GET",
          url: `/api/v1/device/${response.user_code}`,
          headers: { cookie: owner.cookie },
        })
      ).json();
      expect(seen).toMatchObject({
        model: { code: "NX-H24-55" },
        serialMasked: "TVH••••••••0071",
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

      const tv = { authorization: `Bearer ${tokens.access_token}` };
      const mismatch = await t.app.inject({
        method: "POST",
        url: "/api/v1/tv/register",
        headers: tv,
        payload: { serial: UNITS.fridge.serial, model: "NX-H24-55" },
      });
      expect(mismatch.json().code).toBe("tv.serial_mismatch");
      const registered = await t.app.inject({
        method: "POST",
        url: "/api/v1/tv/register",
        headers: tv,
        payload: { serial: UNITS.tv.serial, model: "NX-H24-55" },
      });
      expect(registered.statusCode).toBe(201);
      expect(registered.json()).toMatchObject({ channel: "tv", identifier: { serial: UNITS.tv.serial } });
      const web = (
        await t.app.inject({ method: "GET", url: "/api/v1/registrations", headers: { cookie: owner.cookie } })
      ).json();
      expect(web.registrations.map((r: { channel: string }) => r.channel)).toContain("tv");

      // The device code cannot be used twice.
      const reuse = await form("/oauth/token", {
        grant_type: "urn:ietf:params:oauth:grant-type:device_code",
        device_code: response.device_code,
      });
      expect(reuse.json().error).toBe("invalid_grant");
    });
  });
}
