/**
 * `npm run bench -- web`: My Page on a throttled phone, cold, until the owner's data shows.
 *
 * The real app (bench/web-app.ts) serves the production build; Debian's Chromium loads it through
 * Playwright in a fresh browser context each time (empty cache, the demo owner's session cookie),
 * with CDP throttling of a mid-range phone on a slow mobile network: CPU 4× slower, 150 ms
 * latency, 1.6 Mbit/s (200 000 bytes/s) down and up. A run ends when My Page shows the owner's
 * products count and points balance, both of which arrive from the API. Five runs; the median.
 *
 * Baseline: the same cold load, same throttling, same server, of a bare HTML page holding one line
 * of text (no script, no style, no API call). It is the floor every page pays on this profile
 * (connection, one round trip, parsing), so the ratio says how many bare page loads the app costs.
 *
 * Also printed: the JavaScript sign-in and My Page fetch before they show (the sum of the gzip
 * sizes of every script requested until then), against the budget of 100 000 bytes.
 */
import { type Browser, type BrowserContext, chromium, type Page } from "@playwright/test";
import { report, round } from "./support.ts";
import { BARE_PAGE, gzipBytes, startWebBenchApp } from "./web-app.ts";

const RUNS = 5;
const TIMEOUT_MS = 30_000;
const BUDGET_BYTES = 100_000;
const PHONE = { cpu: 4, latencyMs: 150, bytesPerSecond: 200_000 };

/**
 * Reports, through the page binding `__shown`, the time from the start of the navigation at which
 * every one of `selectors` matches. The page calls out by itself, so nothing of Playwright runs in
 * it (and takes its main thread) while it loads.
 */
function reportWhenShown(selectors: string[]): string {
  return `(() => {
    const selectors = ${JSON.stringify(selectors)};
    let reported = false;
    const check = () => {
      if (reported || !selectors.every((s) => document.querySelector(s))) return;
      reported = true;
      window.__shown(performance.now());
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  })();`;
}

/**
 * My Page with the owner's data: the products count (the first card's paragraph without a link),
 * the points balance and the points' movements, all from the API.
 */
const MY_PAGE_DATA = [
  ".cards .card:first-child h2 + p:not(:has(a))",
  ".rewards .balance",
  ".rewards .movements li",
];
const MY_PAGE_SHOWN = ".rewards .balance";
const BARE_SHOWN = "#bare";
const SIGN_IN_SHOWN = "form button[type=submit]";

async function throttle(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: PHONE.cpu });
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: PHONE.latencyMs,
    downloadThroughput: PHONE.bytesPerSecond,
    uploadThroughput: PHONE.bytesPerSecond,
  });
}

/** A fresh context (nothing cached) holding the session cookie when `cookie` is given. */
async function coldPage(browser: Browser, base: string, cookie: string | null) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  if (cookie) {
    const url = new URL(base);
    await context.addCookies(
      cookie.split("; ").map((pair) => {
        const at = pair.indexOf("=");
        return {
          name: pair.slice(0, at),
          value: pair.slice(at + 1),
          domain: url.hostname,
          path: "/",
          httpOnly: true,
          secure: true,
          sameSite: "Lax" as const,
        };
      }),
    );
  }
  const page = await context.newPage();
  return { context, page };
}

/**
 * Milliseconds from navigation start until every selector of `ready` matches (by default
 * `visible`), on the throttled phone, cold; `visible` must then be on screen.
 */
async function coldLoad(
  browser: Browser,
  url: string,
  visible: string,
  cookie: string | null,
  ready: string[] = [visible],
): Promise<number> {
  const { context, page } = await coldPage(browser, new URL(url).origin, cookie);
  try {
    await throttle(context, page);
    let shownAt: (ms: number) => void = () => {};
    const shown = new Promise<number>((resolve) => {
      shownAt = resolve;
    });
    await page.exposeBinding("__shown", (_source, ms: number) => shownAt(ms));
    await page.addInitScript(reportWhenShown(ready));
    await page.goto(url, { timeout: TIMEOUT_MS });
    let timer: NodeJS.Timeout | undefined;
    const ms = await Promise.race([
      shown,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${url}: not shown in ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    if (!(await page.locator(visible).first().isVisible()))
      throw new Error(`${url}: ${visible} is not visible`);
    return ms;
  } finally {
    await context.close();
  }
}

/** The gzip bytes of every script the page requested until `shown` matched (unthrottled, cold). */
async function initialScriptBytes(
  browser: Browser,
  url: string,
  shown: string,
  cookie: string | null,
): Promise<{ bytes: number; files: string[] }> {
  const { context, page } = await coldPage(browser, new URL(url).origin, cookie);
  try {
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(url, { timeout: TIMEOUT_MS });
    await page.locator(shown).first().waitFor({ timeout: TIMEOUT_MS });
    const files = [...new Set(scripts)];
    return { bytes: files.reduce((sum, file) => sum + gzipBytes(file), 0), files };
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const portal = await startWebBenchApp("web");
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
try {
  const signIn = await initialScriptBytes(browser, `${portal.base}/signin`, SIGN_IN_SHOWN, null);
  const myPage = await initialScriptBytes(browser, `${portal.base}/`, MY_PAGE_SHOWN, portal.cookie);
  process.stderr.write(`[bench] sign-in scripts: ${signIn.files.join(" ")}\n`);
  process.stderr.write(`[bench] My Page scripts: ${myPage.files.join(" ")}\n`);

  const bare: number[] = [];
  const cold: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    bare.push(await coldLoad(browser, `${portal.base}${BARE_PAGE}`, BARE_SHOWN, null));
    cold.push(await coldLoad(browser, `${portal.base}/`, MY_PAGE_SHOWN, portal.cookie, MY_PAGE_DATA));
  }
  process.stderr.write(`[bench] My Page cold, ms: ${cold.map((v) => round(v)).join(", ")}\n`);
  process.stderr.write(`[bench] bare page cold, ms: ${bare.map((v) => round(v)).join(", ")}\n`);

  report({
    bench: "web-initial-js-sign-in",
    value: signIn.bytes,
    unit: "bytes gzip",
    baseline: BUDGET_BYTES,
  });
  report({
    bench: "web-initial-js-my-page",
    value: myPage.bytes,
    unit: "bytes gzip",
    baseline: BUDGET_BYTES,
  });
  report({
    bench: "web-my-page-cold-phone",
    value: round(median(cold)),
    unit: "ms",
    baseline: round(median(bare)),
  });
} finally {
  await browser.close();
  await portal.close();
}
