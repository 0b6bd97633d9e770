import {
  MAX_DESCRIPTION_BYTES,
  parseDeviceDescription,
  type UpnpDevice,
} from "../../domain/upnp-description.ts";
import { mSearch } from "./ssdp.ts";

export interface ScanReport {
  devices: UpnpDevice[];
  skipped: { location: string; reason: string }[];
}

/** Fetches a description with a time and size limit: a device on the network is not trusted. */
async function fetchDescription(location: string, timeoutMs: number): Promise<string> {
  const response = await fetch(location, { signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > MAX_DESCRIPTION_BYTES) throw new Error("too-large");
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) break;
    size += chunk.value.length;
    if (size > MAX_DESCRIPTION_BYTES) {
      await reader?.cancel();
      throw new Error("too-large");
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The Wi-Fi scan (B4): SSDP discovery, then each device's description; keeps our brand's
 * devices and says why any other answer was skipped.
 */
export async function scanNetwork(options: {
  brand: string;
  host?: string;
  port?: number;
  timeoutMs?: number;
}): Promise<ScanReport> {
  const locations = await mSearch({
    ...(options.host ? { host: options.host } : {}),
    ...(options.port ? { port: options.port } : {}),
    timeoutMs: options.timeoutMs ?? 3000,
  });
  const report: ScanReport = { devices: [], skipped: [] };
  const seen = new Set<string>();
  for (const location of locations) {
    let xml: string;
    try {
      xml = await fetchDescription(location, 3000);
    } catch (error) {
      report.skipped.push({ location, reason: error instanceof Error ? error.message : "unreadable" });
      continue;
    }
    const parsed = parseDeviceDescription(xml);
    if (!parsed.ok) {
      report.skipped.push({ location, reason: parsed.reason });
      continue;
    }
    for (const device of parsed.devices) {
      if (seen.has(device.udn)) continue;
      seen.add(device.udn);
      if (device.manufacturer.toLowerCase() === options.brand.toLowerCase()) report.devices.push(device);
      else report.skipped.push({ location, reason: `made by ${device.manufacturer}` });
    }
  }
  return report;
}
