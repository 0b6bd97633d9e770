import { mkdtempSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { RECEIPT, submitClaimRequest } from "../../../test/claim-requests.ts";
import { manualClock } from "../../../test/clock.ts";
import { registeredProduct } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, freshDatabase, startTestApp, type TestApp } from "../../../test/harness.ts";
import {
  claimFileKey,
  PENDING_FILE_MAX_AGE_MS,
  pendingKey,
  startPendingFileSweep,
  sweepClaimFiles,
  sweepPendingFiles,
  withPendingProof,
} from "./pending-files.ts";
import { isSafeStorageKey, localDiskStorage } from "./storage.ts";

const BYTES = new TextEncoder().encode("%PDF-1.4 a receipt");
const PROOF = { type: "application/pdf" as const, bytes: BYTES, name: "r.pdf" };
const HOUR = 60 * 60_000;

const freshStorage = () => {
  const root = mkdtempSync(join(tmpdir(), "portal-storage-"));
  return { root, storage: localDiskStorage(root) };
};
/** Makes a stored file look as if it was written `ms` ago. */
const age = (root: string, key: string, ms: number) => {
  const then = new Date(Date.now() - ms);
  utimesSync(join(root, key), then, then);
};

describe("the local disk storage", () => {
  it.each([
    "../outside",
    "claims/../../etc/passwd",
    "/etc/passwd",
    "claims//x",
    "claims/.hidden",
    "claims\\x",
    "claims/x/",
    "",
  ])("refuses the key %j", async (key) => {
    const { storage } = freshStorage();
    expect(isSafeStorageKey(key)).toBe(false);
    await expect(storage.put(key, BYTES)).rejects.toThrow("bad storage key");
    await expect(storage.get(key)).rejects.toThrow("bad storage key");
  });

  it("puts, reads, moves, lists and deletes a file", async () => {
    const { storage } = freshStorage();
    await storage.put("pending/a", BYTES);
    expect(await storage.get("pending/a")).toEqual(BYTES);
    expect((await storage.list("pending")).map((f) => f.key)).toEqual(["pending/a"]);
    await storage.move("pending/a", "claims/c1/a");
    expect(await storage.get("pending/a")).toBeNull();
    expect(await storage.get("claims/c1/a")).toEqual(BYTES);
    expect(await storage.list("pending")).toEqual([]);
    await storage.delete("claims/c1/a");
    await storage.delete("claims/c1/a");
    expect(await storage.get("claims/c1/a")).toBeNull();
  });

  it("lists an empty folder that was never written as empty", async () => {
    expect(await freshStorage().storage.list("pending")).toEqual([]);
  });
});

