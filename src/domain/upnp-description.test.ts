import { describe, expect, it } from "vitest";
import { MAX_DESCRIPTION_BYTES, parseDeviceDescription } from "./upnp-description.ts";

const description = `<?xml version="1.0"?>
<root xmlns="urn:schemas-upnp-org:device-1-0">
  <specVersion><major>1</major><minor>0</minor></specVersion>
  <device>
    <deviceType>urn:schemas-upnp-org:device:MediaRenderer:1</deviceType>
    <friendlyName>Stue-TV</friendlyName>
    <manufacturer>Nordlys</manufacturer>
    <modelName>Horizon OLED 55</modelName>
    <modelNumber>NX-H24-55</modelNumber>
    <serialNumber>TVH55HAT3C00071</serialNumber>
    <UDN>uuid:1f1e-22</UDN>
    <deviceList>
      <device><manufacturer>Nordlys</manufacturer><modelName>Remote hub</modelName><UDN>uuid:1f1e-23</UDN></device>
    </deviceList>
  </device>
</root>`;

describe("reading a UPnP device description", () => {
  it("reads the root and embedded devices", () => {
    const result = parseDeviceDescription(description);
    expect(result).toEqual({
      ok: true,
      devices: [
        {
          udn: "uuid:1f1e-22",
          manufacturer: "Nordlys",
          modelName: "Horizon OLED 55",
          modelNumber: "NX-H24-55",
          serialNumber: "TVH55HAT3C00071",
          friendlyName: "Stue-TV",
        },
        {
          udn: "uuid:1f1e-23",
          manufacturer: "Nordlys",
          modelName: "Remote hub",
          modelNumber: null,
          serialNumber: null,
          friendlyName: null,
        },
      ],
    });
  });

  it("refuses malformed XML and a document that is too large", () => {
    expect(parseDeviceDescription("<root><device><UDN>uuid:1</device></root>")).toEqual({
      ok: false,
      reason: "malformed",
    });
    expect(parseDeviceDescription(`<root>${" ".repeat(MAX_DESCRIPTION_BYTES)}</root>`)).toEqual({
      ok: false,
      reason: "too-large",
    });
  });

  it("skips devices that do not say who made them", () => {
    expect(
      parseDeviceDescription("<root><device><UDN>uuid:9</UDN><modelName>X</modelName></device></root>"),
    ).toEqual({ ok: true, devices: [] });
  });
});
