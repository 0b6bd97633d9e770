import { expect, type Page, test } from "@playwright/test";
import { E2E_SERVICE_KEY } from "../playwright.config.ts";
import { findDemoUnit } from "./demo-units.ts";
import { checkPage, newOwner } from "./support.ts";

/** Switches the signed-in page to English and waits until the account has stored the choice. */
async function readInEnglish(page: Page) {
  const saved = page.waitForResponse(
    (r) => r.url().endsWith("/api/v1/me") && r.request().method() === "PATCH",
  );
  await page.locator("#language-switch").selectOption("en");
  await saved;
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
}

test("a did-you-mean with two look-alike TVs tells them apart, and registering one keeps what was typed", async ({
  page,
  request,
}, testInfo) => {
  // Two TVs of one line, as the factory feed sends them: their serials differ only in the month
  // character, 8 (August) or B (November), which look alike on a label.
  const sequence = `W0${Date.now().toString().slice(-4)}`;
  const august = `TVH55HAT8${sequence}`;
  const november = `TVH55HATB${sequence}`;
  const feed = await request.post("/api/v1/service/units", {
    headers: { "x-service-key": E2E_SERVICE_KEY, "content-type": "application/x-ndjson" },
    data: `${[august, november].map((serial) => JSON.stringify({ serial, model: "NX-H24-55" })).join("\n")}\n`,
  });
  expect(feed.ok()).toBe(true);
  expect((await feed.json()).rejected).toBe(0);

  await newOwner(page, "Kari Stue");
  await page.goto("/products/register");
  // An O read for the sequence's 0: neither TV is found as typed, and both may be meant.
  await page.getByLabel("Serienummer eller IMEI").fill(`tvh55hat8${sequence.replace("0", "o")}`);
  await page.getByLabel("Kjøpsdato (valgfritt)").fill("2025-01-15");
  await page.getByLabel("Kjøpt hos (valgfritt)").fill("Elkjøp Lade");
  await page.getByLabel("Kallenavn (valgfritt)").fill("Stua");
  await page.getByRole("button", { name: "Registrer", exact: true }).click();

  await expect(page.getByText("men 2 produkter med nesten samme nummer")).toBeVisible();
  const rows = page.locator(".suggestion-row");
  await expect(rows).toHaveCount(2);
  const novemberRow = rows.filter({ hasText: "november 2024" });
  await expect(novemberRow).toContainText("Nordlys Horizon OLED 55 tommer (2024)");
  await expect(rows.filter({ hasText: "august 2024" })).toContainText(
    "Nordlys Horizon OLED 55 tommer (2024)",
  );
  // The characters that differ from what was typed are marked: the month's B and the 0.
  await expect(novemberRow.locator("mark")).toHaveText(["B", "0"]);
  await checkPage(page, "register-two-candidates", testInfo.project.name);

  await novemberRow.getByRole("button", { name: `Ja, registrer ${november}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Stua" })).toBeVisible();
  await expect(page.getByText(november, { exact: true })).toBeVisible();
  await expect(page.getByText("15. jan. 2025").first()).toBeVisible();
  await expect(page.getByText("Elkjøp Lade")).toBeVisible();
});

test("earbuds typed with TV chosen are said plainly before anything is registered, and registered as earbuds", async ({
  page,
}, testInfo) => {
  const buds = findDemoUnit("earbuds");
  await newOwner(page, "Per Plugg");
  await readInEnglish(page);
  await page.goto("/products/register");
  await page.getByLabel("Type of product (optional)").selectOption({ label: "TV" });
  await page.getByLabel("Nickname (optional)").fill("Running buds");
  await page.getByLabel("Serial number or IMEI").fill(buds.serial);

  // Said as soon as the number is complete, before the owner presses Register.
  const sentence = `This serial number belongs to ${buds.names.en} (wireless earbuds), but you chose “TV” as the type of product.`;
  await expect(page.getByRole("status").filter({ hasText: sentence })).toBeVisible();
  expect((await (await page.request.get("/api/v1/registrations")).json()).registrations).toEqual([]);
  await checkPage(page, "register-type-mismatch", testInfo.project.name);

  // Pressing Register anyway registers nothing and says the same.
  await page.getByRole("button", { name: "Register", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText(sentence);
  expect((await (await page.request.get("/api/v1/registrations")).json()).registrations).toEqual([]);

  // "Change the number" takes the owner back to the field.
  await page.getByRole("alert").getByRole("button", { name: "Change the number" }).click();
  await expect(page.getByLabel("Serial number or IMEI")).toBeFocused();

  await page
    .getByRole("alert")
    .getByRole("button", { name: `Register ${buds.names.en}` })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Running buds" })).toBeVisible();
  await expect(page.getByText(buds.names.en).first()).toBeVisible();
});
