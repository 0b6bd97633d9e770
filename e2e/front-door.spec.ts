import { expect, type Locator, type Page, test } from "@playwright/test";
import { checkPage, newOwner, TERMS_BOX } from "./support.ts";

/** Presses Tab until `target` has focus: the way a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, most = 40) {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error("Tab never reached the element");
}

/** Nothing on the page is wider than the window: no sideways scrolling. */
async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    window: window.innerWidth,
  }));
  expect(widths.page).toBeLessThanOrEqual(widths.window);
}

/** The main menu's links as the reader can reach them: behind the menu button on a phone. */
async function menuLinks(page: Page, width: number): Promise<Locator> {
  const nav = page.getByRole("navigation", { name: /^(Hovedmeny|Main menu)$/ });
  if (width < 768) {
    const toggle = page.getByRole("button", { name: /^(Meny|Menu)$/ });
    if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  }
  await expect(nav).toBeVisible();
  return nav.getByRole("link");
}

/** The header is one row: its height is that of one line of controls. */
async function expectHeaderOneRow(page: Page) {
  const height = await page.locator(".header-row").evaluate((el) => el.getBoundingClientRect().height);
  expect(height).toBeLessThan(70);
}

/** At the narrowest phone width too: one header row, nothing sideways, and a screenshot to look at. */
async function checkAt320(page: Page, name: string, project: string) {
  const original = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoSidewaysScroll(page);
  await expectHeaderOneRow(page);
  await page.screenshot({ path: `e2e/artifacts/${project}/${name}-320.png`, fullPage: true });
  if (original) await page.setViewportSize(original);
}

/** The visible heading of the page is where focus is after a change of page. */
async function expectHeadingFocused(page: Page, name: string | RegExp) {
  await expect(page.getByRole("heading", { level: 1, name })).toBeFocused();
}

