import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { giveReasonRequest } from "../../../test/access-reasons.ts";
import { getAs } from "../../../test/claim-requests.ts";
import { freshOwner, freshUnit, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, type SignedIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { postRepair, requestBody, seedServiceNetwork } from "../../../test/repair-requests.ts";
import { LOOK_ALIKE_FOLDS } from "../../domain/look-alike.ts";

/** The serial with its first foldable digit typed as the letter it looks like (0 → O). */
function misread(serial: string): string {
  for (const [letter, digit] of Object.entries(LOOK_ALIKE_FOLDS)) {
    const at = serial.indexOf(digit);
    if (at >= 0) return serial.slice(0, at) + letter + serial.slice(at + 1);
  }
  throw new Error(`${serial} has no digit that looks like a letter`);
}

for (const dialect of dialects()) {
  describe(`customer service finds a product on ${dialect}`, () => {
    let t: TestApp;
    let agent: SignedIn;
    const find = (who: SignedIn | null, identifier: string) =>
      getAs(t, who, `/api/v1/staff/products?${new URLSearchParams({ identifier })}`);
    beforeAll(async () => {
      t = await startTestApp(dialect);
      await seedCatalogue(t.database);
      await seedServiceNetwork(t);
      agent = await freshOwner(t, "agent");
    });
    afterAll(() => t.close());

    it("finds a registered product by its serial as read out, with its owner", async () => {
      const { owner, unit, registrationId } = await registeredProduct(t, { kind: "tv" });
      const spoken = unit.serial.toLowerCase().replace(/(.{4})/g, "$1 ");
      const res = await find(agent, spoken);
      expect(res.statusCode).toBe(200);
      expect(res.json().products).toEqual([
        expect.objectContaining({
          registrationId,
          unitSerial: unit.serial,
          match: "exact",
          ownerEmail: owner.email,
          openRepairId: null,
        }),
      ]);
    });

    it("finds it with a look-alike letter typed for a digit, and by a phone's IMEI", async () => {
      const tv = await registeredProduct(t, { kind: "tv" });
      const byLookAlike = (await find(agent, misread(tv.unit.serial))).json().products;
      expect(
        byLookAlike.map((p: { registrationId: string; match: string }) => [p.registrationId, p.match]),
      ).toEqual([[tv.registrationId, "look-alike"]]);
      const phone = await registeredProduct(t, { kind: "phone" });
      const byImei = (await find(agent, phone.unit.imei ?? "")).json().products;
      expect(byImei.map((p: { registrationId: string }) => p.registrationId)).toEqual([phone.registrationId]);
      const byMisreadImei = (await find(agent, misread(phone.unit.imei ?? ""))).json().products;
      expect(
        byMisreadImei.map((p: { registrationId: string; match: string }) => [p.registrationId, p.match]),
      ).toEqual([[phone.registrationId, "look-alike"]]);
    });

    it("lists no product for a unit nobody has registered or an identifier that names none", async () => {
      const unit = await freshUnit(t, "tv");
      expect((await find(agent, unit.serial)).json().products).toEqual([]);
      expect((await find(agent, "NO-SUCH-THING")).json().products).toEqual([]);
    });

    it("names the repair under way, and the request the agent opens is the owner's", async () => {
      const { owner, unit, registrationId } = await registeredProduct(t, { kind: "tv" });
      // No case is open yet: the agent says why they open the owner's product.
      const refused = await getAs(t, agent, `/api/v1/registrations/${registrationId}/repair-options`);
      expect([refused.statusCode, refused.json().code]).toEqual([403, "access.reason_required"]);
      expect((await giveReasonRequest(t, agent, owner.userId)).statusCode).toBe(200);
      const options = await getAs(t, agent, `/api/v1/registrations/${registrationId}/repair-options`);
      expect(options.json().forOwner).toBe((await getAs(t, owner, "/api/v1/me")).json().name);
      const own = await getAs(t, owner, `/api/v1/registrations/${registrationId}/repair-options`);
      expect(own.json().forOwner).toBeNull();
      const repair = await postRepair(t, agent, registrationId, requestBody("tv"));
      expect(repair.statusCode).toBe(201);
      const [found] = (await find(agent, unit.serial)).json().products;
      expect(found.openRepairId).toBe(repair.json().id);
      const mine = (await getAs(t, owner, "/api/v1/repairs")).json().repairs;
      expect(mine.map((r: { id: string }) => r.id)).toEqual([repair.json().id]);
    });

    it("is for agents and admins: owners and reviewers are refused, and so is no one signed in", async () => {
      const { owner, unit } = await registeredProduct(t, { kind: "tv" });
      const reviewer = await freshOwner(t, "reviewer");
      const admin = await freshOwner(t, "admin");
      for (const who of [owner, reviewer]) {
        const res = await find(who, unit.serial);
        expect([res.statusCode, res.json().code]).toEqual([403, "auth.forbidden"]);
      }
      expect((await find(null, unit.serial)).statusCode).toBe(401);
      expect((await find(admin, unit.serial)).json().products).toHaveLength(1);
    });

    it("refuses an empty or an overlong identifier with a code", async () => {
      for (const identifier of ["", "   ", "X".repeat(41)]) {
        const res = await find(agent, identifier);
        expect([res.statusCode, res.json().code]).toEqual([400, "request.invalid"]);
      }
      const none = await getAs(t, agent, "/api/v1/staff/products");
      expect([none.statusCode, none.json().code]).toEqual([400, "request.invalid"]);
    });
  });
}
