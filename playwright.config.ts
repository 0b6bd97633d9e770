import { defineConfig, devices } from "@playwright/test";

/**
 * Browser journeys in Debian's Chromium (/usr/bin/chromium), once per database: each project has
 * its own server on its own port with a fresh database (see e2e/serve.ts).
 */
/** The service key the browser tests use to play the web shop. */
export const E2E_SERVICE_KEY = "e2e-service-key-0123456789";
const withPostgres = process.env.E2E_POSTGRES_URL !== undefined;
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

const servers = [
  { name: "sqlite", port: 3201, databaseUrl: "sqlite:data/e2e/portal.sqlite" },
  ...(withPostgres
    ? [{ name: "postgres", port: 3202, databaseUrl: process.env.E2E_POSTGRES_URL as string }]
    : []),
];

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: { trace: "retain-on-failure", screenshot: "only-on-failure" },
  projects: servers.map((s) => ({
    name: s.name,
    use: { ...chromium, baseURL: `http://localhost:${s.port}` },
  })),
  webServer: servers.map((s) => ({
    command: `node e2e/serve.ts`,
    url: `http://localhost:${s.port}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(s.port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://localhost:${s.port}`,
      DATABASE_URL: s.databaseUrl,
      DEMO_MODE: "true",
      DEMO_DATA_UNITS: "2000",
      // A deleted account is erased at once, so a journey can see it gone (the default waits 14 days).
      ACCOUNT_DELETION_GRACE_DAYS: "0",
      LOG_LEVEL: "warn",
      AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
      SERVICE_API_KEYS: `e2e:${E2E_SERVICE_KEY}`,
      // The journeys sign in many times a minute from one address.
      SIGN_IN_ATTEMPTS_PER_MINUTE: "1000",
    },
  })),
});