for (const width of [360, 1280]) {
  test(`at ${width} px a visitor reads the landing page, signs up by keyboard, confirms and lands signed in`, async ({
    page,
  }, testInfo) => {
    const project = testInfo.project.name;
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    const email = `front.${width}.${Date.now()}@example.com`;

    await page.goto("/");
    await expect(
      page.getByRole("heading", { level: 1, name: "Registrer produktene dine, og få hjelp raskere" }),
    ).toBeVisible();
    for (const benefit of [
      "Raskere hjelp",
      "Bruksanvisninger uten å lete",
      "Reparasjonen, steg for steg",
      "Garantien regnet ut for deg",
      "Forslag som passer til det du har",
    ]) {
      await expect(page.getByRole("heading", { level: 3, name: benefit })).toBeVisible();
    }
    await expectNoSidewaysScroll(page);
    await expectHeaderOneRow(page);
    await checkPage(page, `landing-${width}`, project);
    if (width === 360) await checkAt320(page, "landing", project);

    // A visitor is offered what a visitor can use, nothing that only bounces back to sign-in.
    const visitorMenu = await menuLinks(page, width);
    await expect(visitorMenu).toHaveText(["Forside", "Hjelp", "Opprett konto"]);
    await expect(page.getByRole("contentinfo").getByText("API-dokumentasjon")).toHaveCount(0);
    if (width < 768) {
      await expectNoSidewaysScroll(page);
      await checkPage(page, `landing-menu-${width}`, project);
      await page.getByRole("button", { name: "Meny" }).click();
    }

    // Keyboard only: to the landing page's own sign-up button, and the new page's heading has focus.
    await page.goto("/");
    await tabTo(page, page.getByRole("main").getByRole("link", { name: "Opprett konto" }).first());
    await page.keyboard.press("Enter");
    await expectHeadingFocused(page, "Opprett konto");

    // Sent empty: our own words at each field, in the page's language, and focus on the first.
    await tabTo(page, page.getByRole("button", { name: "Opprett konto" }));
    await page.keyboard.press("Enter");
    const name = page.getByLabel("Navn");
    await expect(name).toBeFocused();
    await expect(name).toHaveAttribute("aria-invalid", "true");
    await expect(name).toHaveAccessibleDescription("Skriv inn navnet ditt.");
    await expect(page.getByLabel("E-post", { exact: true })).toHaveAccessibleDescription(
      "Skriv inn e-postadressen din.",
    );
    await checkPage(page, `sign-up-empty-${width}`, project);

    await page.keyboard.type("Frida Førstegang");
    await page.keyboard.press("Tab");
    await page.keyboard.type("frida");
    await page.keyboard.press("Tab");
    await page.keyboard.type("kort");
    await page.keyboard.press("Enter");
    const emailField = page.getByLabel("E-post", { exact: true });
    await expect(emailField).toBeFocused();
    await expect(emailField).toHaveAccessibleDescription("Skriv e-postadressen slik: navn@eksempel.no.");
    await expect(page.getByLabel("Passord")).toHaveAccessibleDescription(/Passordet må ha minst 10 tegn\./);
    await emailField.fill("");
    await page.keyboard.type(email);
    await page.keyboard.press("Tab");
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("et langt passord");
    await tabTo(page, page.getByLabel(TERMS_BOX));
    await page.keyboard.press("Space");
    await tabTo(page, page.getByRole("button", { name: "Opprett konto" }));
    await page.keyboard.press("Enter");
    await expect(page.getByText(`Vi har sendt en e-post til ${email}`)).toBeVisible();
    // The form is gone; focus is on the heading of what comes next, not on the page's body.
    await expectHeadingFocused(page, "Opprett konto");

    await expect(async () => {
      await page.goto("/dev/mail");
      await expect(page.getByText(`Til: ${email}`)).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    const link = page
      .locator("article", { hasText: `Til: ${email}` })
      .first()
      .getByRole("link");
    await tabTo(page, link, 200);
    await page.keyboard.press("Enter");

    // Confirmed and signed in at once: My Page, without the password again.
    await expect(page.getByText("E-postadressen er bekreftet, og du er logget inn.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Velkommen, Frida Førstegang!" })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectHeaderOneRow(page);
    await checkPage(page, `verified-my-page-${width}`, project);
    if (width === 360) await checkAt320(page, "verified-my-page", project);
    const ownerMenu = await menuLinks(page, width);
    for (const label of ["Min side", "Mine produkter", "Hjelp", "Min informasjon"]) {
      await expect(ownerMenu.filter({ hasText: label })).toHaveCount(1);
    }
    await expect(page.getByRole("contentinfo").getByText("API-dokumentasjon")).toHaveCount(0);
    if (width >= 768) {
      // One row of menu at the width of a laptop.
      const tops = await ownerMenu.evaluateAll((links) => links.map((l) => l.getBoundingClientRect().top));
      expect(new Set(tops).size).toBe(1);
    } else {
      await expectNoSidewaysScroll(page);
      await checkPage(page, `owner-menu-${width}`, project);
    }
    await page
      .getByRole("navigation", { name: "Hovedmeny" })
      .getByRole("link", { name: "Min informasjon" })
      .click();
    await expectHeadingFocused(page, "Min informasjon");
  });
}

test("an owner who signs in before confirming gets the new link the page promises, and it signs them in", async ({
  page,
}, testInfo) => {
  const email = `early.${Date.now()}@example.com`;
  await page.goto("/signup");
  await page.getByLabel("Navn").fill("Tidlig Tor");
  await page.getByLabel("E-post", { exact: true }).fill(email);
  await page.getByLabel("Passord").fill("et langt passord");
  await page.getByLabel(TERMS_BOX).check();
  await page.getByRole("button", { name: "Opprett konto" }).click();
  await expect(page.getByText(`Vi har sendt en e-post til ${email}`)).toBeVisible();

  await page.goto("/signin");
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Passord").fill("et langt passord");
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Bekreft e-postadressen før du logger inn. Vi har sendt deg en ny lenke.",
  );
  await checkPage(page, "sign-in-unconfirmed", testInfo.project.name);

  await expect(async () => {
    await page.goto("/dev/mail");
    await expect(page.locator("article", { hasText: `Til: ${email}` })).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page
    .locator("article", { hasText: `Til: ${email}` })
    .first()
    .getByRole("link")
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Velkommen, Tidlig Tor!" })).toBeVisible();
});

test("the sign-in form speaks the page's language, not the browser's", async ({ page }, testInfo) => {
  await page.goto("/signin");
  await page.locator("#language-switch").selectOption("en");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.getByRole("button", { name: "Sign in" }).click();
  const email = page.getByLabel("Email");
  await expect(email).toBeFocused();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription("Enter your email address.");
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription("Enter your password.");
  await checkPage(page, "sign-in-empty-en", testInfo.project.name);
  await email.fill("kari.example.no");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(email).toHaveAccessibleDescription("Write the email address like this: name@example.com.");
  await page.locator("#language-switch").selectOption("nb");
  await expect(page.getByRole("heading", { level: 1, name: "Logg inn" })).toBeVisible();
});

test("the language is one choice: the header and My information agree, and saving keeps it", async ({
  page,
}, testInfo) => {
  await newOwner(page, "Språk Sigrid");
  await page.goto("/me");
  await expect(page.getByRole("heading", { level: 1, name: "Min informasjon" })).toBeVisible();
  const saved = page.waitForResponse(
    (r) => r.url().endsWith("/api/v1/me") && r.request().method() === "PATCH",
  );
  await page.locator("#language-switch").selectOption("en");
  await saved;
  await expect(page.getByRole("heading", { level: 1, name: "My information" })).toBeVisible();
  await expect(page.getByLabel("Language for emails and this site")).toHaveValue("en");

  await page.getByLabel("Phone").fill("+47 912 34 567");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "My information" })).toBeVisible();
  await expect(page.locator("#language-switch")).toHaveValue("en");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "My information" })).toBeVisible();
  await checkPage(page, "my-information-en", testInfo.project.name);

  const back = page.waitForResponse(
    (r) => r.url().endsWith("/api/v1/me") && r.request().method() === "PATCH",
  );
  await page.getByLabel("Language for emails and this site").selectOption("nb");
  await back;
  await expect(page.getByRole("heading", { level: 1, name: "Min informasjon" })).toBeVisible();
  await expect(page.locator("#language-switch")).toHaveValue("nb");
  await page.reload();
  await expect(page.getByLabel("Språk for e-post og nettsiden")).toHaveValue("nb");
});

