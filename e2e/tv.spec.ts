import { expect, test } from "@playwright/test";
import { startCli } from "../test/cli-process.ts";
import { findDemoUnit } from "./demo-units.ts";
import { checkPage, signIn } from "./support.ts";

test("a TV simulator shows a code, the owner agrees in the browser, and the TV appears with channel tv", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const tv = findDemoUnit("tv", (u) => u.model === "NX-V23-58");
  const baseURL = testInfo.project.use.baseURL as string;
  const simulator = startCli(["tv", "--serial", tv.serial, "--model", tv.model], baseURL);
  try {
    const code = await simulator.userCode();

    await signIn(page);
    await page.goto(`/device?user_code=${code}`);
    await expect(page.getByText("Denne TV-en vil registrere seg på kontoen din:")).toBeVisible();
    await expect(page.getByRole("heading", { name: tv.names.nb })).toBeVisible();
    await checkPage(page, "device", testInfo.project.name);
    await page.getByRole("button", { name: "Godta og registrer" }).click();
    await expect(page.getByText("Ferdig! TV-en fullfører registreringen selv om et øyeblikk.")).toBeVisible();

    expect(await simulator.exited).toBe(0);
    expect(simulator.output()).toContain("channel tv");
    await page.goto("/products");
    await page.getByRole("link", { name: tv.names.nb }).first().click();
    await expect(page.getByText("Registrert via")).toBeVisible();
    await expect(page.getByText("TV-en", { exact: true })).toBeVisible();
  } finally {
    simulator.kill();
  }
});
