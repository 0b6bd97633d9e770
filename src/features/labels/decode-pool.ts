import { Worker } from "node:worker_threads";
import type { WorkerReply } from "./decode-worker.ts";
import type { DecodedCode } from "./decoder.ts";

/**
 * Decoding is synchronous WebAssembly: on the main thread one large photo would hold up every
 * other request. The pool runs it in worker threads instead, a bounded number at once, with a
 * bounded queue in front and a time limit on each decode.
 */
export interface DecodePoolOptions {
  /** Decodes that run at once, one worker thread each. */
  workers: number;
  /** Decodes that may wait for a free worker; one more than that is refused as busy. */
  queue: number;
  /** How long one decode may run before its worker is stopped and replaced. */
  timeoutMs: number;
}

/** One worker leaves the second of the two cores to the requests. */
export const DECODE_POOL_DEFAULTS: DecodePoolOptions = { workers: 1, queue: 4, timeoutMs: 5000 };

/** Why the pool did not decode an image. */
export class DecodeRefused extends Error {
  readonly reason: "busy" | "timeout" | "failed" | "closed";

  constructor(reason: DecodeRefused["reason"], message: string) {
    super(message);
    this.reason = reason;
  }
}

export interface DecodePool {
  /**
   * Every code in an encoded image (PNG or JPEG); rejects with DecodeRefused. `recycle`: replace
   * the worker once this decode is done, so the memory a large image grew in it is given back.
   */
  decode(bytes: Uint8Array, options?: { recycle?: boolean }): Promise<DecodedCode[]>;
  /** The threads the pool runs now (for metrics, and to see a worker replaced). */
  threadIds(): number[];
  /** Refuses what waits, stops what runs and ends the threads. */
  close(): Promise<void>;
}

interface Job {
  id: number;
  bytes: Uint8Array;
  recycle: boolean;
  resolve(codes: DecodedCode[]): void;
  reject(error: DecodeRefused): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | undefined;
}

const WORKER = new URL("./decode-worker.ts", import.meta.url);

/**
 * Starts a pool. Worker threads start when the first image comes (so an app that never decodes
 * never pays for one) and stay, without keeping the process alive while idle.
 *
 * @example
 * const pool = startDecodePool({ workers: 1, queue: 4, timeoutMs: 5000 });
 * const codes = await pool.decode(pngBytes); // [{ format: "QRCode", text: "https://…" }]
 * await pool.close();
 */
export function startDecodePool(options: Partial<DecodePoolOptions> = {}): DecodePool {
  const { workers, queue, timeoutMs } = { ...DECODE_POOL_DEFAULTS, ...options };
  const slots = new Set<Slot>();
  const waiting: Job[] = [];
  let nextId = 0;
  let closed = false;

  const finish = (slot: Slot) => {
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    return job;
  };

  /** Stops a worker (it overran, crashed or exited); a new one starts when there is work. */
  const retire = (slot: Slot, reason: DecodeRefused["reason"], message: string) => {
    if (!slots.delete(slot)) return;
    finish(slot)?.reject(new DecodeRefused(reason, message));
    // A thread that could not even load the decoder would fail again: do not retry for ever.
    if (!slot.ready) for (const job of waiting.splice(0)) job.reject(new DecodeRefused("failed", message));
    void slot.worker.terminate();
    dispatch();
  };

  const spawn = () => {
    const slot: Slot = { worker: new Worker(WORKER), ready: false, job: null, timer: undefined };
    slots.add(slot);
    slot.worker.on("message", (reply: WorkerReply) => {
      if (reply.kind === "ready") slot.ready = true;
      else if (reply.id !== slot.job?.id) return;
      else {
        const job = finish(slot);
        if (reply.kind === "decoded") job?.resolve(reply.codes);
        else job?.reject(new DecodeRefused("failed", reply.message));
        if (job?.recycle) return retire(slot, "failed", "recycled");
      }
      dispatch();
    });
    slot.worker.on("error", (error) => retire(slot, "failed", String(error)));
    slot.worker.on("exit", (code) => retire(slot, "failed", `The decoder stopped (exit code ${code}).`));
  };

  function dispatch() {
    if (closed) return;
    for (const slot of slots) {
      const job = slot.ready && !slot.job ? waiting.shift() : undefined;
      if (job) {
        slot.job = job;
        slot.worker.ref();
        slot.timer = setTimeout(
          () => retire(slot, "timeout", `The decode took longer than ${timeoutMs} ms.`),
          timeoutMs,
        );
        slot.worker.postMessage({ id: job.id, bytes: job.bytes });
      } else if (slot.ready && !slot.job) {
        slot.worker.unref(); // idle: it need not keep the process alive
      }
    }
    // Threads still starting will take what waits; start more only up to the pool's size.
    const starting = [...slots].filter((s) => !s.ready).length;
    for (let n = starting; n < waiting.length && slots.size < workers; n++) spawn();
  }

  return {
    decode(bytes, options = {}) {
      if (closed) return Promise.reject(new DecodeRefused("closed", "The decoder is shut down."));
      const running = [...slots].filter((s) => s.job).length;
      if (running + waiting.length >= workers + queue)
        return Promise.reject(new DecodeRefused("busy", "Every decoder is busy and the queue is full."));
      return new Promise<DecodedCode[]>((resolve, reject) => {
        waiting.push({ id: nextId++, bytes, recycle: options.recycle ?? false, resolve, reject });
        dispatch();
      });
    },
    threadIds() {
      return [...slots].map((slot) => slot.worker.threadId);
    },
    async close() {
      closed = true;
      for (const job of waiting.splice(0))
        job.reject(new DecodeRefused("closed", "The decoder is shut down."));
      const stopping = [...slots];
      slots.clear();
      for (const slot of stopping)
        finish(slot)?.reject(new DecodeRefused("closed", "The decoder is shut down."));
      await Promise.all(stopping.map((s) => s.worker.terminate()));
    },
  };
}