test("My information checks the postcode for the country and fills in the place from it", async ({
  page,
}, testInfo) => {
  await newOwner(page, "Post Per");
  await page.goto("/me");
  const postcode = page.getByLabel("Postnummer");
  for (const typed of ["12", "ABCD"]) {
    await postcode.fill(typed);
    await page.getByRole("button", { name: "Lagre" }).click();
    await expect(postcode).toBeFocused();
    await expect(postcode).toHaveAttribute("aria-invalid", "true");
    await expect(postcode).toHaveAccessibleDescription(
      "Et norsk postnummer har fire sifre, for eksempel 0155.",
    );
  }
  await checkPage(page, "my-information-postcode-invalid", testInfo.project.name);

  await postcode.fill("5003");
  await expect(page.getByLabel("Sted")).toHaveValue("BERGEN");
  await expect(page.getByText("Stedet er fylt inn ut fra postnummeret.")).toBeVisible();
  await postcode.fill("9008");
  await expect(page.getByLabel("Sted")).toHaveValue("TROMSØ");
  await page.getByRole("button", { name: "Lagre" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Lagret." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Postnummer")).toHaveValue("9008");
  await expect(page.getByLabel("Sted")).toHaveValue("TROMSØ");

  // A place the owner wrote is theirs: a new postcode does not overwrite it.
  await page.getByLabel("Sted").fill("Tromsdalen");
  await page.getByLabel("Postnummer").fill("9010");
  await page.getByRole("button", { name: "Lagre" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Lagret." })).toBeVisible();
  await expect(page.getByLabel("Sted")).toHaveValue("Tromsdalen");
});
