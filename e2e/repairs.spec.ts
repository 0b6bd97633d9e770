import { expect, type Page, test } from "@playwright/test";
import { decodeSerial } from "../src/domain/serial-scheme.ts";
import { jpeg } from "../test/image-bytes.ts";
import { findDemoUnit } from "./demo-units.ts";
import { serviceCentre } from "./service-centre.ts";
import { checkPage, signIn } from "./support.ts";

const JPEG = Buffer.from(jpeg(64, 48, []));
/** A unit made within the last year: inside any base warranty, whichever demo unit the catalogue gives. */
const madeThisYear = (serial: string) => {
  const cutoff = new Date(Date.now() - 330 * 86_400_000).toISOString().slice(0, 10);
  return (decodeSerial(serial, { today: new Date() })?.manufacturedOn ?? "") >= cutoff;
};

async function register(page: Page, serial: string, name: string) {
  await page.goto("/products/register");
  await page.getByLabel("Serienummer eller IMEI").fill(serial);
  await page.getByRole("button", { name: "Registrer", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** Fills the request form: the fault, the contact at an Oslo postcode, the channel. */
async function askForRepair(page: Page, fault: string, channel: string) {
  await page.getByRole("link", { name: "Be om reparasjon", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Få hjelp med/ })).toBeVisible();
  await page.getByLabel("Hva er feil?").selectOption({ label: fault });
  await page.getByLabel("Beskriv feilen").fill("Det skjer hver gang jeg slår den på, siden forrige uke.");
  await page.getByLabel("Telefon", { exact: true }).fill("+47 912 34 567");
  await page.getByLabel("Adresse", { exact: true }).fill("Kirkegata 1");
  await page.getByLabel("Postnummer", { exact: true }).fill("0153");
  await page.getByLabel("Sted", { exact: true }).fill("Oslo");
  await page.getByRole("radio", { name: channel }).check();
}

const repairNumber = async (page: Page) =>
  (await page.getByRole("heading", { level: 1, name: /^Reparasjon RQ-/ }).textContent())?.replace(
    "Reparasjon ",
    "",
  ) ?? "";

test("a TV in warranty: two photos, a technician visit, the centre repairs it, the owner follows it signed in and by a tracking link", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const tv = findDemoUnit("tv", (u) => u.model === "NX-H25-77" && madeThisYear(u.serial), 1);
  await signIn(page);
  await register(page, tv.serial, tv.names.nb);
  await askForRepair(page, "Ikke noe bilde", "Tekniker kommer hjem til deg");
  await page.getByLabel("Når kan vi komme?").selectOption({ label: "Formiddag (08–12)" });
  await page.getByLabel(/^Bilder av feilen/).setInputFiles([
    { name: "skjerm-1.jpg", mimeType: "image/jpeg", buffer: JPEG },
    { name: "skjerm-2.jpg", mimeType: "image/jpeg", buffer: JPEG },
  ]);
  await expect(page.getByText("Ser ut til å dekkes av produsentgarantien")).toBeVisible();
  await checkPage(page, "repair-request", project);
  await page.getByRole("button", { name: "Send forespørselen" }).click();

  await expect(page.getByRole("heading", { level: 1, name: /^Reparasjon RQ-/ })).toBeVisible();
  await expect(page.getByText("Forespørsel sendt").first()).toBeVisible();
  await expect(page.getByRole("img", { name: /^Bilde \d av feilen$/ })).toHaveCount(2);
  const number = await repairNumber(page);
  await page.getByRole("button", { name: "Lag en lenke" }).click();
  const link = (await page.getByRole("link", { name: /\/track\// }).textContent()) ?? "";
  await checkPage(page, "repair", project);

  const centre = serviceCentre(project, testInfo.project.use.baseURL as string);
  expect(centre.run("accept", number)).toContain("accepted");
  for (const status of ["received", "diagnosing", "repairing"]) centre.run("status", number, status);
  centre.run("status", number, "repaired", "--diagnosis", "Strømkortet er byttet.");
  centre.run("status", number, "closed");

  await page.reload();
  await expect(page.getByText("Avsluttet").first()).toBeVisible();
  await expect(page.getByText("Strømkortet er byttet.")).toBeVisible();
  await expect(page.getByText(/^Reparasjonsgaranti til og med/)).toBeVisible();
  await page.getByRole("link", { name: "Tilbake til produktet" }).click();
  const repairs = page.getByRole("region", { name: "Reparasjoner" });
  await expect(repairs.getByRole("link", { name: number })).toBeVisible();
  await expect(repairs.getByText("Avsluttet")).toBeVisible();
  const warranties = page.getByRole("region", { name: "Garanti og reklamasjon" });
  await expect(
    warranties.locator(".coverages > li").filter({ hasText: "Garanti på reparasjonen" }),
  ).toContainText("Dekker deler og arbeid");
  await checkPage(page, "product-repaired", project);

  // Someone without an account, with the link.
  const stranger = await browser.newContext();
  const signedOut = await stranger.newPage();
  await signedOut.goto(link);
  await expect(signedOut.getByRole("heading", { level: 1, name: "Status for reparasjon" })).toBeVisible();
  await expect(signedOut.getByText("Avsluttet").first()).toBeVisible();
  await expect(signedOut.getByText(number)).toBeVisible();
  await expect(signedOut.getByText("Kirkegata")).toHaveCount(0);
  await checkPage(signedOut, "track", project);
  await signedOut.goto("/track/not-a-real-token");
  await expect(signedOut.getByText("Lenken er ugyldig eller slått av.")).toBeVisible();
  await stranger.close();
});

async function quotedPhone(page: Page, skip: number, project: string, baseURL: string) {
  const phone = findDemoUnit("phone", (u) => u.model === "NX-A19-64", skip);
  await signIn(page);
  await register(page, phone.serial, phone.names.nb);
  await askForRepair(page, "Skjermen er knust eller viser feil", "Henting med bud");
  await expect(page.getByText("Ser ikke ut til å dekkes")).toBeVisible();
  for (const condition of ["Jeg har tatt sikkerhetskopi", "Jeg har slått av", "Jeg har tatt ut SIM-kort"])
    await page.getByRole("checkbox", { name: new RegExp(`^${condition}`) }).check();
  await page.getByRole("button", { name: "Send forespørselen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Reparasjon RQ-/ })).toBeVisible();
  const number = await repairNumber(page);
  const centre = serviceCentre(project, baseURL);
  centre.run("accept", number);
  centre.run("status", number, "received");
  centre.run("status", number, "diagnosing");
  centre.run(
    "status",
    number,
    "quote-pending",
    "--amount",
    "1490",
    "--fee",
    "390",
    "--description",
    "Ny skjerm og ramme.",
  );
  await page.reload();
  await expect(page.getByRole("heading", { name: "Prisoverslag" })).toBeVisible();
  await expect(page.getByText(/Pris for reparasjonen: 1\s490,00\s*kr/)).toBeVisible();
  await expect(page.getByText(/feilsøkingsgebyr på 390,00\s*kr/)).toBeVisible();
  return { centre, number };
}

test("a phone out of warranty: the owner approves the quote, and it is repaired and sent back", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const { centre, number } = await quotedPhone(page, 2, project, testInfo.project.use.baseURL as string);
  await checkPage(page, "repair-quote", project);
  await page.getByRole("button", { name: "Godta prisoverslaget" }).click();
  await expect(page.getByText("Prisoverslag godtatt").first()).toBeVisible();
  centre.run("status", number, "repairing", "--part", "Skjerm@2026-12-20");
  centre.run("status", number, "repaired");
  centre.run("status", number, "shipped", "--tracking", "Posten 70701234");
  await page.reload();
  await expect(page.getByText("Sendt tilbake").first()).toBeVisible();
  await expect(page.getByText("Sporing av sendingen: Posten 70701234")).toBeVisible();
  await expect(page.getByText(/^Reparasjonsgaranti til og med/)).toBeVisible();
});

test("a declined quote: the product comes back unrepaired", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const { centre, number } = await quotedPhone(page, 3, project, testInfo.project.use.baseURL as string);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Takk nei" }).click();
  await expect(page.getByText("Prisoverslag avslått").first()).toBeVisible();
  centre.run("status", number, "shipped");
  await page.reload();
  await expect(page.getByText("Sendt tilbake").first()).toBeVisible();
  await expect(page.getByText(/^Reparasjonsgaranti/)).toHaveCount(0);
  await checkPage(page, "repair-declined", project);
});

test("an agent with the owner on the phone finds the TV by a misread serial and asks for its repair, and sends it on when every centre turns it down", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const tv = findDemoUnit("tv", (u) => u.model === "NX-H25-77" && /[05182]/.test(u.serial), 2);
  await signIn(page);
  await register(page, tv.serial, tv.names.nb);

  const staff = await browser.newContext();
  const agent = await staff.newPage();
  await signIn(agent, { email: "agent@owner-portal.local" });
  await agent.getByRole("link", { name: "Reparasjoner" }).click();
  // Read out over the phone: lower case, a space, and an O heard for a 0 (or S for 5, …).
  const misheard = tv.serial.replace(/[05182]/, (d) => ({ 0: "O", 5: "S", 1: "I", 8: "B", 2: "Z" })[d] ?? d);
  await agent
    .getByLabel("Søk etter kunde, produkt eller sak")
    .fill(`${misheard.slice(0, 4)} ${misheard.slice(4)}`.toLowerCase());
  await agent.getByRole("button", { name: "Søk", exact: true }).click();
  await expect(agent.getByText(tv.serial)).toBeVisible();
  await expect(agent.getByText(/^Nesten likt/)).toBeVisible();
  await expect(agent.getByText(/^Registrert på Demo Owner \(demo@owner-portal\.local\)/)).toBeVisible();
  await checkPage(agent, "staff-find-product", project);
  await agent.getByRole("link", { name: "Be om reparasjon for Demo Owner" }).click();

  // Unless the owner has a case open (an earlier test's repair may still be), the agent says why.
  const form = agent.getByText(/^Du ber om reparasjon for Demo Owner/);
  const askedWhy = agent.getByRole("heading", { name: "Hvorfor åpner du denne kundens opplysninger?" });
  await expect(form.or(askedWhy)).toBeVisible();
  if (await askedWhy.isVisible()) {
    await checkPage(agent, "staff-access-reason", project);
    await agent.getByRole("radio", { name: /^Kunden kontaktet oss/ }).check();
    await agent.getByLabel(/^Merknad/).fill("Ringte om lyden på TV-en.");
    await agent.getByRole("button", { name: "Åpne opplysningene" }).click();
  }
  await expect(form).toBeVisible();
  await expect(agent.getByText("Lagre som mine opplysninger")).toHaveCount(0);
  await agent.getByLabel("Hva er feil?").selectOption({ label: "Ingen lyd" });
  await agent.getByLabel("Beskriv feilen").fill("Kunden ringte: lyden forsvant i går kveld.");
  await agent.getByLabel("Telefon", { exact: true }).fill("+47 912 34 567");
  await agent.getByLabel("Adresse", { exact: true }).fill("Kirkegata 1");
  await agent.getByLabel("Postnummer", { exact: true }).fill("0153");
  await agent.getByLabel("Sted", { exact: true }).fill("Oslo");
  await agent.getByRole("radio", { name: "Levering på et servicested" }).check();
  await checkPage(agent, "staff-repair-request", project);
  await agent.getByRole("button", { name: "Send forespørselen" }).click();
  await expect(agent.getByRole("heading", { level: 1, name: /^Reparasjon RQ-/ })).toBeVisible();
  const number = await repairNumber(agent);

  // Every centre that serves it turns it down: it waits with customer service, who send it on.
  const centre = serviceCentre(project, testInfo.project.use.baseURL as string);
  for (let turn = 0; turn < 3; turn++)
    if (centre.run("reject", number, "--reason", "Fullt denne uka.").includes("with-customer-service")) break;
  await agent.goto("/staff/repairs?status=with-customer-service");
  const card = agent.getByRole("listitem").filter({ hasText: number });
  await card.getByText("Send til et verksted").click();
  await expect(card.getByLabel("Verksted", { exact: true })).toContainText("har takket nei før");
  await card.getByLabel(/^Notat til loggen/).fill("Ringte verkstedet i Oslo: de tar den likevel.");
  await checkPage(agent, "staff-hand-over", project);
  await card.getByRole("button", { name: "Send reparasjonen" }).click();
  await expect(agent.getByText(/^Reparasjonen er sendt til /)).toBeVisible();
  expect(centre.run("accept", number)).toContain("accepted");
  await staff.close();

  // The owner finds it on the product page, taken by a centre.
  await page.reload();
  const repairs = page.getByRole("region", { name: "Reparasjoner" });
  await expect(repairs.getByRole("link", { name: number })).toBeVisible();
  await expect(repairs.getByText("Tatt av verksted")).toBeVisible();

  // Under My information the owner sees that customer service looked, by role and number only.
  await page.goto("/me");
  const looked = page.getByRole("region", { name: "Hvem har sett på opplysningene mine" });
  await expect(looked.getByText(/^Kundeservice, ansatt nr\. \d+/).first()).toBeVisible();
  await expect(looked.getByText(/deg i et søkeresultat/).first()).toBeVisible();
  await expect(looked.getByText("agent@owner-portal.local")).toHaveCount(0);
  await checkPage(page, "access-log", project);
});
