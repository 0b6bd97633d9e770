/** The other half of load.ts: a child process that runs one autocannon load and sends its figures. */
import autocannon from "autocannon";
import type { LoadRequest, LoadResult } from "./load.ts";

interface Job {
  base: string;
  requests: LoadRequest[];
  connections: number;
  seconds: number;
  maxRequests: number;
  rate: number | undefined;
}

const job = await new Promise<Job>((resolve) =>
  process.once("message", (message) => resolve(message as Job)),
);
const failures: string[] = [];
/** Per-request latency in ms with sub-millisecond precision (autocannon's histogram keeps whole ms). */
const latencies: number[] = [];
const MAX_SAMPLES = 2_000_000;
let next = 0;
const started = performance.now();
const result = await autocannon({
  url: job.base,
  connections: job.connections,
  duration: job.seconds,
  maxOverallRequests: job.maxRequests,
  ...(job.rate ? { overallRate: job.rate } : {}),
  requests: [
    {
      setupRequest: (request, context: { sentAt?: number }) => {
        context.sentAt = performance.now();
        const chosen = job.requests[next++ % job.requests.length] as LoadRequest;
        return {
          ...request,
          method: (chosen.method ?? "GET") as "GET",
          path: chosen.path,
          headers: { ...request.headers, ...chosen.headers },
          body: chosen.body === undefined ? undefined : Buffer.from(chosen.body),
        };
      },
      onResponse: (status, body, context: { sentAt?: number }) => {
        if (context.sentAt !== undefined && latencies.length < MAX_SAMPLES)
          latencies.push(performance.now() - context.sentAt);
        if ((status < 200 || status > 299) && failures.length < 5)
          failures.push(`${status} ${body.slice(0, 300)}`);
      },
    },
  ],
});
{
  const seconds = (performance.now() - started) / 1000;
  const figures: LoadResult = {
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    rps: Math.round((result["2xx"] / seconds) * 10) / 10,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    statuses: {
      "1xx": result["1xx"],
      "2xx": result["2xx"],
      "3xx": result["3xx"],
      "4xx": result["4xx"],
      "5xx": result["5xx"],
    },
    failures,
  };
  process.send?.(figures, () => process.exit(0));
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  return Math.round(value * 1000) / 1000;
}
