import { expect, test } from "@playwright/test";
import { E2E_SERVICE_KEY } from "../playwright.config.ts";
import { decodeSerial } from "../src/domain/serial-scheme.ts";
import { findDemoUnit } from "./demo-units.ts";
import { checkPage, signIn } from "./support.ts";

test("a product bought in the web shop shows a confirmed warranty and its timeline", async ({
  page,
  request,
}, testInfo) => {
  // A TV made before the delivery date below (the serial says when).
  const tv = findDemoUnit(
    "tv",
    (u) =>
      u.model === "NX-H24-55" &&
      (decodeSerial(u.serial, { modelYear: 2024 })?.manufacturedOn ?? "9") < "2025-02-01",
  );
  const shop = await request.post("/api/v1/service/confirmations", {
    headers: { "x-service-key": E2E_SERVICE_KEY },
    data: {
      source: "shop-order",
      orderId: `WEB-${Date.now()}`,
      identifier: tv.serial,
      deliveredOn: "2025-02-10",
    },
  });
  expect(shop.ok()).toBe(true);

  await signIn(page);
  await page.goto("/products/register");
  await page.getByLabel("Serienummer eller IMEI").fill(tv.serial);
  await page.getByRole("button", { name: "Registrer", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: tv.names.nb })).toBeVisible();
  await expect(page.getByText("Bekreftet: 10. feb. 2025 til 10. feb. 2027 (24 måneder).")).toBeVisible();
  await expect(page.getByText("Kjøpsdatoen er bekreftet av nettbutikken vår.")).toBeVisible();
  await expect(page.getByText("5 år fra kjøpsdatoen: til 10. feb. 2030.", { exact: false })).toBeVisible();
  const timeline = page.getByRole("list").filter({ hasText: "I dag" });
  await expect(timeline.getByRole("listitem")).toHaveText([
    /10\. feb\. 2025 Kjøpt \(bekreftet\)/,
    /I dag/,
    /10\. feb\. 2027 Produsentgarantien slutter \(bekreftet\)/,
    /10\. feb\. 2030 Fristen for å reklamere går ut \(bekreftet\)/,
  ]);
  await checkPage(page, "product-confirmed", testInfo.project.name);
});
