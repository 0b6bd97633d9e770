import { PassThrough } from "node:stream";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../../test/clock.ts";
import { ACCEPTED_TERMS, dialects, startTestApp, type TestApp } from "../../../test/harness.ts";
import { toInstant } from "../../db/tables.ts";
import { enqueueMail } from "./mail.ts";

/** A real SMTP server on loopback that keeps what it receives. */
async function startSmtp() {
  const received: { to: string; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => {
        raw += chunk.toString("utf8");
      });
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return { received, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Undoes quoted-printable soft line breaks and escapes, enough to read a link. */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

for (const dialect of dialects()) {
  describe(`mail through SMTP on ${dialect}`, () => {
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let t: TestApp;
    const logs = new PassThrough();
    let logged = "";
    logs.on("data", (chunk: Buffer) => {
      logged += chunk.toString("utf8");
    });

    beforeAll(async () => {
      smtp = await startSmtp();
      t = await startTestApp(dialect, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, LOG_LEVEL: "info" }, logs);
    });
    afterAll(async () => {
      await t.close();
      await smtp.close();
    });

    it("sends the verification mail through the outbox and the link in it verifies the address", async () => {
      const email = `smtp-${dialect}@example.com`;
      const password = "a secret password 123";
      const res = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-up/email",
        payload: { ...ACCEPTED_TERMS, email, password, name: "Ola", locale: "nb" },
      });
      expect(res.statusCode).toBe(200);
      expect(await t.app.outbox.drain()).toBeGreaterThan(0);

      const message = smtp.received.find((m) => m.to === email);
      expect(message).toBeDefined();
      const body = decodeQuotedPrintable(message?.raw ?? "");
      expect(body).toContain("Subject: Bekreft");
      const link = body.match(/http:\/\/localhost:3000\/api\/auth\/verify-email\?\S+/)?.[0] as string;
      expect(link).toBeDefined();
      const verify = await t.app.inject({ method: "GET", url: link.replace("http://localhost:3000", "") });
      expect([200, 302]).toContain(verify.statusCode);
      const user = await t.database.db
        .selectFrom("user")
        .select("emailVerified")
        .where("email", "=", email)
        .executeTakeFirst();
      expect(Boolean(user?.emailVerified)).toBe(true);

      const outbox = await t.database.db
        .selectFrom("outbox")
        .select(["status"])
        .where("payload", "like", `%${email}%`)
        .execute();
      expect(outbox.length).toBeGreaterThan(0);
      expect(outbox.every((m) => m.status === "done")).toBe(true);
      // The password never reaches the log, and the dev mailbox is off when SMTP is configured.
      expect(logged).not.toContain(password);
      expect((await t.app.inject({ method: "GET", url: "/api/v1/dev/mail" })).statusCode).toBe(404);
    });

    it("keeps a name and a nickname on one line, so they add no header, recipient or link of their own", async () => {
      const to = `inject-${dialect}@example.com`;
      await enqueueMail(t.database, {
        to,
        locale: "en",
        template: "reset-password",
        values: {
          greeting: "named",
          name: "Ada\r\nBcc: someone@example.net\r\n\r\nhttps://example.net/reset\u202e",
          url: "http://localhost:3000/reset",
        },
        at: t.clock.now(),
      });
      await enqueueMail(t.database, {
        to,
        locale: "en",
        template: "warranty-reminder",
        values: {
          name: "Ada",
          kind: "manufacturer",
          product: "TV\r\nBcc: someone@example.net\r\nX-Injected: yes",
          date: "1 December 2026",
          days: 30,
          url: "http://localhost:3000/products/1",
        },
        at: t.clock.now(),
      });
      await t.app.outbox.drain();

      const messages = smtp.received.filter((m) => m.to.includes(to));
      expect(messages).toHaveLength(2);
      expect(smtp.received.some((m) => m.to.includes("someone@example.net"))).toBe(false);
      for (const message of messages) {
        const raw = decodeQuotedPrintable(message.raw);
        const end = raw.search(/\r?\n\r?\n/);
        const headers = raw.slice(0, end);
        const body = raw.slice(end);
        expect(headers).not.toMatch(/^(Bcc|X-Injected):/im);
        expect(body).not.toMatch(/^https:\/\/example\.net/m);
        expect(body).not.toContain("\u202e");
      }
      const reset = decodeQuotedPrintable(
        messages.find((m) => m.raw.includes("Subject: Choose a new password"))?.raw ?? "",
      );
      expect(reset).toContain("Hello Ada Bcc: someone@example.net https://example.net/reset,");
    });

    it("keeps a mail pending and retries it when its delay has passed on the clock, while the SMTP server is down", async () => {
      const clock = manualClock("2026-06-01T10:00:00Z");
      const down = await startTestApp(
        dialect,
        { SMTP_URL: "smtp://127.0.0.1:9", LOG_LEVEL: "silent" },
        undefined,
        clock,
      );
      try {
        const to = `retry-${dialect}@example.com`;
        await enqueueMail(down.database, {
          to,
          locale: "en",
          template: "reset-password",
          values: { greeting: "named", name: "R", url: "http://localhost:3000/reset" },
          at: clock.now(),
        });
        const row = () =>
          down.database.db
            .selectFrom("outbox")
            .select(["status", "attempts", "last_error", "available_at"])
            .where("payload", "like", `%${to}%`)
            .executeTakeFirstOrThrow();
        expect(await down.app.outbox.drain()).toBe(1);
        const failed = await row();
        expect(failed).toMatchObject({ status: "pending", attempts: 1 });
        expect(failed.last_error).toBeTruthy();
        // The first retry waits two seconds: not before, and at once after.
        expect(toInstant(failed.available_at)).toBe("2026-06-01T10:00:02.000Z");
        clock.advance(1_999);
        expect(await down.app.outbox.drain()).toBe(0);
        clock.advance(1);
        expect(await down.app.outbox.drain()).toBe(1);
        expect(await row()).toMatchObject({ status: "pending", attempts: 2 });
      } finally {
        await down.close();
      }
    });
  });
}
