import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../../test/clock.ts";
import { dialects, freshDatabase } from "../../../test/harness.ts";
import type { Database } from "../../db/database.ts";
import { withLease } from "./service.ts";

const TTL = 60_000;

for (const dialect of dialects()) {
  describe(`job leases on ${dialect}`, () => {
    const clock = manualClock("2026-12-02T10:00:00Z");
    let database: Database;
    beforeAll(async () => {
      database = await freshDatabase(dialect);
    });
    afterAll(() => database.close());

    const lease = <T>(name: string, holder: string, work: Parameters<typeof withLease<T>>[3]) =>
      withLease(database, clock, { name, ttlMs: TTL, holder }, work);

    it("lets one holder at a time run a job, and names the one that has it", async () => {
      const outer = await lease("one-at-a-time", "a", async () => {
        const inner = await lease("one-at-a-time", "b", async () => "b ran");
        expect(inner).toEqual({ held: false, holder: "a", until: "2026-12-02T10:01:00.000Z" });
        // Another job's lease is another matter.
        expect(await lease("another-job", "b", async () => "b ran")).toEqual({ held: true, value: "b ran" });
        return "a ran";
      });
      expect(outer).toEqual({ held: true, value: "a ran" });
    });

    it("lets another holder take over a lease that ran out, and tells the first it lost it", async () => {
      await lease("expiry", "a", async (a) => {
        clock.advance(TTL + 1);
        const taken = await lease("expiry", "b", async () => a.renew());
        expect(taken).toEqual({ held: true, value: false });
      });
    });

    it("keeps a renewed lease from others past its first end", async () => {
      await lease("renewal", "a", async (a) => {
        clock.advance(TTL - 1_000);
        expect(await a.renew()).toBe(true);
        clock.advance(2_000);
        expect(await lease("renewal", "b", async () => "b ran")).toMatchObject({ held: false, holder: "a" });
      });
    });

    it("gives the lease up when the work ends, also when it throws", async () => {
      await expect(
        lease("release", "a", async () => {
          throw new Error("the job failed");
        }),
      ).rejects.toThrow("the job failed");
      expect(await lease("release", "b", async () => "b ran")).toEqual({ held: true, value: "b ran" });
    });

    it("leaves the new holder's lease alone when the holder it was taken from ends", async () => {
      let bHolds: () => void = () => {};
      let bMayFinish: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        bHolds = resolve;
      });
      const finish = new Promise<void>((resolve) => {
        bMayFinish = resolve;
      });
      const a = await lease("handover", "a", async () => {
        clock.advance(TTL + 1);
        const b = lease("handover", "b", async () => {
          bHolds();
          await finish;
          return "b ran";
        });
        await held;
        return { b };
      });
      if (!a.held) throw new Error("a never held the lease");
      expect(await lease("handover", "c", async () => "c ran")).toMatchObject({ held: false, holder: "b" });
      bMayFinish();
      expect(await a.value.b).toEqual({ held: true, value: "b ran" });
    });
  });
}
