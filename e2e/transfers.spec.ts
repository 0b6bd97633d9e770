import { expect, type Page, test } from "@playwright/test";
import { jpeg } from "../test/image-bytes.ts";
import { findDemoUnit } from "./demo-units.ts";
import { checkPage, newOwner, signIn } from "./support.ts";

const RECEIPT = { name: "kvittering.jpg", mimeType: "image/jpeg", buffer: Buffer.from(jpeg(64, 48, [])) };

async function register(page: Page, serial: string, name: string) {
  await page.goto("/products/register");
  await page.getByLabel("Serienummer eller IMEI").fill(serial);
  await page.getByRole("button", { name: "Registrer", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** The buyer finds the product taken and asks for it with a photo of the receipt. */
async function askForIt(page: Page, serial: string, project: string, screenshot: string) {
  await page.goto("/products/register");
  await page.getByLabel("Serienummer eller IMEI").fill(serial);
  await page.getByRole("button", { name: "Registrer", exact: true }).click();
  await expect(page.getByText(/^Produktet er registrert på en annen konto/)).toBeVisible();
  await page.getByLabel("Kvittering eller bilde av typeskiltet").setInputFiles(RECEIPT);
  await page.getByLabel(/^Melding/).fill("Kjøpt brukt på Finn.no i november.");
  await checkPage(page, screenshot, project);
  await page.getByRole("button", { name: "Be om overføring" }).click();
  await expect(page.getByText(/^Forespørselen er sendt/)).toBeVisible();
}

test("a second-hand buyer asks for a TV with a receipt, and the current owner accepts: the TV moves", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const tv = findDemoUnit("tv", (u) => u.model === "NX-V19-65", 3);
  await newOwner(page, "Kari Selger");
  await register(page, tv.serial, tv.names.nb);

  const buyerContext = await browser.newContext();
  const buyer = await buyerContext.newPage();
  await newOwner(buyer, "Per Kjøper");
  await askForIt(buyer, tv.serial, project, "transfer-ask");
  await buyer.getByRole("link", { name: "Følg forespørselen" }).click();
  await expect(buyer.getByText("Venter på svar")).toBeVisible();
  await expect(buyer.getByText("Kari Selger")).toHaveCount(0);
  await checkPage(buyer, "transfers-asked", project);

  await page.goto("/products");
  await page.getByRole("link", { name: /^Overføringer/ }).click();
  await expect(page.getByText("Per Kjøper ber om å få produktet overført til seg.")).toBeVisible();
  await expect(page.getByText("Melding: Kjøpt brukt på Finn.no i november.")).toBeVisible();
  await checkPage(page, "transfers-to-answer", project);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Godta overføringen" }).click();
  await expect(page.getByText("Du godtok. Produktet er overført.")).toBeVisible();
  await page.goto("/products");
  await expect(page.getByRole("link", { name: tv.names.nb })).toHaveCount(0);

  await buyer.goto("/products");
  await buyer.getByRole("link", { name: tv.names.nb }).click();
  await expect(buyer.getByText("overføring fra forrige eier")).toBeVisible();
  await checkPage(buyer, "transferred-product", project);
  await buyerContext.close();
});

test("the current owner declines, and customer service decides with the proof and a reason", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const tv = findDemoUnit("tv", (u) => u.model === "NX-H22-65", 3);
  await newOwner(page, "Siri Selger");
  await register(page, tv.serial, tv.names.nb);

  const buyerContext = await browser.newContext();
  const buyer = await buyerContext.newPage();
  await newOwner(buyer, "Ola Kjøper");
  await askForIt(buyer, tv.serial, project, "transfer-ask-2");

  await page.goto("/transfers");
  await page.getByRole("button", { name: "Avslå" }).click();
  await expect(page.getByText(/^Du avslo/)).toBeVisible();
  await expect(page.getByText("Hos kundeservice")).toBeVisible();

  const staffContext = await browser.newContext();
  const agent = await staffContext.newPage();
  await signIn(agent, { email: "agent@owner-portal.local" });
  await agent.getByRole("link", { name: "Overføringer" }).click();
  await expect(agent.getByRole("heading", { level: 1, name: "Overføringer til avgjørelse" })).toBeVisible();
  const request = agent.locator("li.card", { hasText: "Ber om produktet: Ola Kjøper" });
  await expect(request.getByText("Registrert på: Siri Selger")).toBeVisible();
  await expect(request.getByText("Eieren avslo.")).toBeVisible();
  await expect(request.getByRole("link", { name: "Åpne beviset (kvittering.jpg)" })).toBeVisible();
  await checkPage(agent, "staff-transfers", project);
  await request.getByRole("radio", { name: "Overfør produktet" }).check();
  await request
    .getByLabel("Begrunnelse (begge parter ser den)")
    .fill("Kvitteringen viser kjøpet fra Finn.no.");
  await request.getByRole("button", { name: "Lagre avgjørelsen" }).click();
  await expect(agent.getByText(/^Avgjørelsen er lagret/)).toBeVisible();
  await expect(agent.getByText("Ber om produktet: Ola Kjøper")).toHaveCount(0);
  await staffContext.close();

  await buyer.goto("/transfers");
  await expect(buyer.getByText("Overført")).toBeVisible();
  await expect(buyer.getByText("Begrunnelse: Kvitteringen viser kjøpet fra Finn.no.")).toBeVisible();
  await buyer.goto("/products");
  await expect(buyer.getByRole("link", { name: tv.names.nb })).toBeVisible();
  await buyerContext.close();
});
