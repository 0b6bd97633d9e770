import { createSocket } from "node:dgram";

export const SSDP_ADDRESS = "239.255.255.250";
export const SSDP_PORT = 1900;

/**
 * Sends one SSDP M-SEARCH and collects the description URLs (LOCATION) of the devices that
 * answer within `timeoutMs`. The target is the SSDP multicast group by default; a test points it
 * at a simulated device on loopback.
 */
export function mSearch(
  options: { host?: string; port?: number; timeoutMs?: number; maxResponses?: number } = {},
): Promise<string[]> {
  const host = options.host ?? SSDP_ADDRESS;
  const port = options.port ?? SSDP_PORT;
  const timeoutMs = options.timeoutMs ?? 3000;
  const max = options.maxResponses ?? 64;
  const message = Buffer.from(
    [
      "M-SEARCH * HTTP/1.1",
      `HOST: ${SSDP_ADDRESS}:${SSDP_PORT}`,
      'MAN: "ssdp:discover"',
      `MX: ${Math.max(1, Math.floor(timeoutMs / 1000))}`,
      "ST: upnp:rootdevice",
      "",
      "",
    ].join("\r\n"),
  );
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type: "udp4", reuseAddr: true });
    const locations = new Set<string>();
    const finish = () => {
      clearTimeout(timer);
      socket.close();
      resolve([...locations]);
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on("error", (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
    socket.on("message", (data) => {
      const location = /^location:\s*(\S+)/im.exec(data.toString("latin1"))?.[1];
      if (location && /^https?:\/\//.test(location)) locations.add(location);
      if (locations.size >= max) finish();
    });
    socket.bind(0, () => socket.send(message, port, host));
  });
}
