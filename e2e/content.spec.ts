import { expect, type Page, test } from "@playwright/test";
import { bannerPng } from "../src/features/content/demo-image.ts";
import { findDemoUnit } from "./demo-units.ts";
import { checkPage, newOwner, signIn } from "./support.ts";

const EDITOR = { email: "editor@owner-portal.local", password: "demo-owner-2026" };

async function register(page: Page, serial: string, name: string) {
  await page.goto("/products/register");
  await page.getByLabel("Serienummer eller IMEI").fill(serial);
  await page.getByRole("button", { name: "Registrer", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name: "Min side" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Velkommen");
}

/** The titles of every slide of the carousel, read by moving through it with the Next button. */
async function slideTitles(page: Page): Promise<string[]> {
  const carousel = page.getByRole("region", { name: "Nyheter" });
  const next = carousel.getByRole("button", { name: "Neste nyhet" });
  // One announcement has no controls: it is the only slide.
  const position =
    (await next.count()) > 0
      ? await carousel
          .getByText(/^1 av \d$/)
          .first()
          .textContent()
      : "1 av 1";
  const count = Number(position?.split(" av ")[1] ?? "1");
  const titles: string[] = [];
  for (let i = 0; i < count; i++) {
    titles.push((await carousel.getByRole("heading", { level: 2 }).textContent()) ?? "");
    if (count > 1) await next.click();
  }
  return titles;
}

test("an editor publishes an announcement for phone owners: a phone owner sees it on My Page, an oven owner does not", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const title = `Batteritips for telefonen ${Date.now()}`;
  const phone = findDemoUnit("phone", (u) => u.model === "NX-A22-64", 2);
  const oven = findDemoUnit("oven", undefined, 2);

  await signIn(page, EDITOR);
  await page.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name: "Innhold" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Innhold for eiere" })).toBeVisible();
  await checkPage(page, "editor", project);

  await page.getByRole("button", { name: "Ny nyhet eller toppmelding" }).click();
  await page.getByLabel("Tittel på bokmål", { exact: true }).fill(title);
  await page
    .getByLabel("Tekst på bokmål", { exact: true })
    .fill("Lad telefonen til 80 prosent for et lengre batteriliv.");
  await page
    .getByLabel("Tekst på engelsk", { exact: true })
    .fill("Charge your phone to 80 per cent for a longer battery life.");
  await page.getByLabel("Hvem skal se den?", { exact: true }).selectOption("category");
  await page.getByLabel("Produkttype", { exact: true }).selectOption("phone");
  // Without the English title the draft is refused, and the reason is said in the page's language.
  await page.getByRole("button", { name: "Lagre som utkast" }).click();
  await expect(page.getByRole("alert")).toContainText("Teksten mangler på ett av språkene.");
  await page.getByLabel("Tittel på engelsk", { exact: true }).fill("Battery tips for your phone");
  await page.getByLabel("Bilde (valgfritt)").setInputFiles({
    name: "batteri.png",
    mimeType: "image/png",
    buffer: Buffer.from(bannerPng(640, 200, [120, 40, 140])),
  });
  await expect(page.getByText("Bildet er lastet opp.")).toBeVisible();
  await page.getByLabel("Hva bildet viser, på bokmål (for dem som ikke ser det)").fill("Lilla flate");
  await page.getByLabel("Hva bildet viser, på engelsk").fill("A purple field");
  await page.getByRole("button", { name: "Lagre som utkast" }).click();
  await expect(page.getByText("Utkastet er lagret.")).toBeVisible();

  const preview = page.getByRole("region", { name: "Forhåndsvisning" });
  await expect(preview.getByText("Utkast: ingen ser den før du publiserer.")).toBeVisible();
  await expect(preview.getByRole("heading", { name: title })).toBeVisible();
  await expect(preview.getByRole("img", { name: "Lilla flate" })).toBeVisible();
  await checkPage(page, "editor-preview", project);
  await page.getByRole("button", { name: `Publiser «${title}»` }).click();
  await expect(page.getByText("Publisert. Eierne den gjelder, ser den i perioden du valgte.")).toBeVisible();
  await page.getByRole("button", { name: "Logg ut" }).click();

  // A phone owner who asks for reduced motion: the carousel stands still until they move it.
  await page.emulateMedia({ reducedMotion: "reduce" });
  await newOwner(page, "Pia Telefon");
  await register(page, phone.serial, phone.names.nb);
  const carousel = page.getByRole("region", { name: "Nyheter" });
  await expect(carousel.getByRole("heading", { level: 2, name: title })).toBeVisible();
  await expect(carousel.getByRole("button", { name: "Start automatisk bytte" })).toBeVisible();
  await expect(carousel.getByRole("img", { name: "Lilla flate" })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Melding fra oss" })).toContainText(
    "Velkommen til nye Min side",
  );
  // The FAQ has the general questions and the phone's, not the other product types'.
  await expect(page.getByText("Hvor finner jeg IMEI-nummeret?")).toBeVisible();
  await expect(page.getByText("Hvor står serienummeret på TV-en?")).toHaveCount(0);
  await checkPage(page, "my-page-announcements", project);

  // The keyboard moves it: the Next button, then the arrow keys; each slide says where it is.
  const next = carousel.getByRole("button", { name: "Neste nyhet" });
  await next.focus();
  await page.keyboard.press("Enter");
  await expect(carousel.getByRole("group", { name: /^2 av \d$/ })).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(carousel.getByRole("group", { name: /^1 av \d$/ })).toBeVisible();
  await expect(carousel.getByRole("heading", { level: 2, name: title })).toBeVisible();
  await page.getByRole("button", { name: "Logg ut" }).click();

  // An oven owner never meets it, on any slide.
  await newOwner(page, "Ola Ovn");
  await register(page, oven.serial, oven.names.nb);
  await expect(page.getByRole("region", { name: "Nyheter" })).toBeVisible();
  expect(await slideTitles(page)).not.toContain(title);
  await expect(page.getByText("Hvor finner jeg IMEI-nummeret?")).toHaveCount(0);
});
