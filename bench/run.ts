/**
 * `npm run bench [name…]`: runs each benchmark in its own process (so one cannot warm the
 * other's caches) and prints their JSON lines. Names: the files in bench/ without `.ts`.
 */
import { spawnSync } from "node:child_process";

const ALL = [
  "my-information",
  "throughput",
  "scale",
  "import",
  "lookup",
  "decode",
  "web",
  "lighthouse",
  "memory",
];
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ALL;
let failed = false;
for (const name of chosen) {
  if (!ALL.includes(name)) {
    process.stderr.write(`Unknown benchmark "${name}". Known: ${ALL.join(", ")}\n`);
    process.exit(2);
  }
  process.stderr.write(`[bench] ${name} …\n`);
  const result = spawnSync(process.execPath, [`bench/${name}.ts`], { stdio: "inherit" });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
