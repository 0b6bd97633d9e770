import { expect, test } from "@playwright/test";
import { findDemoUnit } from "./demo-units.ts";
import { checkPage, signIn } from "./support.ts";

test("an owner registers a phone by IMEI, sees it in My products and the points on My Page", async ({
  page,
}, testInfo) => {
  const project = testInfo.project.name;
  const phone = findDemoUnit("phone", (u) => u.imei1 !== undefined);
  await signIn(page);
  await page.getByRole("link", { name: "Registrer et produkt" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Registrer et produkt" })).toBeVisible();
  await checkPage(page, "register", project);

  // A wrong check digit is explained before anything is registered.
  const wrong = `${phone.imei1?.slice(0, 14)}${(Number(phone.imei1?.[14]) + 1) % 10}`;
  await page.getByLabel("Serienummer eller IMEI").fill(wrong);
  await expect(page.getByText("Ett av sifrene i IMEI-nummeret er feil")).toBeVisible();

  const imei = phone.imei1 as string;
  await page
    .getByLabel("Serienummer eller IMEI")
    .fill(`${imei.slice(0, 2)} ${imei.slice(2, 8)}-${imei.slice(8)}`);
  await expect(page.getByText("Dette er et gyldig IMEI.")).toBeVisible();
  await page.getByLabel("Kallenavn (valgfritt)").fill("Jobbtelefonen");
  await page.getByRole("button", { name: "Registrer", exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Jobbtelefonen" })).toBeVisible();
  await expect(
    page.getByText(
      "Jobbtelefonen er registrert. Du får 200 Rewards-poeng. Under Rewards ser du når de kan brukes.",
    ),
  ).toBeVisible();
  await expect(page.getByText(imei)).toBeVisible();
  await expect(page.getByText(/anslått/).first()).toBeVisible();
  await checkPage(page, "product", project);

  await page.getByRole("link", { name: "Tilbake til Mine produkter" }).click();
  await expect(page.getByRole("link", { name: "Jobbtelefonen" })).toBeVisible();
  await expect(page.getByText(`${phone.serial.slice(0, 3)}••••${phone.serial.slice(-4)}`)).toBeVisible();
  await checkPage(page, "my-products-with-one", project);

  await page.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name: "Min side" }).click();
  // Other journeys register products for the demo owner too: look at this product's line.
  await expect(
    page
      .getByRole("listitem")
      .filter({ hasText: `Registrering: ${phone.names.nb}` })
      .getByText("+200"),
  ).toBeVisible();
  await checkPage(page, "my-page-with-points", project);
});

test("a serial typed with O for 0 gets a did-you-mean, and one click registers the real unit", async ({
  page,
}, testInfo) => {
  const tv = findDemoUnit("tv", (u) => /0/.test(u.serial.slice(9)));
  const typed = `${tv.serial.slice(0, 9)}${tv.serial.slice(9).replace("0", "O")}`.toLowerCase();
  await signIn(page, { locale: "en" });
  await page.goto("/products/register");
  await page.getByLabel("Serial number or IMEI").fill(typed);
  await page.getByRole("button", { name: "Register", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("We cannot find a product with this number.");
  await expect(page.getByText("Did you mean")).toBeVisible();
  await checkPage(page, "did-you-mean", testInfo.project.name);
  await page.getByRole("button", { name: `Yes, register ${tv.serial}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: tv.names.en })).toBeVisible();
  await expect(page.getByText(tv.serial, { exact: true })).toBeVisible();
});

test("an SSD cannot be registered, and the owner reads why and what to do instead", async ({
  page,
}, testInfo) => {
  const ssd = findDemoUnit("ssd");
  await signIn(page);
  await page.goto("/products/register");
  await page.getByLabel("Serienummer eller IMEI").fill(ssd.serial);
  await page.getByRole("button", { name: "Registrer", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Denne typen produkt kan ikke registreres.");
  await expect(page.getByRole("alert")).toContainText("Ta vare på kvitteringen");
  await checkPage(page, "not-registrable", testInfo.project.name);
});

test("an owner opens a manual from the product page and removes the product", async ({ page }, testInfo) => {
  const fridge = findDemoUnit("fridge", (u) => u.model === "NX-RF24-195");
  await signIn(page, { locale: "en" });
  await page.goto("/products/register");
  await page.getByLabel("Serial number or IMEI").fill(fridge.serial);
  await page.getByLabel("Type of product (optional)").selectOption({ label: "Fridge-freezer" });
  await page.getByRole("button", { name: "Register", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: fridge.names.en })).toBeVisible();

  const manual = page.getByRole("listitem").filter({ hasText: "User manual" }).getByRole("link").first();
  await manual.click();
  await expect(page.getByText("User manual", { exact: true })).toBeVisible();
  await checkPage(page, "manual", testInfo.project.name);
  await page.goBack();

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Remove from My products" }).click();
  await expect(page.getByText(`${fridge.names.en} has been removed from My products.`)).toBeVisible();
  await expect(page.getByText(`${fridge.serial.slice(0, 3)}••••••••${fridge.serial.slice(-4)}`)).toHaveCount(
    0,
  );
});

test("the form and its answers name the lengths the chosen product type takes", async ({
  page,
}, testInfo) => {
  const phone = findDemoUnit("phone");
  await signIn(page);
  await page.goto("/products/register");
  await expect(
    page.getByText("IMEI har 15 sifre. Serienummeret har 11 tegn på mobil, nettbrett og klokke"),
  ).toBeVisible();
  await page.getByLabel("Serienummer eller IMEI").fill(phone.serial);
  await page.getByLabel("Produkttype (valgfritt)").selectOption({ label: "TV" });
  await page.getByRole("button", { name: "Registrer", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Du skrev 11 tegn, men serienummeret har 15 tegn.");
  await checkPage(page, "wrong-length", testInfo.project.name);
});
