import { afterEach, describe, expect, it } from "vitest";
import { codePng, noisePng } from "../../../test/label-images.ts";
import { type DecodePool, DecodeRefused, startDecodePool } from "./decode-pool.ts";

const LINK = "https://id.example.com/01/07090010900219/21/RF195HAT3000081";
const SLOW = noisePng(2000, 2000); // more than a second to search on this machine

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DecodeRefused) return error.reason;
    throw error;
  }
  return "decoded";
};

describe("the decode pool", () => {
  let pool: DecodePool;
  afterEach(() => pool.close());

  it("decodes in a worker thread, and the main thread stays free meanwhile", async () => {
    pool = startDecodePool();
    const small = await codePng(LINK);
    expect(await pool.decode(small)).toEqual([{ format: "QRCode", text: LINK }]);
    const slow = pool.decode(SLOW);
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 20);
    expect(await slow).toEqual([]);
    clearInterval(timer);
    const gaps = ticks.slice(1).map((t, i) => t - (ticks[i] ?? t));
    expect(ticks.length).toBeGreaterThan(10);
    expect(Math.max(...gaps)).toBeLessThan(200);
  });

  it("replaces its worker after a decode asked to recycle it, giving back what a large image grew", async () => {
    pool = startDecodePool();
    const small = await codePng(LINK);
    await pool.decode(small);
    const first = pool.threadIds();
    await pool.decode(small);
    expect(pool.threadIds()).toEqual(first);
    expect(await pool.decode(small, { recycle: true })).toEqual([{ format: "QRCode", text: LINK }]);
    expect(pool.threadIds()).toEqual([]);
    await pool.decode(small);
    expect(pool.threadIds()).toHaveLength(1);
    expect(pool.threadIds()).not.toEqual(first);
  });

  it("stops a decode that overruns its time limit, and a new worker takes the next one", async () => {
    pool = startDecodePool({ timeoutMs: 5 });
    const started = performance.now();
    expect(await refusal(pool.decode(SLOW))).toBe("timeout");
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("replaces an overrun worker: the decode after a timeout succeeds", async () => {
    pool = startDecodePool({ timeoutMs: 600 });
    const small = await codePng(LINK);
    await pool.decode(small); // warm: the first decode of a thread is slower
    expect(await refusal(pool.decode(SLOW))).toBe("timeout");
    expect(await pool.decode(small)).toEqual([{ format: "QRCode", text: LINK }]);
  });

  it("refuses at once as busy when every worker runs and the queue is full", async () => {
    pool = startDecodePool({ workers: 1, queue: 2 });
    const small = await codePng(LINK);
    const accepted = [pool.decode(SLOW), pool.decode(small), pool.decode(small)];
    const started = performance.now();
    expect(await refusal(pool.decode(small))).toBe("busy");
    expect(performance.now() - started).toBeLessThan(50);
    expect(await Promise.all(accepted.map(refusal))).toEqual(["decoded", "decoded", "decoded"]);
    expect(await refusal(pool.decode(small))).toBe("decoded");
  });

  it("refuses what waits and what runs when it closes, and decodes nothing after", async () => {
    pool = startDecodePool({ workers: 1, queue: 2 });
    const running = refusal(pool.decode(SLOW));
    const queued = refusal(pool.decode(SLOW));
    await pool.close();
    expect(await running).toBe("closed");
    expect(await queued).toBe("closed");
    expect(await refusal(pool.decode(SLOW))).toBe("closed");
  });
});
