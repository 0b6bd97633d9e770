import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { decodeSerial } from "../src/domain/serial-scheme.ts";
import { unzip } from "../test/zip.ts";
import { findDemoUnit } from "./demo-units.ts";
import { checkPage, newOwner } from "./support.ts";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

test("an owner reads the privacy page, turns suggestions on and off, downloads a copy of their data with the receipt in it, and deletes the account", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const project = testInfo.project.name;
  const phone = findDemoUnit(
    "phone",
    (u) =>
      u.model === "NX-P24-128" &&
      (decodeSerial(u.serial, { today: new Date() })?.manufacturedOn ?? "9") < "2025-01-01",
    4,
  );
  const email = await newOwner(page, "Ida Valg");

  await page.goto("/products/register");
  await page.getByLabel("Serienummer eller IMEI").fill(phone.serial);
  await page.getByRole("button", { name: "Registrer", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: phone.names.nb })).toBeVisible();
  // Suggestions use what the owner owns: off until the owner turns them on.
  await expect(page.getByText(/^Vil du ha forslag til tilbehør/)).toBeVisible();
  await expect(page.getByText("Deksel for Nordlys Pulse 24")).toHaveCount(0);
  await page.getByRole("button", { name: "Slå på forslag" }).click();
  await expect(page.getByRole("heading", { name: "Anbefalt for deg" })).toBeVisible();
  await expect(page.getByText("Deksel for Nordlys Pulse 24")).toBeVisible();

  // A receipt sent with a claim, to find again in the copy of the owner's data.
  const claim = page.getByRole("region", { name: "Bekreft kjøpsdatoen" });
  await claim.getByLabel("Kjøpsdato").fill("2025-01-20");
  await claim.getByLabel("Kjøpt hos").fill("Elkjøp");
  await claim
    .getByLabel(/^Kvittering/)
    .setInputFiles({ name: "kvittering.pdf", mimeType: "application/pdf", buffer: PDF });
  await claim.getByRole("button", { name: "Send kvitteringen" }).click();
  await expect(page.getByText("Kvitteringen er sendt.")).toBeVisible();

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
  await expect(page.getByRole("region", { name: "Dine valg" }).getByRole("status")).toHaveText(
    "Lagret: Forslag ut fra produktene du eier er slått av.",
  );
  await expect(suggestions.getByText(/^Av siden /)).toBeVisible();
  await page.getByText("Svarene dine så langt").click();
  const history = page.getByRole("table");
  // The heading row, the four lines of sign-up, and the two changes since.
  await expect(history.getByRole("row")).toHaveCount(7);
  await checkPage(page, "privacy-history", project);

  // A copy of everything: made in the background, then downloaded, with the receipt in it.
  await page.getByRole("button", { name: "Lag en kopi av opplysningene mine" }).click();
  const download = page.getByRole("link", { name: "Last ned ZIP-filen" });
  await expect(download).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/^Klar: .+, kan lastes ned til /)).toBeVisible();
  await checkPage(page, "privacy-export-ready", project);
  const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
  expect(file.suggestedFilename()).toMatch(/^data-\d{4}-\d{2}-\d{2}\.zip$/);
  const entries = await unzip(await readFile(await file.path()));
  expect([...entries.keys()]).toEqual(expect.arrayContaining(["profile.json", "claims.json", "summary.txt"]));
  const receipts = [...entries].filter(
    ([name]) => name.startsWith("files/claims/") && name.endsWith("kvittering.pdf"),
  );
  expect(receipts.map(([, bytes]) => bytes.equals(PDF))).toEqual([true]);
  expect(entries.get("summary.txt")?.toString()).toContain("Opplysningene dine fra");

  // At once: the product page shows no suggestions, and offers them again.
  await page.goto("/products");
  await page.getByRole("link", { name: phone.names.nb }).first().click();
  await expect(page.getByRole("button", { name: "Slå på forslag" })).toBeVisible();
  await expect(page.getByText("Deksel for Nordlys Pulse 24")).toHaveCount(0);

  await page.getByRole("contentinfo").getByRole("link", { name: "Vilkår for bruk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Vilkår for bruk" })).toBeVisible();
  await checkPage(page, "terms", project);

  // Deleting the account: the password confirms; then the owner cannot sign in, and the phone is free.
  await page.goto("/privacy#delete");
  await expect(page.getByRole("heading", { name: "Slett kontoen din" })).toBeVisible();
  await expect(page.getByText(/^Navnet, e-postadressen, telefonen/)).toBeVisible();
  await expect(page.getByText(/^At hvert produkt var registrert/)).toBeVisible();
  await page.getByLabel("Passordet ditt, for å bekrefte").fill("ikke passordet");
  await page.getByRole("button", { name: "Slett kontoen min" }).click();
  await expect(page.getByRole("alert")).toHaveText("Passordet er ikke riktig. Ingenting er slettet.");
  await checkPage(page, "privacy-delete", project);
  await page.getByLabel("Passordet ditt, for å bekrefte").fill("et langt passord");
  await page.getByRole("button", { name: "Slett kontoen min" }).click();
  await expect(page.getByText("Kontoen din er slettet.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Logg inn", exact: true })).toBeVisible();
  await page.goto("/signin");
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Passord").fill("et langt passord");
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByRole("alert")).toHaveText("Feil e-post eller passord.");

  const nextContext = await browser.newContext();
  const next = await nextContext.newPage();
  await newOwner(next, "Jo Neste");
  await next.goto("/products/register");
  await next.getByLabel("Serienummer eller IMEI").fill(phone.serial);
  await next.getByRole("button", { name: "Registrer", exact: true }).click();
  await expect(next.getByRole("heading", { level: 1, name: phone.names.nb })).toBeVisible();
  await nextContext.close();

  // A visitor reads the same page, and is asked to sign in for the choices.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/privacy");
  await expect(visitor.getByRole("heading", { level: 1, name: "Personvern" })).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Logg inn for å se og endre valgene dine." })).toBeVisible();
  await checkPage(visitor, "privacy-visitor", project);
  await visitorContext.close();
});