describe("a proof written around its transaction", () => {
  it("is kept under its claim's key when the transaction commits", async () => {
    const { storage } = freshStorage();
    const staged = await withPendingProof(storage, "c1", PROOF, async (file) => {
      expect(file && (await storage.get(pendingKey(file.id)))).toEqual(BYTES);
      return file;
    });
    expect(staged?.storageKey).toBe(claimFileKey("c1", staged?.id ?? ""));
    expect(await storage.get(claimFileKey("c1", staged?.id ?? ""))).toEqual(BYTES);
    expect(await storage.list("pending")).toEqual([]);
  });

  it("is deleted when the transaction fails, and the failure is passed on", async () => {
    const { storage } = freshStorage();
    let id = "";
    await expect(
      withPendingProof(storage, "c1", PROOF, async (file) => {
        id = file?.id ?? "";
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(id).not.toBe("");
    expect(await storage.list("pending")).toEqual([]);
    expect(await storage.get(claimFileKey("c1", id))).toBeNull();
  });

  it("writes nothing when there is no proof", async () => {
    const { storage } = freshStorage();
    expect(await withPendingProof(storage, "c1", null, async (file) => file)).toBeNull();
    expect(await storage.list("pending")).toEqual([]);
  });
});

describe("the sweep of pending files", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("removes pending files older than an hour by the clock, and leaves younger ones", async () => {
    const { root, storage } = freshStorage();
    const clock = manualClock();
    await storage.put(pendingKey("young"), BYTES);
    await storage.put(pendingKey("old"), BYTES);
    age(root, pendingKey("old"), HOUR + 60_000);
    expect(await sweepPendingFiles(storage, clock, HOUR)).toEqual({ removed: 1, kept: 0 });
    expect((await storage.list("pending")).map((f) => f.key)).toEqual([pendingKey("young")]);
    clock.advance(30 * 60_000);
    expect(await sweepPendingFiles(storage, clock, HOUR)).toEqual({ removed: 0, kept: 0 });
    clock.advance(31 * 60_000);
    expect(await sweepPendingFiles(storage, clock, HOUR)).toEqual({ removed: 1, kept: 0 });
    expect(await storage.list("pending")).toEqual([]);
  });

  it("never touches files outside the pending folder", async () => {
    const { storage } = freshStorage();
    const clock = manualClock();
    await storage.put(claimFileKey("c1", "f1"), BYTES);
    clock.advanceDays(30);
    await sweepPendingFiles(storage, clock, HOUR);
    expect(await storage.get(claimFileKey("c1", "f1"))).toEqual(BYTES);
  });

  it("removes a half-written temporary file left by a crash", async () => {
    const { root, storage } = freshStorage();
    await storage.put("pending/x.tmp", BYTES);
    age(root, "pending/x.tmp", 2 * HOUR);
    expect(await sweepPendingFiles(storage, manualClock(), HOUR)).toEqual({ removed: 1, kept: 0 });
  });

  it("moves a file whose row did commit to the key its row names instead of removing it", async () => {
    const { root, storage } = freshStorage();
    await storage.put(pendingKey("f1"), BYTES);
    age(root, pendingKey("f1"), 2 * HOUR);
    const result = await sweepPendingFiles(storage, manualClock(), HOUR, async (id) =>
      id === "f1" ? claimFileKey("c1", "f1") : null,
    );
    expect(result).toEqual({ removed: 0, kept: 1 });
    expect(await storage.get(claimFileKey("c1", "f1"))).toEqual(BYTES);
  });

  it("runs a minute after the start and then hourly, and stops when asked", async () => {
    const database = await freshDatabase("sqlite");
    const { root, storage } = freshStorage();
    await storage.put(pendingKey("old"), BYTES);
    age(root, pendingKey("old"), 2 * HOUR);
    const errors: unknown[] = [];
    vi.useFakeTimers({ toFake: ["setTimeout", "setInterval", "clearTimeout", "clearInterval"] });
    const stop = startPendingFileSweep(database, storage, manualClock(), (e) => errors.push(e));
    expect(vi.getTimerCount()).toBe(2);
    vi.advanceTimersByTime(59_000);
    expect(await storage.list("pending")).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    vi.useRealTimers();
    await vi.waitFor(async () => expect(await storage.list("pending")).toEqual([]));
    vi.useFakeTimers({ toFake: ["setTimeout", "setInterval", "clearTimeout", "clearInterval"] });
    stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
    expect(errors).toEqual([]);
    await database.close();
  });
});

for (const dialect of dialects()) {
  describe(`proof files and claim transactions on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect, { LOOKUPS_PER_MINUTE_ACCOUNT: "1000", LOOKUPS_PER_MINUTE_IP: "1000" });
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());
    const storage = () => localDiskStorage(t.config.filesDir);
    const pendingKeys = async () => (await storage().list("pending")).map((file) => file.key);
    // What a test leaves pending is what it adds to the folder, whatever another test left there.
    let pendingAtStart: string[] = [];
    beforeEach(async () => {
      pendingAtStart = await pendingKeys();
    });
    const pendingLeftBehind = async () =>
      (await pendingKeys()).filter((key) => !pendingAtStart.includes(key));

    it("keeps the proof of a committed claim under the claim's key, with nothing left pending", async () => {
      const { owner, registrationId } = await registeredProduct(t, { kind: "fridge" });
      const res = await submitClaimRequest(t, owner.headers, registrationId);
      expect(res.statusCode).toBe(201);
      const claim = res.json();
      const row = await t.database.db
        .selectFrom("claim_file")
        .select("storage_key")
        .where("claim_id", "=", claim.id)
        .executeTakeFirstOrThrow();
      expect(row.storage_key).toBe(claimFileKey(claim.id, claim.files[0].id));
      expect(await storage().get(row.storage_key)).toEqual(RECEIPT.bytes);
      expect(await storage().get(pendingKey(claim.files[0].id))).toBeNull();
      expect(await pendingLeftBehind()).toEqual([]);
    });

    it("deletes the proof of a claim the database refused, and stores no claim file for it", async () => {
      const { owner, registrationId } = await registeredProduct(t, { kind: "fridge" });
      expect((await submitClaimRequest(t, owner.headers, registrationId)).statusCode).toBe(201);
      const refused = await submitClaimRequest(t, owner.headers, registrationId);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe("claim.open_exists");
      expect(await pendingLeftBehind()).toEqual([]);
      const files = await t.database.db
        .selectFrom("claim_file")
        .innerJoin("warranty_claim", "warranty_claim.id", "claim_file.claim_id")
        .select("claim_file.id")
        .where("warranty_claim.registration_id", "=", registrationId)
        .execute();
      expect(files).toHaveLength(1);
    });

    it("serves a committed proof that a crash left under its pending key, and the sweep moves it home", async () => {
      const { owner, registrationId } = await registeredProduct(t, { kind: "fridge" });
      const submitted = await submitClaimRequest(t, owner.headers, registrationId);
      expect(submitted.statusCode).toBe(201);
      const claim = submitted.json();
      const fileId = claim.files[0].id;
      // As if the process stopped between the commit and the move.
      await storage().move(claimFileKey(claim.id, fileId), pendingKey(fileId));
      const served = await t.app.inject({
        method: "GET",
        url: claim.files[0].url,
        headers: { cookie: owner.cookie },
      });
      expect(served.statusCode).toBe(200);
      expect(served.rawPayload.equals(Buffer.from(RECEIPT.bytes))).toBe(true);

      // The sweep counts every file of the folder, so the test looks at its own file.
      const later = manualClock(new Date(Date.now() + PENDING_FILE_MAX_AGE_MS + 60_000));
      await sweepClaimFiles(t.database, storage(), later);
      expect(await storage().get(pendingKey(fileId))).toBeNull();
      expect(await storage().get(claimFileKey(claim.id, fileId))).toEqual(RECEIPT.bytes);
      const again = await t.app.inject({
        method: "GET",
        url: claim.files[0].url,
        headers: { cookie: owner.cookie },
      });
      expect(again.statusCode).toBe(200);
      expect(again.rawPayload.equals(Buffer.from(RECEIPT.bytes))).toBe(true);
    });

    it("lets the sweep remove a pending file no claim file row names", async () => {
      // A folder of its own, so that the sweep's counts are of this test's file alone.
      const { storage: own } = freshStorage();
      const fileId = "00000000-0000-4000-8000-00000000cafe";
      await own.put(pendingKey(fileId), RECEIPT.bytes);
      const later = manualClock(new Date(Date.now() + PENDING_FILE_MAX_AGE_MS + 60_000));
      expect(await sweepClaimFiles(t.database, own, later)).toEqual({ removed: 1, kept: 0 });
      expect(await own.get(pendingKey(fileId))).toBeNull();
    });
  });
}
