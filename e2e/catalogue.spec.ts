import { expect, test } from "@playwright/test";
import { checkPage } from "./support.ts";

test("the serial-number guides show in Norwegian and in English, with their drawings", async ({
  page,
}, testInfo) => {
  const project = testInfo.project.name;
  await page.goto("/guides");
  await expect(
    page.getByRole("heading", { level: 1, name: "Slik finner du serienummeret eller IMEI" }),
  ).toBeVisible();
  await expect(page.getByText("Lagringsenheter", { exact: false }).first()).toBeVisible();
  await checkPage(page, "guides", project);

  await page.getByRole("link", { name: "Mobiltelefon" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Finn serienummeret: Mobiltelefon" }),
  ).toBeVisible();
  await expect(page.getByText("Bruk IMEI (15 sifre) eller serienummeret (11 tegn).")).toBeVisible();
  await expect(page.getByText("*#06#")).toBeVisible();
  const drawing = page.getByRole("img", { name: /merkelappen/ });
  await expect(drawing).toBeVisible();
  expect(await drawing.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await checkPage(page, "guide-phone", project);

  await page.getByLabel("Språk", { exact: true }).selectOption("en");
  await expect(
    page.getByRole("heading", { level: 1, name: "Find the serial number: Mobile phone" }),
  ).toBeVisible();
  await expect(
    page.getByText("Use the IMEI (15 digits) or the serial number (11 characters)."),
  ).toBeVisible();
  await expect(page.getByText("dial *#06#")).toBeVisible();

  await page.goto("/guides/tv");
  await expect(page.getByText("The serial number has 15 characters.")).toBeVisible();
  await checkPage(page, "guide-tv", project);
});
