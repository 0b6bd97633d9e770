import { expect, test } from "@playwright/test";
import { findDemoUnit } from "./demo-units.ts";
import { checkPage, newOwner, signIn } from "./support.ts";

/** The IMEI as an owner might read it out with one look-alike slip: a digit typed as the letter it resembles. */
function misread(imei: string): string {
  const letters: Record<string, string> = { "0": "O", "1": "I", "5": "S", "8": "B", "2": "Z" };
  const at = [...imei].findIndex((digit, i) => i > 2 && digit in letters);
  return `${imei.slice(0, at)}${letters[imei[at] as string]}${imei.slice(at + 1)}`;
}

test("an agent finds a customer by an IMEI read out with a look-alike slip, gives a reason, corrects the purchase date, and the owner sees both", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const phone = findDemoUnit("phone", (u) => u.model === "NX-P23-256" && u.imei1 !== undefined, 1);
  const imei = phone.imei1 as string;

  // A new owner registers a phone by its IMEI, with the purchase date they remember.
  await newOwner(page, "Ola Kundesen");
  await page.goto("/products/register");
  await page.getByLabel("Serienummer eller IMEI").fill(imei);
  await page.getByLabel("Kjøpsdato (valgfritt)").fill("2025-06-01");
  await page.getByRole("button", { name: "Registrer", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: phone.names.nb })).toBeVisible();
  const productUrl = page.url();

  // The owner calls: the receipt says 20 May. The agent finds them by the IMEI, misread.
  const staff = await browser.newContext();
  const agent = await staff.newPage();
  await signIn(agent, { email: "agent@owner-portal.local" });
  await agent.goto("/staff/repairs");
  await agent.getByLabel("Søk etter kunde, produkt eller sak").fill(misread(imei));
  await agent.getByRole("button", { name: "Søk", exact: true }).click();
  await expect(agent.getByText(/^Nesten likt/)).toBeVisible();
  await agent.getByRole("link", { name: "Åpne kunden: Ola Kundesen" }).click();

  // No case is open: the agent says why before the record opens.
  await expect(
    agent.getByRole("heading", { name: "Hvorfor åpner du denne kundens opplysninger?" }),
  ).toBeVisible();
  await agent.getByRole("radio", { name: /^Kunden kontaktet oss/ }).check();
  await agent.getByLabel(/^Merknad/).fill("Ringte om kjøpsdatoen på telefonen.");
  await agent.getByRole("button", { name: "Åpne opplysningene" }).click();
  await expect(agent.getByRole("heading", { level: 1, name: "Kunde: Ola Kundesen" })).toBeVisible();
  await expect(agent.getByText(imei)).toBeVisible();
  await expect(agent.getByText(/Oppgitt da produktet ble registrert/)).toBeVisible();
  await checkPage(agent, "customer-record", project);

  await agent.getByRole("button", { name: "Rett kjøpsdatoen" }).click();
  await agent.getByLabel("Ny kjøpsdato").fill("2025-05-20");
  await agent.getByLabel("Begrunnelse (kunden ser den)").fill("Kvitteringen viser 20. mai.");
  await agent.getByRole("button", { name: "Lagre den nye datoen" }).click();
  await expect(agent.getByRole("status")).toHaveText("Kjøpsdatoen er rettet.");
  await expect(agent.getByText(/Rettet av kundeservice, ansatt nr\. \d+/)).toBeVisible();
  await agent.getByLabel("Nytt notat").fill("Kunden sender kvitteringen på e-post.");
  await agent.getByRole("button", { name: "Lagre notatet" }).click();
  await expect(agent.getByText("Kunden sender kvitteringen på e-post.")).toBeVisible();
  await checkPage(agent, "customer-record-corrected", project);
  await staff.close();

  // The owner sees the corrected date, who corrected it and why, and the agent's look.
  await page.goto(productUrl);
  await expect(page.getByText(/Rettet av kundeservice, ansatt nr\. \d+/)).toBeVisible();
  await expect(page.getByText(/Begrunnelse: Kvitteringen viser 20\. mai\./)).toBeVisible();
  await expect(page.getByText(/^Kundeservice har rettet kjøpsdatoen/)).toBeVisible();
  await expect(page.getByText("Notat")).toHaveCount(0);
  await checkPage(page, "product-date-corrected", project);
  await page.goto("/me");
  await expect(
    page.getByText(/kundeopplysningene dine samlet\. Hvorfor: du kontaktet oss: Ringte om kjøpsdatoen/),
  ).toBeVisible();
  await checkPage(page, "access-log-customer", project);
});

test("an admin adds a staff member, who gets a mail to choose a password, changes the role and removes the account", async ({
  page,
}, testInfo) => {
  const project = testInfo.project.name;
  const email = `ny.ansatt.${Date.now()}@example.com`;
  await signIn(page, { email: "admin@owner-portal.local" });
  await page.getByRole("link", { name: "Ansatte" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ansatte" })).toBeVisible();
  await page.getByLabel("Navn").fill("Nina Ansatt");
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Rolle", { exact: true }).selectOption("agent");
  await page.getByRole("button", { name: "Legg til og send e-post" }).click();
  await expect(
    page.getByText(`${email} er lagt til og har fått en e-post for å velge passord.`),
  ).toBeVisible();
  const row = page.getByRole("row", { name: /Nina Ansatt/ });
  await expect(row).toContainText("Kundeservice");
  await checkPage(page, "admin-staff", project);

  await row.getByLabel("Rolle for Nina Ansatt").selectOption("reviewer");
  await expect(page.getByText("Nina Ansatt har fått ny rolle.")).toBeVisible();
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Fjern Nina Ansatt" }).click();
  await expect(page.getByText("Kontoen til Nina Ansatt er fjernet.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Nina Ansatt/ })).toHaveCount(0);

  await expect(async () => {
    await page.goto("/dev/mail");
    await expect(page.getByText(`Til: ${email}`)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
});
