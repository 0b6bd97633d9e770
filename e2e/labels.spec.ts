import { mkdirSync, writeFileSync } from "node:fs";
import { chromium, expect, test } from "@playwright/test";
import { codePng, photo, photoY4m } from "../test/label-images.ts";
import { findDemoUnit } from "./demo-units.ts";
import { checkPage, signIn } from "./support.ts";

const PHONE_GTIN = "07090010100510"; // NX-P24-128 in the demo catalogue
const FRIDGE_GTIN = "07090010900219"; // NX-RF24-195

function digitalLink(gtin: string, serial: string) {
  return `https://id.nordlys.example/01/${gtin}/21/${serial}`;
}

test("an owner uploads a photo of a fridge's QR label and registers it", async ({ page }, testInfo) => {
  const fridge = findDemoUnit("fridge", (u) => u.model === "NX-RF24-195", 1);
  const image = photo(await codePng(digitalLink(FRIDGE_GTIN, fridge.serial)), { scale: 2, degrees: 6 });
  await signIn(page);
  await page.goto("/products");
  await page.getByRole("link", { name: "Skann merkelappen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Skann merkelappen" })).toBeVisible();
  await checkPage(page, "scan", testInfo.project.name);
  await page
    .getByLabel("Velg et bilde av merkelappen")
    .setInputFiles({ name: "label.png", mimeType: "image/png", buffer: Buffer.from(image) });
  await expect(page.getByText(`Fant ${fridge.names.nb}.`)).toBeVisible({ timeout: 20_000 });
  await page.getByRole("button", { name: `Registrer ${fridge.names.nb}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: fridge.names.nb })).toBeVisible();
  await expect(page.getByText("nettsiden (QR-kode)")).toBeVisible();
});

test("a label of a product the owner has registered already is explained, not shown as a fault", async ({
  page,
}, testInfo) => {
  const fridge = findDemoUnit("fridge", (u) => u.model === "NX-RF24-195", 3);
  const image = Buffer.from(photo(await codePng(digitalLink(FRIDGE_GTIN, fridge.serial))));
  await signIn(page);
  for (const attempt of [1, 2]) {
    await page.goto("/products/scan");
    await page
      .getByLabel("Velg et bilde av merkelappen")
      .setInputFiles({ name: "label.png", mimeType: "image/png", buffer: image });
    await page.getByRole("button", { name: `Registrer ${fridge.names.nb}` }).click({ timeout: 20_000 });
    if (attempt === 1)
      await expect(page.getByRole("heading", { level: 1, name: fridge.names.nb })).toBeVisible();
  }
  await expect(page.getByRole("alert")).toHaveText("Du har allerede registrert dette produktet.");
  await checkPage(page, "scan-already-yours", testInfo.project.name);
});

test("the smart-home pairing code is explained, and a phone's QR code leads to the IMEI form", async ({
  page,
}) => {
  await signIn(page, { locale: "en" });
  await page.goto("/products/scan");
  await page.getByLabel("Choose a photo of the label").setInputFiles({
    name: "pairing.png",
    mimeType: "image/png",
    buffer: Buffer.from(photo(await codePng("SH:1:K3QF7ZC2MA:40213377"))),
  });
  await expect(
    page.getByText("This is the code for pairing the product in the smart-home app, not for registration."),
  ).toBeVisible({ timeout: 20_000 });

  const phone = findDemoUnit("phone", (u) => u.model === "NX-P24-128");
  await page.getByLabel("Choose a photo of the label").setInputFiles({
    name: "phone.png",
    mimeType: "image/png",
    buffer: Buffer.from(photo(await codePng(digitalLink(PHONE_GTIN, phone.serial)))),
  });
  await expect(
    page.getByText("This type of product is registered by serial number or IMEI, not by QR code."),
  ).toBeVisible({ timeout: 20_000 });
  await page.getByRole("link", { name: "Type the serial number or IMEI" }).click();
  await expect(page).toHaveURL(/\/products\/register\?type=phone$/);
  await expect(page.getByLabel("Type of product (optional)")).toHaveValue("phone");
});

// biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a test wants from this pattern; this one launches its own browser.
test("the camera reads a label from a (fake) video stream and the product is registered", async ({}, testInfo) => {
  const fridge = findDemoUnit("fridge", (u) => u.model === "NX-RF24-195", 2);
  mkdirSync("test-results", { recursive: true });
  const video = `test-results/label-${testInfo.project.name}.y4m`;
  writeFileSync(
    video,
    photoY4m(await codePng(digitalLink(FRIDGE_GTIN, fridge.serial)), { width: 640, height: 480, scale: 1.2 }),
  );
  const launch = testInfo.project.use.launchOptions ?? {};
  const browser = await chromium.launch({
    ...launch,
    args: [
      ...(launch.args ?? []),
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  try {
    const page = await browser.newPage({ baseURL: testInfo.project.use.baseURL as string });
    await signIn(page);
    await page.goto("/products/scan");
    await page.getByRole("button", { name: "Bruk kameraet" }).click();
    await expect(page.getByText(`Fant ${fridge.names.nb}.`)).toBeVisible({ timeout: 30_000 });
    await page.getByRole("button", { name: `Registrer ${fridge.names.nb}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: fridge.names.nb })).toBeVisible();
  } finally {
    await browser.close();
  }
});

test("a product registered through the members-app API shows on the web page at once", async ({
  page,
  request,
}) => {
  const tv = findDemoUnit("tv", (u) => u.model === "NX-H25-77");
  const signInResponse = await request.post("/api/auth/sign-in/email", {
    data: { email: "demo@owner-portal.local", password: "demo-owner-2026" },
  });
  expect(signInResponse.ok()).toBe(true);
  const app = { authorization: `Bearer ${signInResponse.headers()["set-auth-token"]}` };
  const consent = await request.get("/api/v1/app/consent", { headers: app });
  await request.post("/api/v1/app/consent", {
    headers: app,
    data: { textVersion: (await consent.json()).currentVersion },
  });
  const registered = await request.post("/api/v1/labels/register", {
    headers: app,
    data: { payload: tv.serial, format: "Code128" },
  });
  expect(registered.status()).toBe(201);

  await signIn(page, { locale: "en" });
  await page.goto("/products");
  await page.getByRole("link", { name: tv.names.en }).click();
  await expect(page.getByText("the app (barcode)")).toBeVisible();
});

test("without a camera the scan page says so and offers the photo instead", async ({ page }) => {
  await signIn(page, { locale: "en" });
  await page.goto("/products/scan");
  await page.getByRole("button", { name: "Use the camera" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    /We cannot find a camera|The browser was not allowed to use the camera/,
  );
  await expect(page.getByLabel("Choose a photo of the label")).toBeVisible();
});
