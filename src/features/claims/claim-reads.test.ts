import { type CompiledQuery, type KyselyPlugin, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf, claimsContext, decisionRequest, submitClaimRequest } from "../../../test/claim-requests.ts";
import { freshOwner, registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, type SignedIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { OPEN_CLAIM_STATUSES } from "../../domain/claim-lifecycle.ts";
import {
  claimEventsQuery,
  claimFilesQuery,
  claimsOfRegistrationQuery,
  listClaimsOfRegistration,
  reviewQueueQuery,
} from "./queries.ts";
import { claimsOfRegistration } from "./read.ts";

/** Counts the queries sent through a Kysely instance. */
function queryCounter() {
  const counter = { count: 0 };
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      counter.count++;
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  return { counter, plugin };
}

const GROWING_TABLES = ["warranty_claim", "claim_file", "claim_event", "user", "unit", "registration"];

for (const dialect of dialects()) {
  describe(`reading claims on ${dialect}`, () => {
    let t: TestApp;
    let reviewer: SignedIn;
    beforeAll(async () => {
      t = await startTestApp(dialect, { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" });
      await seedCatalogue(t.database);
      reviewer = await freshOwner(t, "reviewer");
    });
    afterAll(() => t.close());

    /** A fridge with `decided` rejected claims and one open claim. */
    async function fridgeWithClaims(decided: number) {
      const product = await registeredProduct(t, { kind: "fridge" });
      for (let i = 0; i <= decided; i++) {
        const res = await submitClaimRequest(t, product.owner.headers, product.registrationId);
        expect(res.statusCode).toBe(201);
        if (i < decided)
          await decisionRequest(t, reviewer.headers, res.json().id, { decision: "rejected", reason: "No." });
      }
      return product;
    }

    /** The plan the database makes for a query, as text, with index use forced where it is possible. */
    async function planOf(query: CompiledQuery): Promise<string> {
      if (dialect === "sqlite") {
        const rows = await t.database.db.executeQuery<{ detail: string }>({
          ...query,
          sql: `explain query plan ${query.sql}`,
        });
        return rows.rows.map((r) => r.detail).join("\n");
      }
      // On tables this small PostgreSQL would scan anyway; without sequential scans it shows
      // whether an index can serve the query at all.
      return t.database.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        const rows = await trx.executeQuery<{ "QUERY PLAN": string }>({
          ...query,
          sql: `explain ${query.sql}`,
        });
        return rows.rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
    }
    const fullScans = (plan: string) =>
      GROWING_TABLES.filter((table) =>
        dialect === "sqlite"
          ? new RegExp(`\\bSCAN ${table}\\b(?! USING)`).test(plan)
          : new RegExp(`Seq Scan on "?${table}"?\\b`).test(plan),
      );

    it("reads a product's claims, files and history in the same few queries, whatever the number of claims", async () => {
      const counts: number[] = [];
      for (const decided of [0, 3]) {
        const { owner, registrationId } = await fridgeWithClaims(decided);
        const { counter, plugin } = queryCounter();
        const ctx = {
          ...claimsContext(t),
          database: { ...t.database, db: t.database.db.withPlugin(plugin) },
        };
        const claims = await claimsOfRegistration(ctx, actorOf(owner), registrationId);
        expect(claims).toHaveLength(decided + 1);
        expect(claims.every((c) => c.files.length === 1 && c.events.length >= 1)).toBe(true);
        counts.push(counter.count);
      }
      expect(counts[0]).toBe(counts[1]);
      expect(counts[0]).toBeLessThanOrEqual(4);
    });

    it("reads the reviewers' queue in one ordered walk of an index, by status and by age, with no sort", async () => {
      await fridgeWithClaims(1);
      const cases = [
        { statuses: OPEN_CLAIM_STATUSES, createdBefore: null, index: "warranty_claim_open_queue_idx" },
        { statuses: OPEN_CLAIM_STATUSES, createdBefore: new Date(), index: "warranty_claim_open_queue_idx" },
        { statuses: ["submitted" as const], createdBefore: new Date(), index: "warranty_claim_queue_idx" },
        { statuses: ["approved" as const], createdBefore: null, index: "warranty_claim_queue_idx" },
      ];
      for (const { index, ...filter } of cases) {
        const plan = await planOf(
          reviewQueueQuery(t.database.db, dialect, { ...filter, limit: 200 }).compile(),
        );
        expect(fullScans(plan), plan).toEqual([]);
        if (dialect === "sqlite") {
          // The walk is in the index's order and stops after the page: nothing is sorted.
          expect(plan).toContain(index);
          expect(plan).not.toContain("TEMP B-TREE");
        } else {
          // PostgreSQL may take either for one open status, both hold it in order.
          expect(plan).toMatch(/warranty_claim_(open_)?queue_idx/);
        }
      }
    });

    it("takes one status or every open one in the queue, never some of them", () => {
      expect(() =>
        reviewQueueQuery(t.database.db, dialect, {
          statuses: ["submitted", "more-info"],
          createdBefore: null,
          limit: 200,
        }),
      ).toThrow(/one status or every open one/);
    });

    it("reads a product's claims and their files and events through indexes", async () => {
      const { registrationId } = await fridgeWithClaims(1);
      const ids = (await listClaimsOfRegistration(t.database.db, registrationId)).map((c) => c.id);
      expect(ids).toHaveLength(2);
      for (const query of [
        claimsOfRegistrationQuery(t.database.db, registrationId),
        claimFilesQuery(t.database.db, ids),
        claimEventsQuery(t.database.db, ids),
      ]) {
        const plan = await planOf(query.compile());
        expect(fullScans(plan), plan).toEqual([]);
      }
    });
  });
}
