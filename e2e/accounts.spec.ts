import { expect, test } from "@playwright/test";
import { checkPage, TERMS_BOX } from "./support.ts";

test("a new person signs up, confirms the email, edits My information, switches language and signs out", async ({
  page,
}, testInfo) => {
  const project = testInfo.project.name;
  const email = `nora.${Date.now()}@example.com`;

  await page.goto("/signup");
  await expect(page.getByRole("heading", { level: 1, name: "Opprett konto" })).toBeVisible();
  await checkPage(page, "sign-up", project);
  await page.getByLabel("Navn").fill("Nora Nordmann");
  await page.getByLabel("E-post", { exact: true }).fill(email);
  await page.getByLabel("Passord").fill("et langt passord");
  // Without the terms accepted, the form says so by the box and sends nothing.
  await page.getByRole("button", { name: "Opprett konto" }).click();
  await expect(
    page.getByText("Kryss av for å godta vilkårene for bruk før du oppretter kontoen."),
  ).toBeVisible();
  await expect(page.getByLabel(TERMS_BOX)).toBeFocused();
  await checkPage(page, "sign-up-terms-missing", project);
  await page.getByLabel(TERMS_BOX).check();
  await page.getByRole("button", { name: "Opprett konto" }).click();
  await expect(page.getByText(`Vi har sendt en e-post til ${email}`)).toBeVisible();

  // The mail arrives in the demo mailbox (the outbox worker runs every half second).
  await expect(async () => {
    await page.goto("/dev/mail");
    await expect(page.getByText(`Til: ${email}`)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await checkPage(page, "dev-mail", project);
  const mail = page.locator("article", { hasText: `Til: ${email}` }).first();
  await expect(mail.getByRole("heading", { name: "Bekreft e-postadressen din" })).toBeVisible();
  await mail.getByRole("link").click();

  // The link confirms the address and signs the owner in: My Page, without typing the password again.
  await expect(page.getByText("E-postadressen er bekreftet, og du er logget inn.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Velkommen, Nora Nordmann!" })).toBeVisible();
  await checkPage(page, "my-page", project);

  await page
    .getByRole("navigation", { name: "Hovedmeny" })
    .getByRole("link", { name: "Min informasjon" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Min informasjon" })).toBeVisible();
  await page.getByLabel("Telefon").fill("+47 912 34 567");
  await page.getByLabel("Adresse").fill("Storgata 1");
  await page.getByLabel("Postnummer").fill("0155");
  await page.getByLabel("Sted").fill("Oslo");
  await page.getByRole("button", { name: "Lagre" }).click();
  await expect(page.getByRole("status")).toHaveText("Lagret.");
  await checkPage(page, "my-information", project);
  await page.reload();
  await expect(page.getByLabel("Adresse")).toHaveValue("Storgata 1");

  await page.getByLabel("Språk", { exact: true }).selectOption("en");
  await expect(page.getByRole("heading", { level: 1, name: "My information" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "My information" })).toBeVisible();

  await page.getByRole("link", { name: "Support" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Support and contact" })).toBeVisible();
  await checkPage(page, "support", project);
  await page.getByRole("link", { name: "My products" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My products" })).toBeVisible();
  await checkPage(page, "my-products", project);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.goto("/me");
  await expect(page).toHaveURL(/\/signin\?next=%2Fme/);
});

test("a guessable password is refused at sign-up with a sentence that says why", async ({
  page,
}, testInfo) => {
  await page.goto("/signup");
  await page.getByLabel("Navn").fill("Per Hansen");
  await page.getByLabel("E-post", { exact: true }).fill(`per.${Date.now()}@example.com`);
  await page.getByLabel("Passord").fill("password12");
  await page.getByLabel(TERMS_BOX).check();
  await page.getByRole("button", { name: "Opprett konto" }).click();
  await expect(page.getByText("Passordet er for lett å gjette.")).toBeVisible();
  await checkPage(page, "sign-up-weak-password", testInfo.project.name);
});

test("a wrong password and an unknown page get clear answers", async ({ page }, testInfo) => {
  await page.goto("/signin");
  await page.getByLabel("E-post").fill("demo@owner-portal.local");
  await page.getByLabel("Passord").fill("not the right one");
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByRole("alert")).toHaveText("Feil e-post eller passord.");
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1, name: "Siden finnes ikke" })).toBeVisible();
  await checkPage(page, "not-found", testInfo.project.name);
});

test("a password reset with a link that no longer works says so in the reader's language", async ({
  page,
}, testInfo) => {
  await page.goto("/reset-password?token=not-a-token-we-sent");
  await expect(page.getByRole("heading", { level: 1, name: "Velg nytt passord" })).toBeVisible();
  await page.getByLabel("Nytt passord").fill("tre lange ord etter hverandre");
  await page.getByRole("button", { name: "Lagre nytt passord" }).click();
  await expect(page.getByRole("alert")).toHaveText("Lenken er ugyldig eller utløpt.");
  await checkPage(page, "reset-password-invalid", testInfo.project.name);
});
