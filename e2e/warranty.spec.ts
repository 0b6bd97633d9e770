import { expect, type Page, test } from "@playwright/test";
import { E2E_SERVICE_KEY } from "../playwright.config.ts";
import { addDays, type CalendarDate } from "../src/domain/calendar-date.ts";
import { decodeSerial } from "../src/domain/serial-scheme.ts";
import { findDemoUnit } from "./demo-units.ts";
import { checkPage, newOwner, signIn } from "./support.ts";

const warrantyRegion = (page: Page) => page.getByRole("region", { name: "Garanti og reklamasjon" });

async function register(page: Page, serial: string, purchaseDate?: string) {
  await page.goto("/products/register");
  await page.getByLabel("Serienummer eller IMEI").fill(serial);
  if (purchaseDate) await page.getByLabel("Kjøpsdato (valgfritt)").fill(purchaseDate);
  await page.getByRole("button", { name: "Registrer", exact: true }).click();
}

test("a product bought in the web shop shows a confirmed warranty and its timeline", async ({
  page,
  request,
}, testInfo) => {
  // A TV made before the delivery date below (the serial says when).
  const tv = findDemoUnit(
    "tv",
    (u) =>
      u.model === "NX-H24-55" &&
      (decodeSerial(u.serial, { modelYear: 2024 })?.manufacturedOn ?? "9") < "2025-02-01",
  );
  const shop = await request.post("/api/v1/service/confirmations", {
    headers: { "x-service-key": E2E_SERVICE_KEY },
    data: {
      source: "shop-order",
      orderId: `WEB-${Date.now()}`,
      identifier: tv.serial,
      deliveredOn: "2025-02-10",
    },
  });
  expect(shop.ok()).toBe(true);

  await signIn(page);
  await register(page, tv.serial);
  await expect(page.getByRole("heading", { level: 1, name: tv.names.nb })).toBeVisible();
  const warranty = warrantyRegion(page);
  await expect(warranty.getByText("10. feb. 2025, bekreftet av nettbutikken vår.")).toBeVisible();
  await expect(warranty.locator(".coverages > li").filter({ hasText: "Produsentgaranti" })).toContainText(
    "10. feb. 2025 til og med 10. feb. 2027 · 24 måneder · Dekker deler og arbeid",
  );
  await expect(
    warranty.getByText("5 år fra 10. feb. 2025: du kan reklamere til og med 10. feb. 2030.", {
      exact: false,
    }),
  ).toBeVisible();
  const timeline = warranty.getByRole("list").filter({ hasText: "I dag" });
  await expect(timeline.getByRole("listitem")).toHaveText([
    /10\. feb\. 2025 Kjøpt \(bekreftet\)/,
    /I dag/,
    /10\. feb\. 2027 Produsentgarantien slutter \(bekreftet\)/,
    /10\. feb\. 2030 Fristen for å reklamere går ut \(bekreftet\)/,
  ]);
  await checkPage(page, "product-confirmed", testInfo.project.name);
});

test("the purchase date given at registration moves the warranty at once, and the registration bonus is a second coverage", async ({
  page,
}, testInfo) => {
  // Dishwashers earn 12 months more for being registered (the demo catalogue).
  const dishwasher = findDemoUnit(
    "dishwasher",
    (u) => (decodeSerial(u.serial, { modelYear: 2024 })?.manufacturedOn ?? "9") < "2025-03-01",
    // The first are other journeys' (the claims journey registers one).
    7,
  );
  await newOwner(page, "Dina Oppvask");
  await register(page, dishwasher.serial, "2025-03-10");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const warranty = warrantyRegion(page);
  await expect(
    warranty.getByText("10. mars 2025, kjøpsdatoen du oppga. Vi bruker den allerede nå.", { exact: false }),
  ).toBeVisible();
  const coverages = warranty.locator(".coverages > li");
  await expect(coverages).toHaveCount(2);
  await expect(coverages.nth(0)).toContainText("Produsentgaranti");
  await expect(coverages.nth(0)).toContainText("10. mars 2025 til og med 10. mars 2027");
  await expect(coverages.nth(1)).toContainText("Ekstra garanti fordi du registrerte produktet");
  await expect(coverages.nth(1)).toContainText("11. mars 2027 til og med 10. mars 2028 · 12 måneder");
  await expect(page.locator(".product-head .badge").first()).toHaveText(
    "Garanti til 10. mars 2028 (oppgitt kjøpsdato)",
  );

  // A later purchase date moves every date with it.
  await page.getByRole("button", { name: "Endre", exact: true }).click();
  const edit = page.locator("form", { has: page.getByLabel("Kallenavn") });
  await edit.getByLabel("Kjøpsdato", { exact: true }).fill("2025-05-02");
  await page.getByRole("button", { name: "Lagre" }).click();
  await expect(coverages.nth(0)).toContainText("2. mai 2025 til og med 2. mai 2027");
  await expect(warranty.getByText("du kan reklamere til og med 2. mai 2030", { exact: false })).toBeVisible();
  await checkPage(page, "product-bonus", testInfo.project.name);
});

test("an older TV: the warranty has ended, the right to complain still runs, on the list and the page", async ({
  page,
}, testInfo) => {
  const made = (u: { serial: string }) => decodeSerial(u.serial, { modelYear: 2022 })?.manufacturedOn ?? "9";
  const tv = findDemoUnit("tv", (u) => u.model === "NX-H22-65" && made(u) < "2024-06-01", 6);
  const bought = addDays(made(tv) as CalendarDate, 40);
  await newOwner(page, "Olav Eldre");
  await register(page, tv.serial, bought);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const warranty = warrantyRegion(page);
  await expect(warranty.getByRole("status")).toContainText(
    "Garantien er ute, men reklamasjonsretten gjelder til og med",
  );
  await expect(warranty.getByRole("link", { name: "Meld feilen og be om reparasjon" })).toBeVisible();
  await expect(warranty.locator(".coverages > li").first()).toContainText("Utløpt");
  await checkPage(page, "product-complaint-only", testInfo.project.name);

  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/products");
    const row = page.getByRole("listitem").filter({ hasText: tv.names.nb });
    await expect(row.getByText(/^Garantien sluttet /)).toBeVisible();
    await expect(row.getByText(/^Reklamasjon til /)).toBeVisible();
    await checkPage(page, `products-complaint-only-${width}`, testInfo.project.name);
  }
});
