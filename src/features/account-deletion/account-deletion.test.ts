import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { giveReasonRequest } from "../../../test/access-reasons.ts";
import { submitClaimRequest } from "../../../test/claim-requests.ts";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner, freshUnit, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, type SignedIn, sessionCookie, startTestApp, type TestApp } from "../../../test/harness.ts";
import { ownerTables } from "../../../test/owner-tables.ts";
import { photoUpload, postRepair, requestBody, seedServiceNetwork } from "../../../test/repair-requests.ts";
import { newRowId } from "../../db/row-id.ts";
import { localDiskStorage } from "../claims/storage.ts";
import { ERASURE } from "./erasure.ts";
import { eraseDue } from "./service.ts";

const NAME = "Oddveig Slettesen";
const PHONE = "+47 912 34 567";

/** Every row of every table, as text: where an erased owner's name, address or phone must not be. */
async function everyRowAsText(t: TestApp): Promise<Map<string, string>> {
  const tables =
    t.database.dialect === "sqlite"
      ? (
          await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(
            t.database.db,
          )
        ).rows
      : (
          await sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = current_schema()`.execute(t.database.db)
        ).rows;
  const text = new Map<string, string>();
  for (const { name } of tables) {
    const rows = (await sql`select * from ${sql.table(name)}`.execute(t.database.db)).rows;
    text.set(name, JSON.stringify(rows));
  }
  return text;
}

for (const dialect of dialects()) {
  describe(`deleting an account on ${dialect}`, () => {
    const clock = manualClock("2026-12-03T09:00:00Z");
    let t: TestApp;
    let agent: SignedIn;
    beforeAll(async () => {
      t = await startTestApp(dialect, {}, undefined, clock);
      await seedCatalogue(t.database);
      await seedServiceNetwork(t);
      agent = await freshOwner(t, "agent");
    });
    afterAll(() => t.close());

    const remove = (owner: SignedIn, password: unknown) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/me/deletion",
        headers: owner.headers,
        payload: { password },
      });
    const signIn = (owner: SignedIn) =>
      t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in/email",
        remoteAddress: "10.200.0.1",
        payload: { email: owner.email, password: owner.password },
      });
    const me = (cookie: string) => t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } });

    it("holds every table with an owner's data to what erasure does with it", async () => {
      const missing = (await ownerTables(t.database)).filter((table) => !(table in ERASURE));
      expect(missing, "tables with an owner's data that erasure says nothing about").toEqual([]);
    });

    it("refuses a wrong password and changes nothing; a bad body is 400", async () => {
      const { owner, registrationId } = await registeredProduct(t);
      const wrong = await remove(owner, "not my password");
      expect([wrong.statusCode, wrong.json().code]).toEqual([403, "account.password_wrong"]);
      for (const body of [
        {},
        { password: "" },
        { password: "x", extra: 1 },
        { password: "x".repeat(100_000) },
      ]) {
        const bad = await t.app.inject({
          method: "POST",
          url: "/api/v1/me/deletion",
          headers: owner.headers,
          payload: body,
        });
        expect([
          [400, "request.invalid"],
          [413, "request.too_large"],
        ]).toContainEqual([bad.statusCode, bad.json().code]);
      }
      expect((await me(owner.cookie)).statusCode).toBe(200);
      const product = await t.app.inject({
        method: "GET",
        url: `/api/v1/registrations/${registrationId}`,
        headers: owner.headers,
      });
      expect(product.statusCode).toBe(200);
      // Staff cannot delete their own account here; an admin removes staff accounts.
      const refused = await remove(agent, agent.password);
      expect([refused.statusCode, refused.json().code]).toEqual([403, "auth.forbidden"]);
    });

    it("ends every sign-in and frees the products at once; signing in before the day keeps the account", async () => {
      const { owner, unit, registrationId } = await registeredProduct(t, { kind: "tv" });
      const second = await registeredProduct(t, { owner, kind: "phone" });
      const status = await t.app.inject({
        method: "GET",
        url: "/api/v1/me/deletion",
        headers: owner.headers,
      });
      expect(status.json()).toEqual({ graceDays: 14, dueAt: null, openRepairs: 0 });

      const asked = await remove(owner, owner.password);
      expect(asked.statusCode).toBe(200);
      expect(asked.json()).toEqual({ status: "scheduled", dueAt: "2026-12-17T09:00:00.000Z" });
      expect((await me(owner.cookie)).statusCode).toBe(401);

      // Someone who owns the TV now registers it.
      const buyer = await freshOwner(t);
      const taken = await t.app.inject({
        method: "POST",
        url: "/api/v1/registrations",
        headers: buyer.headers,
        payload: { identifier: unit.serial },
      });
      expect(taken.statusCode).toBe(201);

      // Signing in within the 14 days keeps the account; the phone comes back, the TV does not.
      const back = await signIn(owner);
      expect(back.statusCode).toBe(200);
      const cookie = sessionCookie(back);
      const products = (
        await t.app.inject({ method: "GET", url: "/api/v1/registrations", headers: { cookie } })
      ).json();
      expect(products.registrations.map((r: { id: string }) => r.id)).toEqual([second.registrationId]);
      expect(registrationId).not.toBe(second.registrationId);
      const after = await t.app.inject({ method: "GET", url: "/api/v1/me/deletion", headers: { cookie } });
      expect(after.json().dueAt).toBeNull();
      clock.advanceDays(15);
      expect(await eraseDue(deletionContext(t))).toBe(0);
      expect((await me(cookie)).statusCode).toBe(200);
    });

    it("erases everything that names or reaches the owner on the day, keeps the records without them, and deletes the files", async () => {
      const { owner, registrationId } = await registeredProduct(t, {
        kind: "tv",
        purchaseDate: "2026-03-01",
      });
      await t.app.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: owner.headers,
        payload: { name: NAME, phone: PHONE, addressLine: "Slettegata 7", postalCode: "0150", city: "Oslo" },
      });
      expect((await submitClaimRequest(t, owner.headers, registrationId)).statusCode).toBe(201);
      const repair = await postRepair(t, owner, registrationId, requestBody("tv"));
      expect(repair.statusCode).toBe(201);
      expect((await photoUpload(t, owner, repair.json().id)).statusCode).toBe(201);
      await giveReasonRequest(t, agent, owner.userId, { reason: "owner-contact" });
      await t.app.inject({
        method: "POST",
        url: `/api/v1/staff/customers/${owner.userId}/notes`,
        headers: agent.headers,
        payload: { text: `Called ${NAME} about the remote.` },
      });
      await t.app.inject({ method: "POST", url: "/api/v1/me/exports", headers: owner.headers });
      await t.app.outbox.drain();
      const storage = localDiskStorage(t.config.filesDir);
      const keys = (
        await sql<{ key: string }>`select storage_key as key from claim_file union all
          select storage_key as key from repair_photo union all
          select storage_key as key from data_export where storage_key is not null`.execute(t.database.db)
      ).rows.map((r) => r.key);
      const before = await Promise.all(keys.map((k) => storage.get(k)));

      const status = await t.app.inject({
        method: "GET",
        url: "/api/v1/me/deletion",
        headers: owner.headers,
      });
      expect(status.json().openRepairs).toBe(1);
      expect((await remove(owner, owner.password)).json().status).toBe("scheduled");
      clock.advanceDays(14);
      expect(await eraseDue(deletionContext(t))).toBe(1);
      await t.app.outbox.drain();

      // Nothing that names or reaches the owner is anywhere in the database.
      for (const [table, text] of await everyRowAsText(t)) {
        for (const secret of [owner.email, NAME, PHONE, "Slettegata 7"]) {
          expect(text.includes(secret), `${table} holds ${secret}`).toBe(false);
        }
      }
      expect((await signIn(owner)).statusCode).toBe(401);
      // The records stay, without the person: the claim, the repair, the registration's dates.
      const claim = await t.database.db
        .selectFrom("warranty_claim")
        .select(["status", "owner_id"])
        .where("registration_id", "=", registrationId)
        .executeTakeFirst();
      expect(claim?.owner_id).toBe(owner.userId);
      const kept = await t.database.db
        .selectFrom("repair")
        .select(["contact_phone", "city", "status"])
        .where("id", "=", repair.json().id)
        .executeTakeFirst();
      expect(kept).toMatchObject({ contact_phone: "", city: "" });
      const registration = await t.database.db
        .selectFrom("registration")
        .select(["purchase_date", "removed_at"])
        .where("id", "=", registrationId)
        .executeTakeFirst();
      expect(registration?.purchase_date).toBe("2026-03-01");
      expect(registration?.removed_at).not.toBeNull();
      // The files are gone, every one.
      expect(before.every((bytes) => bytes !== null)).toBe(true);
      expect(await Promise.all(keys.map((k) => storage.get(k)))).toEqual(keys.map(() => null));
      // The last mail went out, and the outbox keeps it without the address.
      const last = await t.database.db
        .selectFrom("outbox")
        .select(["payload", "status"])
        .where("dedupe_key", "=", `account-erased:${owner.userId}`)
        .executeTakeFirst();
      expect(last?.status).toBe("done");
      expect(JSON.parse(last?.payload ?? "{}").to).toBe("");
    });

    it("erases an owner with a thousand products, claims and repairs through indexes, in one go", async () => {
      const owner = await freshOwner(t);
      const at = clock.now().toISOString();
      const units: { serial: string; model: string }[] = [];
      for (let i = 0; i < 1000; i++) units.push(await freshUnit(t, "tv"));
      const rows = units.map((unit) => ({
        id: newRowId(),
        unit_serial: unit.serial,
        owner_id: owner.userId,
        channel: "web-serial",
        purchase_date: "2026-01-01",
        purchase_place: null,
        nickname: `${NAME}s TV`,
        registered_at: at,
        removed_at: null,
      }));
      for (let i = 0; i < rows.length; i += 200)
        await t.database.db
          .insertInto("registration")
          .values(rows.slice(i, i + 200))
          .execute();
      const claims = rows.map((r) => ({
        id: newRowId(),
        registration_id: r.id,
        owner_id: owner.userId,
        unit_serial: r.unit_serial,
        model_code: units[0]?.model ?? "",
        purchase_date: "2026-01-01",
        seller: "Elkjøp",
        status: "approved" as const,
        created_at: at,
        updated_at: at,
      }));
      for (let i = 0; i < claims.length; i += 200)
        await t.database.db
          .insertInto("warranty_claim")
          .values(claims.slice(i, i + 200))
          .execute();
      const started = Date.now();
      expect((await remove(owner, owner.password)).statusCode).toBe(200);
      clock.advanceDays(14);
      expect(await eraseDue(deletionContext(t))).toBe(1);
      const seconds = (Date.now() - started) / 1000;
      const left = await t.database.db
        .selectFrom("registration")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("owner_id", "=", owner.userId)
        .where("nickname", "is not", null)
        .executeTakeFirstOrThrow();
      expect(Number(left.n)).toBe(0);
      const phones = await t.database.db
        .selectFrom("repair")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("owner_id", "=", owner.userId)
        .where("contact_phone", "=", PHONE)
        .executeTakeFirstOrThrow();
      expect(Number(phones.n)).toBe(0);
      expect(seconds, "erasing 1 000 products, claims and repairs").toBeLessThan(30);
    });
  });
}

function deletionContext(t: TestApp) {
  return {
    database: t.database,
    config: t.config,
    clock: t.clock,
    storage: localDiskStorage(t.config.filesDir),
    verifyPassword: async () => true,
  };
}
