/**
 * Server-side decoding of a 1600×1200 photo of a label: through the HTTP endpoint (multipart
 * upload, session, decode, interpretation) against the same decoder called directly in this
 * process, one after the other. Prints median and p99 latency and decodes per second.
 */
import { demoCatalogue } from "../src/cli/demo-data.ts";
import { loadConfig } from "../src/config/config.ts";
import { openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { importCatalogue } from "../src/features/catalogue/service.ts";
import { decodeImage } from "../src/features/labels/decoder.ts";
import { multipart } from "../test/harness.ts";
import { codePng, photo } from "../test/label-images.ts";
import { percentile } from "./databases.ts";
import { assertAllOk, runLoad } from "./load.ts";
import { report, round, startBenchApp } from "./support.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const image = photo(await codePng("https://id.nordlys.example/01/07090010900219/21/RF195HAT3000081"), {
  scale: 2,
  degrees: 5,
});

// Baseline: the decoder alone, in this process.
await decodeImage(image);
const direct: number[] = [];
const until = performance.now() + seconds * 1000;
while (performance.now() < until && direct.length < 10_000) {
  const t = performance.now();
  const codes = await decodeImage(image);
  direct.push(performance.now() - t);
  if (codes.length !== 1) throw new Error("the photo did not decode");
}
direct.sort((a, b) => a - b);

const config = loadConfig({
  DATABASE_URL: "sqlite::memory:",
  LOG_LEVEL: "silent",
  DEMO_MODE: "false",
  LOOKUPS_PER_MINUTE_ACCOUNT: "100000000",
  // The decode route counts as a look-up, per account and per address: the bench is one address.
  LOOKUPS_PER_MINUTE_IP: "100000000",
});
const database = await openDatabase(config.databaseUrl);
await migrateToLatest(database);
await importCatalogue(database, demoCatalogue);
const { app, base, token } = await startBenchApp(config, database);
const body = multipart({}, { name: "label.png", field: "photo", bytes: image, type: "image/png" });

// One connection for latency (no queueing), two for throughput.
const run = async (connections: number) =>
  assertAllOk(
    "decode",
    await runLoad({
      base,
      requests: [
        {
          method: "POST",
          path: "/api/v1/labels/decode",
          headers: { ...body.headers, authorization: `Bearer ${token}` },
          body: body.payload,
        },
      ],
      connections,
      seconds,
      maxRequests: 10_000,
    }),
  );
// The server decodes in a worker thread of its own, which starts cold: warm it as the direct
// decoder was warmed above, so that neither side counts a first decode.
const warm = await fetch(`${base}/api/v1/labels/decode`, {
  method: "POST",
  headers: { ...body.headers, authorization: `Bearer ${token}` },
  body: body.payload,
});
if (!warm.ok) throw new Error(`the warm-up decode answered ${warm.status}`);
const single = await run(1);
const result = await run(2);

const directMedian = percentile(direct, 50);
const directRate = 1000 / (direct.reduce((a, b) => a + b, 0) / direct.length);
process.stderr.write(
  `[bench] direct: median ${round(directMedian, 2)} ms, p99 ${round(percentile(direct, 99), 2)} ms, ${round(directRate)} decodes/s (one process)\n` +
    `[bench] HTTP: median ${single.p50} ms, p99 ${single.p99} ms (1 connection); ${round(result.rps)} decodes/s (2 connections)\n`,
);
report({
  bench: "label-decode-median",
  value: single.p50,
  unit: "ms",
  baseline: round(directMedian, 2),
});
report({
  bench: "label-decode-p99",
  value: single.p99,
  unit: "ms",
  baseline: round(percentile(direct, 99), 2),
});
report({
  bench: "label-decode-rate",
  value: round(result.rps),
  unit: "decodes/s",
  baseline: round(directRate),
});
await app.close();
await database.close();
