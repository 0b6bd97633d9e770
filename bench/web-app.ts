/**
 * The portal as the browser benchmarks (web.ts, lighthouse.ts) load it: the real app with the
 * built web app, on a fresh SQLite database under data/bench holding the demo catalogue, demo
 * units and the demo owner, who has registered a few products (so My Page has data to show).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { DEMO_OWNER, demoModels, loadDemoData } from "../src/cli/demo-data.ts";
import { loadConfig } from "../src/config/config.ts";
import { createAuth } from "../src/features/accounts/auth.ts";
import { demoUnits } from "../src/features/units/demo-units.ts";
import { buildApp } from "../src/server/app.ts";
import { WEB_ROOT } from "../src/server/web.ts";
import { benchDatabase } from "./databases.ts";
import { benchSignIn } from "./support.ts";

const DEMO_UNITS = 2000;
/** Products the demo owner has registered before the page is loaded. */
const OWNED = 3;

/** The address of a page that is nothing but a line of text: the floor any page load pays. */
export const BARE_PAGE = "/bench/bare.html";
const BARE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare</title></head><body><p id="bare">Bare page</p></body></html>`;

/** Builds the web app when dist/web holds none (the benchmark measures the production build). */
export function ensureWebBuilt(): void {
  if (existsSync(resolve(WEB_ROOT, "index.html"))) return;
  process.stderr.write("[bench] dist/web is missing: building the web app …\n");
  const build = spawnSync(resolve("node_modules/.bin/vite"), ["build", "--logLevel", "warn"], {
    stdio: "inherit",
  });
  if (build.status !== 0) throw new Error("vite build failed");
}

/** Bytes of a built file under gzip at the highest level: how the JavaScript budget is counted. */
export function gzipBytes(urlPath: string): number {
  const file = resolve(WEB_ROOT, `.${urlPath}`);
  if (!file.startsWith(WEB_ROOT) || !statSync(file).isFile()) throw new Error(`not a built file: ${urlPath}`);
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Registers products for the signed-in owner the way the web app does (cookie and CSRF token). */
async function registerProducts(base: string, cookie: string, count: number): Promise<void> {
  const session = await (await fetch(`${base}/api/v1/session`, { headers: { cookie } })).json();
  let registered = 0;
  for (const unit of demoUnits(DEMO_UNITS, demoModels)) {
    if (registered === count) return;
    const response = await fetch(`${base}/api/v1/registrations`, {
      method: "POST",
      headers: {
        cookie,
        origin: base,
        "content-type": "application/json",
        "x-csrf-token": session.csrfToken,
      },
      body: JSON.stringify({ identifier: String(unit.serial) }),
    });
    if (response.ok) registered++;
  }
  if (registered < count) throw new Error(`only ${registered} of ${count} demo units could be registered`);
}

export async function startWebBenchApp(name: string) {
  ensureWebBuilt();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    NODE_ENV: "production",
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123",
    DATABASE_URL: `sqlite:data/bench/${name}.sqlite`,
    PUBLIC_URL: base,
    HOST: "127.0.0.1",
    PORT: String(port),
    LOG_LEVEL: "silent",
    DEMO_MODE: "false",
    SIGN_IN_ATTEMPTS_PER_MINUTE: "1000",
    LOOKUPS_PER_MINUTE_ACCOUNT: "1000",
    LOOKUPS_PER_MINUTE_IP: "1000",
  });
  const database = await benchDatabase("sqlite", name, true);
  await loadDemoData(createAuth(config, database), database, { units: DEMO_UNITS });
  const app = await buildApp({ config, database, logger: false, outboxTimer: false });
  app.get(BARE_PAGE, (_request, reply) => reply.type("text/html; charset=utf-8").send(BARE_HTML));
  await app.listen({ port, host: "127.0.0.1" });
  const { cookie } = await benchSignIn(base, base, DEMO_OWNER.email, DEMO_OWNER.password);
  await registerProducts(base, cookie, OWNED);
  return {
    base,
    cookie,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
