import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, signedInUser, startTestApp, type TestApp } from "../../../test/harness.ts";

const SECRET = "a-real-secret-of-more-than-32-characters";

for (const dialect of dialects()) {
  describe(`the demo mailbox on ${dialect}`, () => {
    let laptop: TestApp;
    let exposed: TestApp;
    beforeAll(async () => {
      laptop = await startTestApp(dialect);
      exposed = await startTestApp(dialect, {
        HOST: "0.0.0.0",
        AUTH_SECRET: SECRET,
        DEMO_MODE: "true",
        SMARTHOME_WEBHOOK_SECRET: "webhook-secret-0123456789",
      });
    });
    afterAll(async () => {
      await laptop.close();
      await exposed.close();
    });

    const read = (t: TestApp, remoteAddress: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: "GET", url: "/api/v1/dev/mail", remoteAddress, headers });

    it("opens to a browser on the portal's own machine", async () => {
      expect((await read(laptop, "127.0.0.1")).statusCode).toBe(200);
      expect((await read(laptop, "::1")).statusCode).toBe(200);
    });

    it("stays shut to a client that a proxy on the machine forwards, though the proxy is local", async () => {
      const proxied: Record<string, string>[] = [
        { "x-forwarded-for": "203.0.113.5" },
        { forwarded: "for=203.0.113.5" },
      ];
      for (const headers of proxied) {
        const res = await read(laptop, "127.0.0.1", headers);
        expect(res.statusCode).toBe(403);
      }
    });

    it("stays shut to anyone on another machine, with a code", async () => {
      const res = await read(laptop, "192.0.2.44");
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe("dev_mail.local_only");
    });

    it("stays shut to a customer on another machine, and opens to an admin", async () => {
      const customer = await signedInUser(laptop);
      expect((await read(laptop, "192.0.2.44", { cookie: customer.cookie })).statusCode).toBe(403);
      const admin = await signedInUser(laptop, "admin");
      expect((await read(laptop, "192.0.2.44", { cookie: admin.cookie })).statusCode).toBe(200);
    });

    it("opens to no loopback client of a portal others can reach: behind a proxy every client looks local", async () => {
      expect((await read(exposed, "127.0.0.1")).statusCode).toBe(403);
      const admin = await signedInUser(exposed, "admin");
      expect((await read(exposed, "127.0.0.1", { cookie: admin.cookie })).statusCode).toBe(200);
    });

    it("does not exist when real mail is configured", async () => {
      const smtp = await startTestApp(dialect, { SMTP_URL: "smtp://127.0.0.1:1", DEMO_MODE: "false" });
      try {
        expect((await read(smtp, "127.0.0.1")).statusCode).toBe(404);
      } finally {
        await smtp.close();
      }
    });
  });
}
