import { expect, test } from "@playwright/test";
import { checkPage, DEMO_OWNER, newOwner, signIn } from "./support.ts";

test("an owner earns points for My information and redeems them for a code, which stays in the history", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const project = testInfo.project.name;
  await newOwner(page, "Rita Belønning");

  // Filling in My information earns the demo's 100 points, which count at once.
  await page
    .getByRole("navigation", { name: "Hovedmeny" })
    .getByRole("link", { name: "Min informasjon" })
    .click();
  await page.getByLabel("Telefon").fill("+47 912 34 567");
  await page.getByLabel("Adresse").fill("Storgata 1");
  await page.getByLabel("Postnummer").fill("0155");
  await page.getByLabel("Sted").fill("Oslo");
  await page.getByRole("button", { name: "Lagre" }).click();
  await expect(page.getByRole("status")).toHaveText("Lagret.");

  await page.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name: "Min side" }).click();
  const card = page.locator("article.rewards");
  await expect(card.getByText("100 poeng", { exact: true })).toBeVisible();
  await expect(card.getByText("Min informasjon er fylt ut")).toBeVisible();
  await card.getByRole("link", { name: "Se poeng og belønninger" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Poeng og belønninger" })).toBeVisible();
  await expect(page.getByText("Du har 100 poeng å bruke.")).toBeVisible();
  const tvCheck = page.getByRole("listitem").filter({ hasText: "Gratis rens og sjekk av TV" });
  await expect(tvCheck.getByText("Du mangler 500 poeng.")).toBeVisible();
  await checkPage(page, "rewards", project);

  // By keyboard: the button, then the question, which takes the focus.
  const redeem = page.getByRole("button", { name: "Løs inn Gratis frakt" });
  await redeem.focus();
  await page.keyboard.press("Enter");
  // Cancelled, the focus is back on the button that asked; nothing is spent.
  await page.getByRole("button", { name: "Avbryt" }).press("Enter");
  await expect(redeem).toBeFocused();
  await expect(page.getByText("Du har 100 poeng å bruke.")).toBeVisible();
  await page.keyboard.press("Enter");
  const yes = page.getByRole("button", { name: "Ja, løs inn" });
  await expect(page.getByText("Vil du bruke 50 poeng på Gratis frakt?")).toBeVisible();
  await expect(yes).toBeFocused();
  await checkPage(page, "rewards-confirm", project);
  await page.keyboard.press("Enter");

  const done = page.getByRole("status").filter({ hasText: "Du har løst inn Gratis frakt." });
  await expect(done).toBeVisible();
  await expect(done).toBeFocused();
  const code = (await done.locator(".reward-code").textContent())?.trim() ?? "";
  expect(code).toMatch(/^FRAKT-\d{4}$/);
  await expect(page.getByText("Du har 50 poeng å bruke.")).toBeVisible();
  const history = page.locator(".points-history");
  const line = history.getByRole("listitem").filter({ hasText: "Løst inn: Gratis frakt" });
  await expect(line.getByText(`Kode: ${code}`)).toBeVisible();
  await expect(line.getByText("-50")).toBeVisible();
  await checkPage(page, "rewards-redeemed", project);

  // The code is still there on the next visit.
  await page.reload();
  await expect(page.locator(".points-history").getByText(`Kode: ${code}`)).toBeVisible();
});

test("an editor adds a reward, uploads its codes and changes it; the rules are there", async ({
  page,
}, testInfo) => {
  const project = testInfo.project.name;
  await signIn(page, { email: "editor@owner-portal.local", password: DEMO_OWNER.password });
  await page.goto("/admin/rewards");
  await expect(page.getByRole("heading", { level: 1, name: "Belønninger og poengregler" })).toBeVisible();
  await expect(page.getByText(/^Min informasjon fylt ut, Alle kategorier/)).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Gratis frakt" })).toBeVisible();

  const name = `Kinobillett ${Date.now()}`;
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Ny belønning" }) });
  await form.getByLabel("Navn på bokmål").fill(name);
  await form.getByLabel("Navn på engelsk").fill("A cinema ticket");
  await form.getByLabel("Beskrivelse på bokmål").fill("To billetter til valgfri film.");
  await form.getByLabel("Beskrivelse på engelsk").fill("Two tickets for a film of your choice.");
  await form.getByLabel("Pris i poeng").fill("400");
  await form.getByRole("button", { name: "Legg til belønningen" }).click();
  await expect(page.getByText("Belønningen er lagt til.", { exact: false })).toBeVisible();

  const card = page.locator("article", { has: page.getByRole("heading", { level: 3, name }) });
  await card.getByLabel(`Koder til ${name}, én per linje`).fill("KINO-1\nKINO-2\nKINO-3\n");
  await card.getByRole("button", { name: "Last opp kodene" }).click();
  await expect(page.getByText("3 koder lagt til.")).toBeVisible();
  await expect(card.getByText("0 av 3 koder er delt ut")).toBeVisible();
  // The same codes again are refused, and none is added.
  await card.getByLabel(`Koder til ${name}, én per linje`).fill("KINO-3");
  await card.getByRole("button", { name: "Last opp kodene" }).click();
  await expect(page.getByRole("alert")).toContainText("finnes fra før");
  await expect(card.getByText("0 av 3 koder er delt ut")).toBeVisible();

  await card.getByText(`Endre ${name}`).click();
  await card.getByLabel("Pris i poeng").fill("350");
  await card.getByRole("button", { name: "Lagre endringene" }).click();
  await expect(page.getByText("Belønningen er endret.")).toBeVisible();
  await expect(card.getByText(/^350 poeng/)).toBeVisible();
  await checkPage(page, "rewards-admin", project);
});
