/**
 * A worker thread of the decode pool: loads the decoder (from our own node_modules, as
 * decoder.ts does), says it is ready, then decodes one image per message.
 */
import { parentPort } from "node:worker_threads";
import { decodeImage, prepareDecoder } from "./decoder.ts";

export type WorkerRequest = { id: number; bytes: Uint8Array };
export type WorkerReply =
  | { kind: "ready" }
  | { kind: "decoded"; id: number; codes: Awaited<ReturnType<typeof decodeImage>> }
  | { kind: "failed"; id: number; message: string };

const port = parentPort;
if (port) {
  await prepareDecoder();
  port.on("message", async ({ id, bytes }: WorkerRequest) => {
    let reply: WorkerReply;
    try {
      reply = { kind: "decoded", id, codes: await decodeImage(bytes) };
    } catch (error) {
      reply = { kind: "failed", id, message: String(error) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ kind: "ready" } satisfies WorkerReply);
}
