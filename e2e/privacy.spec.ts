import { expect, test } from "@playwright/test";
import { findDemoUnit } from "./demo-units.ts";
import { checkPage, newOwner } from "./support.ts";

test("an owner reads the privacy page, turns suggestions on from a product and off on the privacy page", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const project = testInfo.project.name;
  const phone = findDemoUnit("phone", (u) => u.model === "NX-P24-128", 4);
  await newOwner(page, "Ida Valg");

  await page.goto("/products/register");
  await page.getByLabel("Serienummer eller IMEI").fill(phone.serial);
  await page.getByRole("button", { name: "Registrer", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: phone.names.nb })).toBeVisible();
  // Suggestions use what the owner owns: off until the owner turns them on.
  await expect(page.getByText(/^Vil du ha forslag til tilbehør/)).toBeVisible();
  await expect(page.getByText("Deksel for Nordlys Pulse 24")).toHaveCount(0);
  await page.getByRole("button", { name: "Slå på forslag" }).click();
  await expect(page.getByRole("heading", { name: "Tilbehør som passer" })).toBeVisible();
  await expect(page.getByText("Deksel for Nordlys Pulse 24")).toBeVisible();

  await page.goto("/");
  await page
    .locator("article", { has: page.getByRole("heading", { name: "Personvern og valg" }) })
    .getByRole("link", { name: "Personvern" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Personvern" })).toBeVisible();
  const suggestions = page.locator("article", {
    has: page.getByRole("heading", { name: "Forslag ut fra produktene du eier" }),
  });
  await expect(suggestions.getByText(/^På siden /)).toBeVisible();
  const marketing = page.locator("article", {
    has: page.getByRole("heading", { name: "Nyheter og tilbud på e-post" }),
  });
  await expect(marketing.getByText(/^Av siden /)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Hva vi tar vare på, og hvorfor" })).toBeVisible();
  await expect(page.getByText(/^Når du ber om en reparasjon, får verkstedet/)).toBeVisible();
  await checkPage(page, "privacy", project);

  await suggestions.getByRole("button", { name: "Slå av" }).click();
  await expect(page.getByRole("status")).toHaveText("Lagret: Forslag ut fra produktene du eier er slått av.");
  await expect(suggestions.getByText(/^Av siden /)).toBeVisible();
  await page.getByText("Svarene dine så langt").click();
  const history = page.getByRole("table");
  // The heading row, the four lines of sign-up, and the two changes since.
  await expect(history.getByRole("row")).toHaveCount(7);
  await checkPage(page, "privacy-history", project);

  // At once: the product page shows no suggestions, and offers them again.
  await page.goto("/products");
  await page.getByRole("link", { name: phone.names.nb }).first().click();
  await expect(page.getByRole("button", { name: "Slå på forslag" })).toBeVisible();
  await expect(page.getByText("Deksel for Nordlys Pulse 24")).toHaveCount(0);

  await page.getByRole("contentinfo").getByRole("link", { name: "Vilkår for bruk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Vilkår for bruk" })).toBeVisible();
  await checkPage(page, "terms", project);

  // A visitor reads the same page, and is asked to sign in for the choices.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/privacy");
  await expect(visitor.getByRole("heading", { level: 1, name: "Personvern" })).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Logg inn for å se og endre valgene dine." })).toBeVisible();
  await checkPage(visitor, "privacy-visitor", project);
  await visitorContext.close();
});
