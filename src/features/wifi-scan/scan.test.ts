import { createSocket, type Socket } from "node:dgram";
import { createServer, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCli } from "../../../test/cli-process.ts";
import { freshOwner, freshUnit } from "../../../test/factories.ts";
import { seedCatalogue } from "../../../test/fixtures.ts";
import { dialects, startTestApp, type TestApp } from "../../../test/harness.ts";
import { scanNetwork } from "./scan.ts";

const description = (manufacturer: string, serial: string, udn: string) => `<?xml version="1.0"?>
<root xmlns="urn:schemas-upnp-org:device-1-0"><device>
  <friendlyName>Stue-TV</friendlyName><manufacturer>${manufacturer}</manufacturer>
  <modelName>Horizon OLED 55</modelName><modelNumber>NX-H24-55</modelNumber>
  <serialNumber>${serial}</serialNumber><UDN>${udn}</UDN>
</device></root>`;

/** A serial no unit has: enough for the scan itself, which never asks the portal. */
const SOME_SERIAL = "TVH55HAT3000071";

/**
 * A simulated home network on loopback: an SSDP responder and the devices' description server,
 * with our TV of the given serial among a stranger's device and broken answers.
 */
async function simulatedNetwork(serial = SOME_SERIAL) {
  const pages: Record<string, string> = {
    "/ours.xml": description("Nordlys", serial, "uuid:tv-1"),
    "/theirs.xml": description("OtherBrand", "XYZ", "uuid:other-1"),
    "/broken.xml": "<root><device><UDN>uuid:x</device>",
    "/huge.xml": `<root>${"x".repeat(200_000)}</root>`,
  };
  const http: Server = createServer((request, response) => {
    const page = pages[request.url ?? ""];
    if (!page) {
      response.statusCode = 404;
      response.end();
      return;
    }
    response.setHeader("content-type", "text/xml");
    response.end(page);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const httpPort = (http.address() as { port: number }).port;
  const udp: Socket = createSocket("udp4");
  const searches: string[] = [];
  udp.on("message", (message, remote) => {
    searches.push(message.toString());
    for (const path of Object.keys(pages)) {
      const answer = `HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nST: upnp:rootdevice\r\nUSN: uuid:${path}::upnp:rootdevice\r\nLOCATION: http://127.0.0.1:${httpPort}${path}\r\n\r\n`;
      udp.send(answer, remote.port, remote.address);
    }
  });
  await new Promise<void>((resolve) => udp.bind(0, "127.0.0.1", resolve));
  return {
    port: udp.address().port,
    searches,
    close: async () => {
      udp.close();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

describe("the Wi-Fi scan against a simulated UPnP device on loopback", () => {
  let network: Awaited<ReturnType<typeof simulatedNetwork>>;
  beforeAll(async () => {
    network = await simulatedNetwork();
  });
  afterAll(() => network.close());

  it("sends an M-SEARCH, reads the descriptions, keeps our brand and says why it skipped the rest", async () => {
    const report = await scanNetwork({
      brand: "Nordlys",
      host: "127.0.0.1",
      port: network.port,
      timeoutMs: 800,
    });
    expect(network.searches[0]).toMatch(/^M-SEARCH \* HTTP\/1\.1\r\n/);
    expect(network.searches[0]).toContain('MAN: "ssdp:discover"');
    expect(report.devices).toEqual([
      expect.objectContaining({
        manufacturer: "Nordlys",
        modelNumber: "NX-H24-55",
        serialNumber: SOME_SERIAL,
        udn: "uuid:tv-1",
      }),
    ]);
    expect(report.skipped.map((s) => s.reason).sort()).toEqual([
      "made by OtherBrand",
      "malformed",
      "too-large",
    ]);
  });
});

for (const dialect of dialects()) {
  describe(`scanned devices reach Unregistered products on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      await seedCatalogue(t.database);
    });
    afterAll(() => t.close());

    it("offers our device with a known serial and keeps a stranger's device out", async () => {
      const owner = await freshOwner(t);
      const tv = await freshUnit(t, "tv");
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/discovered",
        headers: { authorization: `Bearer ${owner.token}` },
        payload: {
          devices: [
            {
              udn: "uuid:tv-1",
              manufacturer: "Nordlys",
              modelName: "Horizon OLED 55",
              modelNumber: tv.model,
              serialNumber: tv.serial,
            },
            { udn: "uuid:tv-2", manufacturer: "Nordlys", modelName: "Old TV", serialNumber: null },
          ],
        },
      });
      expect(res.json()).toEqual({
        devices: [
          { udn: "uuid:tv-1", offered: true },
          { udn: "uuid:tv-2", offered: false },
        ],
      });
      const list = (
        await t.app.inject({ method: "GET", url: "/api/v1/registrations", headers: { cookie: owner.cookie } })
      ).json().unregistered;
      expect(list).toHaveLength(2);
      const offered = list.find((d: { offered: boolean }) => d.offered);
      expect(offered).toMatchObject({ source: "wifi", model: { code: tv.model } });
    });
  });
}

describe("npm run cli -- scan --send", () => {
  it("finds our TV on the simulated network, signs in by device code with a scanner token and puts it under Unregistered products", async () => {
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const base = `http://127.0.0.1:${port}`;
    const t = await startTestApp("sqlite", { PUBLIC_URL: base });
    await seedCatalogue(t.database);
    const tv = await freshUnit(t, "tv");
    const network = await simulatedNetwork(tv.serial);
    try {
      await t.app.listen({ port, host: "127.0.0.1" });
      const owner = await freshOwner(t);
      const cli = startCli(
        ["scan", "--send", "--host", "127.0.0.1", "--port", String(network.port), "--timeout", "800"],
        base,
      );
      const code = await cli.userCode();
      const asking = await t.app.inject({
        method: "GET",
        url: `/api/v1/device/${code}`,
        headers: { cookie: owner.cookie },
      });
      expect(asking.json()).toMatchObject({ client: "scanner", model: null, serialMasked: null });
      const decision = await t.app.inject({
        method: "POST",
        url: `/api/v1/device/${code}/decision`,
        headers: owner.headers,
        payload: { approve: true },
      });
      expect(decision.statusCode).toBe(204);
      expect(await cli.exited).toBe(0);
      expect(cli.output()).toContain("1 device(s) of Nordlys found.");
      const list = (
        await t.app.inject({ method: "GET", url: "/api/v1/registrations", headers: { cookie: owner.cookie } })
      ).json().unregistered;
      expect(list).toEqual([
        expect.objectContaining({
          source: "wifi",
          offered: true,
          model: expect.objectContaining({ code: tv.model }),
        }),
      ]);
      // The scanner got a scanner token of its own, for two hours, not the owner's session.
      const tokens = await t.database.db
        .selectFrom("device_token")
        .select(["client", "client_id", "created_at", "expires_at"])
        .where("owner_id", "=", owner.userId)
        .execute();
      expect(tokens).toHaveLength(1);
      expect(tokens[0]).toMatchObject({ client: "scanner", client_id: "wifi-scan" });
      const lifetime = Date.parse(String(tokens[0]?.expires_at)) - Date.parse(String(tokens[0]?.created_at));
      expect(lifetime).toBe(2 * 60 * 60 * 1000);
    } finally {
      await t.close();
      await network.close();
    }
  }, 40_000);
});
