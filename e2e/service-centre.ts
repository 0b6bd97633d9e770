import { spawnSync } from "node:child_process";

/**
 * A service centre for the browser journeys: `npm run cli -- service-centre …` against the
 * project's server, with a partner key issued on that server's database, as an operator would.
 */

/** The database of each project's server (playwright.config.ts). */
function databaseUrlOf(project: string): string {
  return project === "postgres" ? (process.env.E2E_POSTGRES_URL ?? "") : "sqlite:data/e2e/portal.sqlite";
}

function cli(args: string[], env: Record<string, string>): string {
  const run = spawnSync(process.execPath, ["src/cli/main.ts", ...args], {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "silent", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  if (run.status !== 0)
    throw new Error(`cli ${args.join(" ")} failed (${run.status}): ${run.stdout}${run.stderr}`);
  return run.stdout;
}

export function serviceCentre(project: string, baseURL: string, partner = "ostlandet-service") {
  const env = { DATABASE_URL: databaseUrlOf(project), PUBLIC_URL: baseURL };
  const issued = cli(["service-partner", "key", partner], env);
  const key = /Partner key \(shown once\): (\S+)/.exec(issued)?.[1] ?? "";
  return {
    /** One partner API call; fails the test unless it succeeds. */
    run: (...args: string[]) => cli(["service-centre", "--key", key, ...args], env),
  };
}
