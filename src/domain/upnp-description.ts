import { XMLParser, XMLValidator } from "fast-xml-parser";

/** What a UPnP device says about itself in its description document. */
export interface UpnpDevice {
  udn: string;
  manufacturer: string;
  modelName: string;
  modelNumber: string | null;
  serialNumber: string | null;
  friendlyName: string | null;
}

export const MAX_DESCRIPTION_BYTES = 64 * 1024;

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

function text(value: unknown): string | null {
  if (typeof value === "string" && value.trim() !== "") return value.trim().slice(0, 200);
  if (typeof value === "number") return String(value);
  return null;
}

/**
 * The devices of a UPnP description document (the root device and those embedded in it), or
 * an error for a document that is too large or not well-formed XML.
 *
 * @example
 * parseDeviceDescription("<root><device><UDN>uuid:1</UDN><manufacturer>Nordlys</manufacturer><modelName>TV</modelName></device></root>");
 */
export function parseDeviceDescription(
  xml: string,
): { ok: true; devices: UpnpDevice[] } | { ok: false; reason: "too-large" | "malformed" } {
  if (xml.length > MAX_DESCRIPTION_BYTES) return { ok: false, reason: "too-large" };
  if (XMLValidator.validate(xml) !== true) return { ok: false, reason: "malformed" };
  const doc = parser.parse(xml) as { root?: { device?: unknown } };
  const devices: UpnpDevice[] = [];
  const visit = (node: unknown, depth: number) => {
    if (!node || typeof node !== "object" || depth > 4) return;
    for (const device of Array.isArray(node) ? node : [node]) {
      const d = device as Record<string, unknown>;
      const udn = text(d.UDN);
      const manufacturer = text(d.manufacturer);
      const modelName = text(d.modelName);
      if (udn && manufacturer && modelName) {
        devices.push({
          udn,
          manufacturer,
          modelName,
          modelNumber: text(d.modelNumber),
          serialNumber: text(d.serialNumber),
          friendlyName: text(d.friendlyName),
        });
      }
      const list = d.deviceList as { device?: unknown } | undefined;
      if (list?.device) visit(list.device, depth + 1);
    }
  };
  visit(doc.root?.device, 0);
  return { ok: true, devices };
}
