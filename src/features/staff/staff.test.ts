import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAs } from "../../../test/claim-requests.ts";
import { freshOwner } from "../../../test/factories.ts";
import { dialects, type SignedIn, startTestApp, type TestApp } from "../../../test/harness.ts";

for (const dialect of dialects()) {
  describe(`the admin's staff accounts on ${dialect}`, () => {
    let t: TestApp;
    let admin: SignedIn;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      admin = await freshOwner(t, "admin");
    });
    afterAll(() => t.close());

    const add = (who: SignedIn, payload: object) =>
      t.app.inject({ method: "POST", url: "/api/v1/admin/staff", headers: who.headers, payload });
    const change = (who: SignedIn, id: string, payload: object) =>
      t.app.inject({ method: "PATCH", url: `/api/v1/admin/staff/${id}`, headers: who.headers, payload });
    const remove = (who: SignedIn, id: string) =>
      t.app.inject({ method: "DELETE", url: `/api/v1/admin/staff/${id}`, headers: who.headers });
    const resetMailsTo = async (email: string) =>
      (await t.database.db.selectFrom("outbox").select("payload").where("topic", "=", "mail").execute())
        .map((r) => JSON.parse(r.payload) as { to: string; template: string })
        .filter((m) => m.to === email && m.template === "reset-password");

    it("is the admin's alone: 403 with the code to agents, reviewers and customers", async () => {
      for (const role of ["agent", "reviewer", "customer"] as const) {
        const who = await freshOwner(t, role);
        const res = await getAs(t, who, "/api/v1/admin/staff");
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe("auth.forbidden");
        expect((await add(who, { email: "x@example.com", name: "X Y", role: "agent" })).statusCode).toBe(403);
      }
    });

    it("adds a staff member, who gets a mail to choose a password, and lists them without customers", async () => {
      const email = `new.agent.${dialect}@example.com`;
      const res = await add(admin, {
        email: ` ${email.toUpperCase()} `.trim(),
        name: "Nils Agent",
        role: "agent",
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ email, name: "Nils Agent", role: "agent", staffNumber: null });
      expect(await resetMailsTo(email)).toHaveLength(1);
      const customer = await freshOwner(t);
      const list = (await getAs(t, admin, "/api/v1/admin/staff")).json().staff as {
        id: string;
        email: string;
      }[];
      expect(list.map((s) => s.email)).toContain(email);
      expect(list.map((s) => s.id)).not.toContain(customer.userId);
      const again = await add(admin, { email, name: "Nils Agent", role: "agent" });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe("staff.email_taken");
      const taken = await add(admin, { email: customer.email, name: "Some One", role: "reviewer" });
      expect(taken.json().code).toBe("staff.email_taken");
    });

    it("refuses a bad address, an unsafe name, an unknown role or an unknown field with 400", async () => {
      for (const payload of [
        { email: "not an address", name: "Ada Lovelace", role: "agent" },
        { email: "ada@example.com", name: "Ada\nhttps://example.net", role: "agent" },
        { email: "ada@example.com", name: "Ada Lovelace", role: "customer" },
        { email: "ada@example.com", name: "Ada Lovelace", role: "agent", password: "x" },
      ]) {
        const res = await add(admin, payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json().code).toBe("request.invalid");
      }
    });

    it("changes a role, which counts from the next request, and removes an account, whose session ends", async () => {
      const agent = await freshOwner(t, "agent");
      expect((await getAs(t, agent, "/api/v1/staff/search?q=someone@example.com")).statusCode).toBe(200);
      const changed = await change(admin, agent.userId, { role: "reviewer" });
      expect(changed.statusCode).toBe(200);
      expect(changed.json().role).toBe("reviewer");
      expect((await getAs(t, agent, "/api/v1/staff/search?q=someone@example.com")).statusCode).toBe(403);
      expect((await remove(admin, agent.userId)).statusCode).toBe(204);
      expect((await getAs(t, agent, "/api/v1/me")).statusCode).toBe(401);
      expect((await remove(admin, agent.userId)).statusCode).toBe(404);
    });

    it("answers 404 for a customer's account and 409 for the admin's own", async () => {
      const customer = await freshOwner(t);
      const res = await change(admin, customer.userId, { role: "admin" });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe("staff.not_found");
      for (const own of [
        await change(admin, admin.userId, { role: "agent" }),
        await remove(admin, admin.userId),
      ]) {
        expect(own.statusCode).toBe(409);
        expect(own.json().code).toBe("staff.self");
      }
    });
  });
}
