import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCEPTED_TERMS, dialects, signedInUser, startTestApp, type TestApp } from "../../../test/harness.ts";
import { hourlySlotKeys } from "../outbox/mail.ts";

interface QueuedMail {
  to: string;
  template: string;
  subject: string;
  text: string;
}

let counter = 0;
/** A client address of its own per request, so that only the limit per recipient can hold mails back. */
function nextAddress(): string {
  counter++;
  return `198.21.${(counter >> 8) & 255}.${counter & 255}`;
}

for (const dialect of dialects()) {
  describe(`account mails on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(() => t.close());

    /** The mails queued for one address, oldest first, as the outbox holds them. */
    async function mailsTo(to: string, template: string): Promise<QueuedMail[]> {
      const rows = await t.database.db
        .selectFrom("outbox")
        .select(["payload", "created_at"])
        .where("topic", "=", "mail")
        .orderBy("created_at")
        .execute();
      return rows
        .map((r) => JSON.parse(r.payload) as QueuedMail)
        .filter((m) => m.to === to && m.template === template);
    }

    function signUp(email: string, name: string) {
      return t.app.inject({
        method: "POST",
        url: "/api/auth/sign-up/email",
        remoteAddress: nextAddress(),
        payload: { ...ACCEPTED_TERMS, email, password: "correct horse battery", name, locale: "en" },
      });
    }

    function askReset(email: string) {
      return t.app.inject({
        method: "POST",
        url: "/api/auth/request-password-reset",
        remoteAddress: nextAddress(),
        payload: { email, redirectTo: "/reset-password" },
      });
    }

    it("greets generically in mails to an address nobody has confirmed, whatever name was given", async () => {
      const victim = `victim-${dialect}@example.com`;
      expect((await signUp(victim, "Ada Lovelace")).statusCode).toBe(200);
      expect((await askReset(victim)).statusCode).toBe(200);

      const [verify] = await mailsTo(victim, "verify-email");
      const [reset] = await mailsTo(victim, "reset-password");
      expect(verify?.text).toMatch(/^Hello!\n/);
      expect(reset?.text).toMatch(/^Hello!\n/);
      for (const mail of [verify, reset]) expect(mail?.text).not.toContain("Ada");
    });

    it("greets by name in a reset mail once the address is confirmed", async () => {
      const user = await signedInUser(t);
      const name = (
        await t.database.db
          .selectFrom("user")
          .select("name")
          .where("email", "=", user.email)
          .executeTakeFirstOrThrow()
      ).name;
      expect((await askReset(user.email)).statusCode).toBe(200);
      const [reset] = await mailsTo(user.email, "reset-password");
      expect(reset?.text).toMatch(new RegExp(`^Hei ${name}!\\n`));
    });

    it("queues at most three reset mails an hour for one address, answering every request as on success", async () => {
      const user = await signedInUser(t);
      // All at once: racing requests share the limit too.
      const answers = await Promise.all(Array.from({ length: 20 }, () => askReset(user.email)));
      const nobody = await askReset(`nobody-${dialect}@example.com`);
      for (const answer of [...answers, nobody]) {
        expect(answer.statusCode).toBe(200);
        expect(answer.body).toBe(answers[0]?.body);
      }
      expect(await mailsTo(user.email, "reset-password")).toHaveLength(3);

      // Another address is not held back by the first one's mails.
      const other = await signedInUser(t);
      expect((await askReset(other.email)).statusCode).toBe(200);
      expect(await mailsTo(other.email, "reset-password")).toHaveLength(1);
    });

    it("queues at most three verification mails an hour for one address, the one at sign-up included", async () => {
      const victim = `flooded-${dialect}@example.com`;
      expect((await signUp(victim, "Nora Nordmann")).statusCode).toBe(200);
      // All at once: racing requests share the limit too (and each takes better-auth's 500 ms floor).
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          t.app.inject({
            method: "POST",
            url: "/api/auth/send-verification-email",
            remoteAddress: nextAddress(),
            payload: { email: victim },
          }),
        ),
      );
      for (const answer of answers) {
        expect(answer.statusCode).toBe(200);
        expect(answer.body).toBe(answers[0]?.body);
      }
      expect(await mailsTo(victim, "verify-email")).toHaveLength(3);
    });
  });
}

describe("the hourly mail slots", () => {
  it("are the same for one address however it is written, and new each hour", () => {
    const now = new Date("2026-12-01T10:59:59Z");
    const slots = hourlySlotKeys("verify-email", "ada@example.com", 3, now);
    expect(new Set(slots).size).toBe(3);
    expect(hourlySlotKeys("verify-email", " Ada@Example.com ", 3, now)).toEqual(slots);
    const nextHour = hourlySlotKeys("verify-email", "ada@example.com", 3, new Date("2026-12-01T11:00:00Z"));
    expect(nextHour.some((key) => slots.includes(key))).toBe(false);
    expect(
      hourlySlotKeys("reset-password", "ada@example.com", 3, now).some((key) => slots.includes(key)),
    ).toBe(false);
  });
});
