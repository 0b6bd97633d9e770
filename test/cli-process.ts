import { spawn } from "node:child_process";

/**
 * `npm run cli -- …` as a child process against a running portal, with its output collected: for
 * tests that play a TV or a computer on the home network while the owner approves elsewhere.
 */
export function startCli(args: string[], publicUrl: string) {
  const child = spawn(process.execPath, ["src/cli/main.ts", ...args], {
    env: {
      PATH: process.env.PATH ?? "",
      PUBLIC_URL: publicUrl,
      DATABASE_URL: "sqlite::memory:",
      LOG_LEVEL: "silent",
    },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return {
    exited,
    output: () => output,
    kill: () => child.kill(),
    /** The device-authorization user code the process shows, once it shows it. */
    async userCode(timeoutMs = 15_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const code = /type the code ([A-Z]{4}-[A-Z]{4})/.exec(output)?.[1];
        if (code) return code;
        if (Date.now() > deadline) throw new Error(`no user code within ${timeoutMs} ms; output:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}
