import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../../test/clock.ts";
import { freshOwner, registeredProduct, type UnitKind } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, startTestApp, type TestApp } from "../../../test/harness.ts";
import { insertDrawings, lockAccount } from "./queries.ts";

type SignedIn = Awaited<ReturnType<typeof freshOwner>>;

for (const dialect of dialects()) {
  describe(`rewards on ${dialect}`, () => {
    let t: TestApp;
    let editor: SignedIn;
    const clock = manualClock("2026-12-01T10:00:00Z");
    beforeAll(async () => {
      t = await startTestApp(
        dialect,
        { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" },
        undefined,
        clock,
      );
      await seedCatalogue(t.database);
      editor = await freshOwner(t, "editor");
    });
    afterAll(() => t.close());

    const get = (url: string, who?: SignedIn) =>
      t.app.inject({ method: "GET", url, ...(who ? { headers: { cookie: who.cookie } } : {}) });
    const send = (
      method: "POST" | "PUT" | "DELETE" | "PATCH",
      url: string,
      who: SignedIn,
      payload?: object,
    ) => t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
    const points = async (who: SignedIn) => (await get("/api/v1/points", who)).json();
    const history = async (who: SignedIn) => (await get("/api/v1/points/history", who)).json().entries;
    const setRule = (rule: object) => send("PUT", "/api/v1/admin/points-rules", editor, rule);
    const redeem = (who: SignedIn, rewardId: string) =>
      send("POST", `/api/v1/rewards/${rewardId}/redemptions`, who, {});

    async function reward(cost: number, codes: string[]): Promise<string> {
      const created = await send("POST", "/api/v1/admin/rewards", editor, {
        names: { nb: `Rabatt ${cost}`, en: `Discount ${cost}` },
        descriptions: { nb: "Rabattkode i nettbutikken.", en: "A discount code for the web shop." },
        cost,
        activeFrom: null,
        activeTo: null,
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;
      if (codes.length > 0) {
        const up = await send("POST", `/api/v1/admin/rewards/${id}/codes`, editor, {
          codes: codes.join("\n"),
        });
        expect(up.statusCode).toBe(200);
        expect(up.json()).toEqual({ added: codes.length, codesTotal: codes.length });
      }
      return id;
    }
    let codeCount = 0;
    const codes = (n: number) => Array.from({ length: n }, () => `${dialect.toUpperCase()}-${++codeCount}`);

    /** An owner with `count` fridges registered under the fridge rule set below (100 points each, no wait). */
    async function ownerWith(count: number, kind: UnitKind = "fridge"): Promise<SignedIn> {
      const owner = await freshOwner(t);
      for (let i = 0; i < count; i++) await registeredProduct(t, { kind, owner });
      return owner;
    }

    it("answers 401 with the code without a session", async () => {
      const res = await get("/api/v1/points");
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe("auth.required");
    });

    it("shows a new owner no points and no movements", async () => {
      const owner = await freshOwner(t);
      expect(await points(owner)).toEqual({ balance: 0, pending: 0, nextExpiry: null, movements: [] });
    });

    it("keeps a first registration's points pending for 14 days without a rule, then counts them for 24 months", async () => {
      const phone = await registeredProduct(t, { kind: "phone" });
      const phoneAt = clock.now().toISOString();
      clock.advance(60_000);
      await registeredProduct(t, { kind: "tv", owner: phone.owner });
      const before = await points(phone.owner);
      expect(before.balance).toBe(0);
      expect(before.pending).toBe(400);
      expect(before.movements).toHaveLength(2);
      expect(before.movements[1]).toMatchObject({
        kind: "first-registration",
        points: 200,
        productNames: { nb: expect.any(String), en: expect.any(String) },
        createdAt: phoneAt,
      });
      expect((await history(phone.owner))[1].pendingUntil).toBe("2026-12-15T10:00:00.000Z");
      clock.advanceDays(14);
      const after = await points(phone.owner);
      expect(after).toMatchObject({
        balance: 400,
        pending: 0,
        nextExpiry: { points: 200, at: "2028-12-15T10:00:00.000Z" },
      });
    });

    it("shows nobody the points of another owner", async () => {
      await registeredProduct(t);
      const other = await freshOwner(t);
      expect((await points(other)).pending).toBe(0);
    });

    it("lets only editors and admins set rules, and refuses a category the catalogue lacks", async () => {
      const owner = await freshOwner(t);
      const rule = {
        action: "registration",
        categoryCode: "fridge",
        points: 100,
        pendingDays: 0,
        validityMonths: 12,
      };
      expect((await send("PUT", "/api/v1/admin/points-rules", owner, rule)).statusCode).toBe(403);
      const unknown = await setRule({ ...rule, categoryCode: "spaceship" });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().code).toBe("points_rule.category_unknown");
      const set = await setRule(rule);
      expect(set.statusCode).toBe(200);
      expect(set.json().rules).toContainEqual(expect.objectContaining(rule));
      // Setting it again replaces it: one rule per action and category.
      await setRule(rule);
      const rules = (await get("/api/v1/admin/points-rules", editor)).json().rules;
      expect(rules.filter((r: { categoryCode: string }) => r.categoryCode === "fridge")).toHaveLength(1);
    });

    it("earns by the category's rule: a fridge's 100 points count at once", async () => {
      const owner = await ownerWith(1);
      expect(await points(owner)).toMatchObject({ balance: 100, pending: 0 });
    });

    it("reverses a product's pending points when it is removed in the waiting period, and keeps those that count", async () => {
      const pending = await registeredProduct(t, { kind: "tv" });
      expect((await points(pending.owner)).pending).toBe(200);
      clock.advance(60_000);
      const removed = await send("DELETE", `/api/v1/registrations/${pending.registrationId}`, pending.owner);
      expect(removed.statusCode).toBe(204);
      expect(await points(pending.owner)).toMatchObject({ balance: 0, pending: 0 });
      const entries = await history(pending.owner);
      expect(entries.map((e: { kind: string; points: number }) => [e.kind, e.points])).toEqual([
        ["reversal", -200],
        ["first-registration", 200],
      ]);
      expect(entries[1].pendingUntil).toBeNull();

      const counted = await registeredProduct(t, { kind: "fridge" });
      await send("DELETE", `/api/v1/registrations/${counted.registrationId}`, counted.owner);
      expect((await points(counted.owner)).balance).toBe(100);
    });

    it("earns once for completing My information, by its rule", async () => {
      const set = await setRule({
        action: "profile-complete",
        categoryCode: null,
        points: 50,
        pendingDays: 0,
        validityMonths: 12,
      });
      expect(set.statusCode).toBe(200);
      const owner = await freshOwner(t);
      const partial = await send("PATCH", "/api/v1/me", owner, { phone: "+4791234567", city: "Oslo" });
      expect(partial.statusCode).toBe(200);
      expect((await points(owner)).balance).toBe(0);
      const complete = { addressLine: "Storgata 1", postalCode: "0155" };
      expect((await send("PATCH", "/api/v1/me", owner, complete)).statusCode).toBe(200);
      expect((await send("PATCH", "/api/v1/me", owner, { city: "Bergen" })).statusCode).toBe(200);
      const after = await points(owner);
      expect(after.balance).toBe(50);
      expect(after.movements.map((m: { kind: string }) => m.kind)).toEqual(["profile-complete"]);
    });

    it("redeems a reward for a code, spends the points and shows the code in the history", async () => {
      const owner = await ownerWith(2);
      const id = await reward(150, codes(2));
      const offered = (await get("/api/v1/rewards", owner)).json();
      expect(offered.rewards).toContainEqual(expect.objectContaining({ id, cost: 150, inStock: true }));
      clock.advance(60_000);
      const res = await redeem(owner, id);
      expect(res.statusCode).toBe(201);
      const { code } = res.json();
      expect(res.json()).toMatchObject({
        rewardId: id,
        points: 150,
        balance: 50,
        names: { en: "Discount 150" },
      });
      expect((await points(owner)).balance).toBe(50);
      const [latest] = await history(owner);
      expect(latest).toMatchObject({
        kind: "redemption",
        points: -150,
        reward: { code, names: { nb: "Rabatt 150" } },
      });
      const exported = await t.database.db
        .selectFrom("reward_code")
        .select("code")
        .where("reward_id", "=", id)
        .where("redemption_id", "is not", null)
        .execute();
      expect(exported).toEqual([{ code }]);
    });

    it("answers 409 points.insufficient and spends nothing when the points that count are too few", async () => {
      const owner = await ownerWith(1);
      await registeredProduct(t, { kind: "phone", owner }); // pending: does not count
      const id = await reward(250, codes(1));
      const res = await redeem(owner, id);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe("points.insufficient");
      expect(await points(owner)).toMatchObject({ balance: 100, pending: 200 });
      const stock = (await get("/api/v1/admin/rewards", editor))
        .json()
        .rewards.find((r: { id: string }) => r.id === id);
      expect(stock).toMatchObject({ codesTotal: 1, codesIssued: 0 });
    });

    it("answers 409 reward.out_of_stock and spends nothing when the pool is empty, and 404 for no such reward", async () => {
      const owner = await ownerWith(1);
      const empty = await reward(10, []);
      const res = await redeem(owner, empty);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe("reward.out_of_stock");
      expect((await points(owner)).balance).toBe(100);
      const none = await redeem(owner, "no-such-reward");
      expect(none.statusCode).toBe(404);
      expect(none.json().code).toBe("reward.not_found");
    });

    it("spends the points that expire first, and writes the rest of an expired lot down as an expiry", async () => {
      await setRule({
        action: "registration",
        categoryCode: "fridge",
        points: 100,
        pendingDays: 0,
        validityMonths: 1,
      });
      const owner = await ownerWith(1);
      await setRule({
        action: "registration",
        categoryCode: "fridge",
        points: 100,
        pendingDays: 0,
        validityMonths: 12,
      });
      clock.advanceDays(1);
      await registeredProduct(t, { kind: "fridge", owner });
      const id = await reward(50, codes(1));
      expect((await redeem(owner, id)).statusCode).toBe(201);
      const spentFrom = await t.database.db
        .selectFrom("points_ledger")
        .select(["lot_id", "points"])
        .where("owner_id", "=", owner.userId)
        .where("kind", "=", "redemption")
        .execute();
      const firstLot = await t.database.db
        .selectFrom("points_ledger")
        .select("id")
        .where("owner_id", "=", owner.userId)
        .where("kind", "=", "first-registration")
        .orderBy("created_at")
        .executeTakeFirstOrThrow();
      expect(spentFrom).toEqual([{ lot_id: firstLot.id, points: -50 }]);
      expect((await points(owner)).nextExpiry).toMatchObject({ points: 50 });
      clock.advanceDays(31);
      expect((await points(owner)).balance).toBe(100);
      const entries = await history(owner);
      expect(entries[0]).toMatchObject({ kind: "expiry", points: -50 });
      // Read again: the expiry is written once.
      expect((await history(owner)).filter((e: { kind: string }) => e.kind === "expiry")).toHaveLength(1);
    });

    it("never lets one owner's simultaneous redemptions spend more than they hold", async () => {
      const owner = await ownerWith(5);
      const id = await reward(100, codes(20));
      const answers = await Promise.all(Array.from({ length: 12 }, () => redeem(owner, id)));
      const statuses = answers.map((r) => r.statusCode).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(5);
      expect(answers.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual(
        Array(7).fill("points.insufficient"),
      );
      expect((await points(owner)).balance).toBe(0);
      const issued = new Set(answers.filter((r) => r.statusCode === 201).map((r) => r.json().code));
      expect(issued.size).toBe(5);
      const sum = await t.database.db
        .selectFrom("points_ledger")
        .select((eb) => eb.fn.sum<number>("points").as("total"))
        .where("owner_id", "=", owner.userId)
        .executeTakeFirstOrThrow();
      expect(Number(sum.total)).toBe(0);
    });

    it("gives the last code to exactly one of many owners redeeming it at once, and spends nothing of the others", async () => {
      const owners = await Promise.all(Array.from({ length: 8 }, () => ownerWith(1)));
      const id = await reward(100, codes(1));
      const answers = await Promise.all(owners.map((o) => redeem(o, id)));
      expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(1);
      expect(answers.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual(
        Array(7).fill("reward.out_of_stock"),
      );
      const balances = await Promise.all(owners.map(async (o) => (await points(o)).balance));
      expect(balances.sort()).toEqual([0, 100, 100, 100, 100, 100, 100, 100]);
    });

    it("refuses an upload with a code twice or in the pool already, and adds none of it", async () => {
      const id = await reward(10, ["DUP-1"]);
      const twice = await send("POST", `/api/v1/admin/rewards/${id}/codes`, editor, {
        codes: "NEW-1\nNEW-1\n",
      });
      expect(twice.statusCode).toBe(409);
      expect(twice.json()).toMatchObject({ code: "reward.codes_duplicate", codes: ["NEW-1"] });
      const again = await send("POST", `/api/v1/admin/rewards/${id}/codes`, editor, {
        codes: "NEW-2\nDUP-1",
      });
      expect(again.json()).toMatchObject({ code: "reward.codes_duplicate", codes: ["DUP-1"] });
      const bad = await send("POST", `/api/v1/admin/rewards/${id}/codes`, editor, { codes: "has space" });
      expect(bad.statusCode).toBe(400);
      const many = Array.from({ length: 5001 }, (_, i) => `X${i}`).join("\n");
      const tooMany = await send("POST", `/api/v1/admin/rewards/${id}/codes`, editor, { codes: many });
      expect(tooMany.statusCode).toBe(413);
      expect(tooMany.json().code).toBe("reward.codes_too_many");
      const stock = (await get("/api/v1/admin/rewards", editor))
        .json()
        .rewards.find((r: { id: string }) => r.id === id);
      expect(stock.codesTotal).toBe(1);
    });

    it("offers a reward only between its first and last day", async () => {
      const owner = await ownerWith(1);
      const id = await reward(10, codes(1));
      const today = clock.now().toISOString().slice(0, 10);
      const changed = await send("PUT", `/api/v1/admin/rewards/${id}`, editor, {
        names: { nb: "Senere", en: "Later" },
        descriptions: { nb: "Kommer.", en: "Coming." },
        cost: 10,
        activeFrom: "2099-01-01",
        activeTo: null,
      });
      expect(changed.statusCode).toBe(200);
      expect(
        (await get("/api/v1/rewards", owner)).json().rewards.map((r: { id: string }) => r.id),
      ).not.toContain(id);
      const res = await redeem(owner, id);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe("reward.not_available");
      expect(today < "2099-01-01").toBe(true);
    });

    it("refuses a reward's day that is not on the calendar or outside 2000–2100 with 400 request.invalid", async () => {
      const body = (activeFrom: string | null, activeTo: string | null) => ({
        names: { nb: "Dato", en: "Date" },
        descriptions: { nb: "Prøve.", en: "A try." },
        cost: 10,
        activeFrom,
        activeTo,
      });
      for (const [from, to] of [
        ["2026-02-30", null],
        ["0000-01-01", null],
        [null, "2101-01-01"],
        ["1999-12-31", "2026-01-01"],
        [null, "2026-13-01"],
      ] as const) {
        const res = await send("POST", "/api/v1/admin/rewards", editor, body(from, to));
        expect(res.statusCode, `${from}..${to}`).toBe(400);
        expect(res.json().code).toBe("request.invalid");
      }
      const id = await reward(10, []);
      const changed = await send("PUT", `/api/v1/admin/rewards/${id}`, editor, body("2026-02-29", null));
      expect(changed.statusCode).toBe(400);
      const leap = await send("PUT", `/api/v1/admin/rewards/${id}`, editor, body("2028-02-29", "2100-12-31"));
      expect(leap.statusCode).toBe(200);
      expect(leap.json()).toMatchObject({ activeFrom: "2028-02-29", activeTo: "2100-12-31" });
    });

    it("judges a reward's days by the portal's calendar (Oslo), not by UTC's", async () => {
      const owner = await ownerWith(1);
      // 23:30 UTC is 00:30 the next day in Oslo (winter time).
      const now = clock.now();
      const lateEvening = new Date(
        Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 23, 30),
      );
      clock.set(lateEvening);
      const utcDay = lateEvening.toISOString().slice(0, 10);
      const osloDay = new Date(lateEvening.getTime() + 86_400_000).toISOString().slice(0, 10);
      const body = (activeFrom: string | null, activeTo: string | null) => ({
        names: { nb: "Dag", en: "Day" },
        descriptions: { nb: "Én dag.", en: "One day." },
        cost: 10,
        activeFrom,
        activeTo,
      });
      const starts = await reward(10, codes(1));
      const ended = await reward(10, codes(1));
      expect(
        (await send("PUT", `/api/v1/admin/rewards/${starts}`, editor, body(osloDay, null))).statusCode,
      ).toBe(200);
      expect(
        (await send("PUT", `/api/v1/admin/rewards/${ended}`, editor, body(null, utcDay))).statusCode,
      ).toBe(200);
      const offered = (await get("/api/v1/rewards", owner)).json().rewards.map((r: { id: string }) => r.id);
      expect(offered).toContain(starts);
      expect(offered).not.toContain(ended);
      expect((await redeem(owner, ended)).json().code).toBe("reward.not_available");
      expect((await redeem(owner, starts)).statusCode).toBe(201);
    });

    it("shows a redemption from several lots as one movement on My Page, even where the latest ten end", async () => {
      const owner = await ownerWith(2);
      const id = await reward(150, codes(1));
      clock.advance(60_000);
      const redeemed = await redeem(owner, id);
      expect(redeemed.statusCode).toBe(201);
      const mine = await points(owner);
      expect(mine.movements[0]).toMatchObject({ id: redeemed.json().id, kind: "redemption", points: -150 });
      expect(mine.movements.filter((m: { kind: string }) => m.kind === "redemption")).toHaveLength(1);
      // Nine newer rows: the redemption's two rows are the tenth and eleventh.
      clock.advance(60_000);
      for (let i = 0; i < 9; i++) await registeredProduct(t, { kind: "fridge", owner });
      const later = await points(owner);
      expect(later.movements).toHaveLength(10);
      expect(later.movements[9]).toMatchObject({ id: redeemed.json().id, kind: "redemption", points: -150 });
      const entries = await history(owner);
      expect(entries.filter((e: { kind: string }) => e.kind === "redemption")).toEqual([
        expect.objectContaining({ id: redeemed.json().id, points: -150 }),
      ]);
    });

    it("writes an expiry down under the account's lock: points a redemption spends meanwhile are not expired again", async () => {
      const rule = { action: "registration", categoryCode: "fridge", points: 100, pendingDays: 0 };
      await setRule({ ...rule, validityMonths: 1 });
      const owner = await ownerWith(1);
      await setRule({ ...rule, validityMonths: 12 });
      clock.advanceDays(32);
      const lot = await t.database.db
        .selectFrom("points_ledger")
        .select("id")
        .where("owner_id", "=", owner.userId)
        .where("kind", "=", "first-registration")
        .executeTakeFirstOrThrow();
      const at = clock.now().toISOString();
      let reading: ReturnType<typeof history> | undefined;
      // A redemption in progress: it holds the account and has drawn 30 points from the lot.
      await t.database.db.transaction().execute(async (trx) => {
        await lockAccount(trx, owner.userId, at);
        await insertDrawings(trx, [
          { ownerId: owner.userId, kind: "redemption", lotId: lot.id, points: 30, at },
        ]);
        reading = history(owner);
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      const entries = await reading;
      expect(entries?.find((e: { kind: string }) => e.kind === "expiry")).toMatchObject({ points: -70 });
      expect((await points(owner)).balance).toBe(0);
    });

    it("lets two editors set the same new rule at once: both are answered, one rule stands", async () => {
      const rule = { action: "registration", categoryCode: "ssd", pendingDays: 0, validityMonths: 12 };
      const answers = await Promise.all([10, 20, 30, 40].map((p) => setRule({ ...rule, points: p })));
      expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
      const rules = (await get("/api/v1/admin/points-rules", editor))
        .json()
        .rules.filter((r: { categoryCode: string | null }) => r.categoryCode === "ssd");
      expect(rules).toHaveLength(1);
      expect([10, 20, 30, 40]).toContain(rules[0].points);
    });

    it("writes an audit line when a rule is removed", async () => {
      const set = await setRule({
        action: "registration",
        categoryCode: "phone",
        points: 5,
        pendingDays: 0,
        validityMonths: 12,
      });
      const id = set.json().rules.find((r: { categoryCode: string | null }) => r.categoryCode === "phone").id;
      const removed = await send("DELETE", `/api/v1/admin/points-rules/${id}`, editor);
      expect(removed.statusCode).toBe(204);
      const lines = await t.database.db
        .selectFrom("audit_log")
        .select(["action", "actor_id", "subject_type"])
        .where("subject_id", "=", id)
        .execute();
      expect(lines).toEqual([
        { action: "points_rule.removed", actor_id: editor.userId, subject_type: "points_rule" },
      ]);
      expect((await send("DELETE", `/api/v1/admin/points-rules/${id}`, editor)).statusCode).toBe(404);
    });
  });
}
