import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Fails the test with the list of violations when axe-core finds any on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, "axe-core violations").toEqual([]);
}

/** Screenshots of the page at phone (360 px) and desktop (1280 px) width, under e2e/artifacts/. */
export async function screenshots(page: Page, name: string, project: string) {
  const original = page.viewportSize();
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    await page.screenshot({ path: `e2e/artifacts/${project}/${name}-${width}.png`, fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/** Axe check plus both screenshots: what every page of a journey gets. */
export async function checkPage(page: Page, name: string, project: string) {
  await expectAccessible(page);
  await screenshots(page, name, project);
}

/** The sign-up form's box for the terms of use and the privacy notice. */
export const TERMS_BOX = /^Jeg godtar vilkårene for bruk/;

export const DEMO_OWNER = { email: "demo@owner-portal.local", password: "demo-owner-2026" };

/**
 * Signs in (the demo owner by default) and switches the page to `locale`: the language is stored
 * on the account, so each test sets the one it reads in.
 */
export async function signIn(
  page: Page,
  {
    email = DEMO_OWNER.email,
    password = DEMO_OWNER.password,
    locale = "nb",
  }: { email?: string; password?: string; locale?: "nb" | "en" } = {},
) {
  await page.goto("/signin");
  await page.getByLabel(/^(E-post|Email)$/).fill(email);
  await page.getByLabel(/^(Passord|Password)$/).fill(password);
  await page.getByRole("button", { name: /^(Logg inn|Sign in)$/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/Velkommen|Welcome/);
  // The page may show its first language before the account's (and its messages) arrive: let the
  // page settle, then look again until it shows `locale`, switching when it shows the other one.
  await page.waitForLoadState("networkidle");
  await expect(async () => {
    const current = await page.locator("html").getAttribute("lang");
    if (current !== locale) {
      // The choice is saved on the account; wait for it, or the next page load brings the old one back.
      const saved = page.waitForResponse(
        (r) => r.url().endsWith("/api/v1/me") && r.request().method() === "PATCH",
      );
      await page.locator("#language-switch").selectOption(locale);
      await saved;
    }
    await expect(page.locator("html")).toHaveAttribute("lang", locale, { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
}

/**
 * A new owner, as a person becomes one: signs up and confirms the address from the demo mailbox,
 * which signs them in. Returns the address; the page is signed in, in Norwegian.
 */
export async function newOwner(page: Page, name: string): Promise<string> {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}.${Date.now()}@example.com`;
  const password = "et langt passord";
  await page.goto("/signup");
  await page.getByLabel("Navn").fill(name);
  await page.getByLabel("E-post", { exact: true }).fill(email);
  await page.getByLabel("Passord").fill(password);
  await page.getByLabel(TERMS_BOX).check();
  await page.getByRole("button", { name: "Opprett konto" }).click();
  await expect(page.getByText(`Vi har sendt en e-post til ${email}`)).toBeVisible();
  await expect(async () => {
    await page.goto("/dev/mail");
    await expect(page.getByText(`Til: ${email}`)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page
    .locator("article", { hasText: `Til: ${email}` })
    .first()
    .getByRole("link")
    .click();
  // The link signs the new owner in (in the language they signed up in) and opens My Page.
  await expect(page.getByText("E-postadressen er bekreftet, og du er logget inn.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Velkommen");
  await expect(page.locator("html")).toHaveAttribute("lang", "nb");
  return email;
}
