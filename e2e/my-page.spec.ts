import { expect, test } from "@playwright/test";
import { addDays, addMonths, todayIn } from "../src/domain/calendar-date.ts";
import { decodeSerial } from "../src/domain/serial-scheme.ts";
import { findDemoUnit } from "./demo-units.ts";
import { checkPage, newOwner } from "./support.ts";

test("My Page shows the owner's product tiles and alerts whose actions work, and a recommendation while the owner consents", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const project = testInfo.project.name;
  // The announcements fade in; axe would read their colours half way.
  await page.emulateMedia({ reducedMotion: "reduce" });
  // Bought 24 months less 20 days ago: the 24 months of warranty end within the 60-day threshold.
  const today = todayIn("Europe/Oslo", new Date());
  const bought = addDays(addMonths(today, -24), 20);
  const fridge = findDemoUnit(
    "fridge",
    (u) =>
      u.model === "NX-RF22-185" &&
      (decodeSerial(u.serial, { today: new Date() })?.manufacturedOn ?? "9") < bought,
  );
  await newOwner(page, "Mia Oversikt");

  // A new owner's My Page has no alerts and no tiles, and says how to begin.
  await expect(page.getByText("Du har ikke registrert noen produkter ennå.", { exact: false })).toBeVisible();
  await expect(page.getByRole("region", { name: "Dette venter på deg" })).toHaveCount(0);

  await page.goto("/products/register");
  await page.getByLabel("Serienummer eller IMEI").fill(fridge.serial);
  await page.getByLabel("Kjøpsdato (valgfritt)").fill(bought);
  await page.getByRole("button", { name: "Registrer", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: fridge.names.nb })).toBeVisible();

  await page.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name: "Min side" }).click();
  const alerts = page.getByRole("region", { name: "Dette venter på deg" });
  await expect(
    alerts.getByText(new RegExp(`^Garantien for ${fridge.names.nb} går ut om \\d+ dager\\.$`)),
  ).toBeVisible();
  const tiles = page.getByRole("region", { name: "Produktene dine" });
  const tile = tiles.getByRole("listitem").filter({ hasText: fridge.names.nb });
  await expect(tile.locator("img")).toHaveAttribute("src", "/catalogue/fridge.svg");
  await expect(tile.getByText(/^Garantien slutter /)).toBeVisible();
  await expect(tile.getByText(/^Reklamasjon til /)).toBeVisible();
  // No suggestions without the owner's consent.
  await expect(page.getByRole("region", { name: "Anbefalt for deg" })).toHaveCount(0);
  await checkPage(page, "my-page-alerts", project);

  // The alert's action leads to the product, where the owner turns suggestions on.
  await alerts.getByRole("link", { name: "Se hva du kan gjøre" }).click();
  await expect(page.getByRole("heading", { level: 1, name: fridge.names.nb })).toBeVisible();
  await page.getByRole("button", { name: "Slå på forslag" }).click();
  const filterLink = page.getByRole("link", { name: "Vannfilter for Nordlys Frost i nettbutikken" });
  await expect(filterLink).toHaveAttribute("href", "https://shop.owner-portal.local/products/NX-SP-FLT1");
  await expect(page.getByText(`Til ${fridge.names.nb}, byttes jevnlig`)).toBeVisible();
  await checkPage(page, "product-recommendations", project);

  await page.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name: "Min side" }).click();
  const recommended = page.getByRole("region", { name: "Anbefalt for deg" });
  const card = recommended.getByRole("listitem").filter({ hasText: "Vannfilter for Nordlys Frost" });
  await expect(card.getByText(`Til ${fridge.names.nb}, byttes jevnlig`)).toBeVisible();
  await expect(card.locator("img")).toHaveAttribute("src", "/catalogue/component.svg");
  await expect(card.getByRole("link")).toHaveAttribute(
    "href",
    "https://shop.owner-portal.local/products/NX-SP-FLT1",
  );
  await checkPage(page, "my-page-recommendations", project);

  // Withdrawn on the product page, the suggestions go from My Page at once.
  await page.goto("/");
  await tiles.getByRole("link", { name: fridge.names.nb }).click();
  await page.getByRole("button", { name: "Slå av forslag" }).click();
  await expect(page.getByRole("button", { name: "Slå på forslag" })).toBeVisible();
  await expect(page.getByRole("link", { name: /i nettbutikken$/ })).toHaveCount(0);
  await page.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name: "Min side" }).click();
  await expect(page.getByRole("region", { name: "Produktene dine" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Anbefalt for deg" })).toHaveCount(0);
});
