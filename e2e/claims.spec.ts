import { expect, type Page, test } from "@playwright/test";
import { decodeSerial } from "../src/domain/serial-scheme.ts";
import { findDemoUnit } from "./demo-units.ts";
import { checkPage, signIn } from "./support.ts";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const REVIEWER = { email: "reviewer@owner-portal.local", password: "demo-owner-2026" };

async function registerAndClaim(page: Page, category: string, seller: string) {
  const unit = findDemoUnit(
    category,
    (u) => (decodeSerial(u.serial, { today: new Date() })?.manufacturedOn ?? "9") < "2025-01-01",
  );
  await signIn(page);
  await page.goto("/products/register");
  await page.getByLabel("Serienummer eller IMEI").fill(unit.serial);
  await page.getByRole("button", { name: "Registrer", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: unit.names.nb })).toBeVisible();
  const productUrl = page.url();

  const claim = page.getByRole("region", { name: "Bekreft kjøpsdatoen" });
  await claim.getByLabel("Kjøpsdato").fill("2025-01-20");
  await claim.getByLabel("Kjøpt hos").fill(seller);
  await claim
    .getByLabel(/^Kvittering/)
    .setInputFiles({ name: "kvittering.pdf", mimeType: "application/pdf", buffer: PDF });
  await claim.getByRole("button", { name: "Send kvitteringen" }).click();
  await expect(page.getByText("Kvitteringen er sendt.")).toBeVisible();
  await expect(claim.getByText("Mottatt", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Logg ut" }).click();
  return { unit, productUrl };
}

async function decide(page: Page, product: string, decision: string, reason?: string) {
  await signIn(page, REVIEWER);
  await page
    .getByRole("navigation", { name: "Hovedmeny" })
    .getByRole("link", { name: "Kvitteringer" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Kvitteringer til vurdering" })).toBeVisible();
  await page.getByRole("link", { name: product }).first().click();
  await expect(page.locator("figure.proof iframe")).toBeVisible();
  await page.getByLabel(decision).check();
  if (reason) await page.getByLabel("Begrunnelse (eieren ser den)").fill(reason);
  await page.getByRole("button", { name: "Lagre avgjørelsen" }).click();
  await expect(page.getByText("Avgjørelsen er lagret")).toBeVisible();
  await page.getByRole("button", { name: "Logg ut" }).click();
}

test("a claim with a PDF is approved by a reviewer, and the owner sees the confirmed dates and the mail", async ({
  page,
}, testInfo) => {
  const { unit, productUrl } = await registerAndClaim(page, "washer", "Elkjøp Lørenskog");
  await signIn(page, REVIEWER);
  await page.goto("/review");
  await checkPage(page, "review-queue", testInfo.project.name);
  await page.getByRole("button", { name: "Logg ut" }).click();
  await decide(page, unit.names.nb, "Godkjenn");

  await signIn(page);
  await page.goto(productUrl);
  const warranty = page.getByRole("region", { name: "Garanti og reklamasjon" });
  await expect(
    warranty.getByText("20. jan. 2025, bekreftet da vi så på kvitteringen du sendte."),
  ).toBeVisible();
  await expect(warranty.locator(".coverages > li").first()).toContainText(
    "20. jan. 2025 til og med 20. jan. 2027 · 24 måneder",
  );
  await expect(
    page.getByRole("region", { name: "Bekreft kjøpsdatoen" }).getByText("Godkjent", { exact: true }),
  ).toBeVisible();
  await checkPage(page, "product-claim-approved", testInfo.project.name);
  await page.goto("/dev/mail");
  await expect(
    page
      .getByRole("heading", { name: `Kvitteringen din for ${unit.names.nb}: kjøpsdatoen er bekreftet` })
      .first(),
  ).toBeVisible();
});

test("a rejected claim shows the owner its reason", async ({ page }) => {
  const { unit, productUrl } = await registerAndClaim(page, "dryer", "Power Alnabru");
  await decide(page, unit.names.nb, "Avslå", "Kvitteringen gjelder et annet produkt.");
  await signIn(page);
  await page.goto(productUrl);
  const claim = page.getByRole("region", { name: "Bekreft kjøpsdatoen" });
  await expect(claim.getByText("Avslått", { exact: true })).toBeVisible();
  await expect(claim.getByText("Kvitteringen gjelder et annet produkt.")).toBeVisible();
});

test("the owner answers a request for more information, and the claim goes back to the reviewers", async ({
  page,
}) => {
  const { unit, productUrl } = await registerAndClaim(page, "dishwasher", "Expert Bryn");
  await decide(page, unit.names.nb, "Be om mer informasjon", "Kvitteringen viser ikke datoen.");
  await signIn(page);
  await page.goto(productUrl);
  const claim = page.getByRole("region", { name: "Bekreft kjøpsdatoen" });
  await expect(claim.getByText("Vi trenger mer informasjon", { exact: true })).toBeVisible();
  await expect(claim.getByText("Kvitteringen viser ikke datoen.")).toBeVisible();
  await claim.getByLabel("Din melding").fill("Datoen står nederst på kvitteringen.");
  await claim.getByRole("button", { name: "Send svar" }).click();
  await expect(claim.getByText("Mottatt", { exact: true })).toBeVisible();
  await expect(claim.getByText("Du svarte")).toBeVisible();
  await expect(claim.getByText("Datoen står nederst på kvitteringen.")).toBeVisible();
});
