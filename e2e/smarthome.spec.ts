import { expect, test } from "@playwright/test";
import { DEMO_SMARTHOME_SECRET } from "../src/config/config.ts";
import { signWebhook } from "../src/features/smarthome/signature.ts";
import { findDemoUnit } from "./demo-units.ts";
import { checkPage, signIn } from "./support.ts";

test("a pairing event arrives and the owner registers the product from Unregistered products", async ({
  page,
  request,
}, testInfo) => {
  const washer = findDemoUnit("washer", undefined, 3);
  const body = JSON.stringify({
    id: `evt-${Date.now()}`,
    type: "device.paired",
    occurredAt: new Date().toISOString(),
    account: { email: "demo@owner-portal.local" },
    device: {
      id: `sh-${washer.serial}`,
      manufacturer: "Nordlys",
      serial: washer.serial,
      name: "Vaskemaskinen",
    },
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const sent = await request.post("/api/v1/webhooks/smarthome", {
    headers: {
      "content-type": "application/json",
      "x-smarthome-timestamp": String(timestamp),
      "x-smarthome-signature": signWebhook(DEMO_SMARTHOME_SECRET, timestamp, body),
    },
    data: body,
  });
  expect(await sent.json()).toEqual({ status: "applied" });

  await signIn(page);
  await page.goto("/products");
  const section = page.getByRole("region", { name: "Uregistrerte produkter" });
  await expect(section.getByRole("heading", { name: washer.names.nb })).toBeVisible();
  await checkPage(page, "unregistered", testInfo.project.name);
  await section.getByRole("button", { name: "Registrer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: washer.names.nb })).toBeVisible();
  await expect(page.getByText("smarthjem-appen")).toBeVisible();
});
