import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAs, submitClaimRequest } from "../../../test/claim-requests.ts";
import { freshOwner, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, type SignedIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { postRepair, requestBody, seedServiceNetwork } from "../../../test/repair-requests.ts";

for (const dialect of dialects()) {
  describe(`customer service's one search box on ${dialect}`, () => {
    let t: TestApp;
    let agent: SignedIn;
    const search = (who: SignedIn | null, q: string) =>
      getAs(t, who, `/api/v1/staff/search?${new URLSearchParams({ q })}`);
    /** A fresh owner with this name and phone, as they set them in My information. */
    const ownerNamed = async (name: string, phone: string | null = null) => {
      const owner = await freshOwner(t);
      const res = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: owner.headers,
        payload: { name, ...(phone ? { phone } : {}) },
      });
      expect(res.statusCode).toBe(200);
      return owner;
    };
    const ids = (list: { id: string }[]) => list.map((c) => c.id);

    beforeAll(async () => {
      t = await startTestApp(dialect, { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" });
      await seedCatalogue(t.database);
      await seedServiceNetwork(t);
      agent = await freshOwner(t, "agent");
    });
    afterAll(() => t.close());

    it("answers 401 without a session, 403 with the code to a customer and a reviewer, 400 to an empty or too long term", async () => {
      expect((await search(null, "x")).statusCode).toBe(401);
      for (const who of [await freshOwner(t), await freshOwner(t, "reviewer")]) {
        const res = await search(who, "someone@example.com");
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe("auth.forbidden");
      }
      for (const q of ["   ", "x".repeat(101)]) {
        const res = await search(agent, q);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe("request.invalid");
      }
    });

    it("finds a customer by e-mail in any case, and never a member of staff", async () => {
      const owner = await freshOwner(t);
      const res = await search(agent, ` ${owner.email.toUpperCase()} `);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        customers: [expect.objectContaining({ id: owner.userId, email: owner.email, match: "email" })],
        products: [],
        claims: [],
        repairs: [],
      });
      const colleague = await freshOwner(t, "agent");
      expect((await search(agent, colleague.email)).json().customers).toEqual([]);
    });

    it("finds a customer by phone however the number is typed", async () => {
      const owner = await ownerNamed(
        "Kari Telefon",
        `+47 4${randomBytes(3).readUIntBE(0, 3) % 10_000_000}`.padEnd(12, "0"),
      );
      const me = (await getAs(t, owner, "/api/v1/me")).json();
      const national = me.phone.replace(/[^0-9]/g, "").slice(2);
      for (const typed of [
        me.phone,
        national,
        `0047 ${national}`,
        `${national.slice(0, 3)} ${national.slice(3)}`,
      ]) {
        const found = (await search(agent, typed)).json().customers;
        expect(ids(found), typed).toEqual([owner.userId]);
        expect(found[0]).toMatchObject({ match: "phone", phone: me.phone, name: "Kari Telefon" });
      }
    });

    it("finds customers by the start of a name, typed in lower case, including a Norwegian first letter", async () => {
      const family = `Ødegård${[...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join("")}`;
      const first = await ownerNamed(`${family} Anne`);
      const second = await ownerNamed(`${family} Bjørn`);
      const found = (await search(agent, family.toLowerCase())).json().customers;
      expect(ids(found).sort()).toEqual([first.userId, second.userId].sort());
      expect(found.every((c: { match: string }) => c.match === "name")).toBe(true);
      expect(ids((await search(agent, `${family} b`)).json().customers)).toEqual([second.userId]);
      expect((await search(agent, `${family}ø`)).json().customers).toEqual([]);
    });

    it("finds a product by its serial with a look-alike letter, with its owner", async () => {
      const { owner, unit, registrationId } = await registeredProduct(t, { kind: "tv" });
      const digit = unit.serial.search(/0/);
      const typed =
        digit >= 0 ? `${unit.serial.slice(0, digit)}O${unit.serial.slice(digit + 1)}` : unit.serial;
      const products = (await search(agent, typed.toLowerCase())).json().products;
      expect(products).toEqual([
        expect.objectContaining({
          registrationId,
          ownerEmail: owner.email,
          match: digit >= 0 ? "look-alike" : "exact",
        }),
      ]);
    });

    it("finds a claim by its number and a repair by its request and job numbers, with the owner", async () => {
      const { owner, registrationId } = await registeredProduct(t, { kind: "phone" });
      const claim = await submitClaimRequest(t, owner.headers, registrationId);
      expect(claim.statusCode).toBe(201);
      const claimHits = (await search(agent, claim.json().id.toUpperCase())).json().claims;
      expect(claimHits).toEqual([
        expect.objectContaining({ id: claim.json().id, registrationId, ownerId: owner.userId }),
      ]);

      const tv = await registeredProduct(t, { kind: "tv" });
      const repair = await postRepair(t, tv.owner, tv.registrationId, requestBody("tv"));
      expect(repair.statusCode).toBe(201);
      const number: string = repair.json().requestNumber;
      const spoken = number.toLowerCase().replace(/-/g, " ");
      expect((await search(agent, spoken)).json().repairs).toEqual([
        expect.objectContaining({ id: repair.json().id, requestNumber: number, ownerId: tv.owner.userId }),
      ]);
      expect((await search(agent, "RQ-0000-0000")).json().repairs).toEqual([]);
    });
  });
}
