import { describe, expect, it } from "vitest";
import { ConfigError, DEMO_SMARTHOME_SECRET, isLoopbackHost, loadConfig } from "./config.ts";

const SECRET = "a-real-secret-of-more-than-32-characters";

describe("safe defaults", () => {
  it("knows which hosts only reach this machine", () => {
    for (const host of ["localhost", "127.0.0.1", "127.3.2.1", "::1", "[::1]", "::ffff:127.0.0.1"]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ["0.0.0.0", "::", "10.0.0.5", "portal.example.com", "127.0.0.1.example.com"]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it("runs a laptop demo with no settings at all", () => {
    const config = loadConfig({});
    expect(config.demoMode).toBe(true);
    expect(config.exposed).toBe(false);
    expect(config.smarthomeWebhookSecret).toBe(DEMO_SMARTHOME_SECRET);
  });

  it("refuses to start on a non-loopback HOST without AUTH_SECRET, naming the variable", () => {
    expect(() => loadConfig({ HOST: "0.0.0.0" })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: "0.0.0.0" })).toThrow(/AUTH_SECRET/);
  });

  it("refuses to start at an https or public PUBLIC_URL without AUTH_SECRET", () => {
    expect(() => loadConfig({ PUBLIC_URL: "https://localhost:3000" })).toThrow(/AUTH_SECRET/);
    expect(() => loadConfig({ PUBLIC_URL: "http://portal.example.com" })).toThrow(/AUTH_SECRET/);
  });

  it("never turns demo mode on by itself for a portal others can reach", () => {
    const config = loadConfig({ HOST: "0.0.0.0", AUTH_SECRET: SECRET });
    expect(config.exposed).toBe(true);
    expect(config.demoMode).toBe(false);
    expect(config.smarthomeWebhookSecret).toBeUndefined();
  });

  it("asks for the webhook secret when demo mode is switched on for an exposed portal", () => {
    expect(() => loadConfig({ HOST: "0.0.0.0", AUTH_SECRET: SECRET, DEMO_MODE: "true" })).toThrow(
      /SMARTHOME_WEBHOOK_SECRET/,
    );
  });

  it("drops the demo webhook secret as soon as demo mode is off, SMTP_URL included", () => {
    expect(loadConfig({ SMTP_URL: "smtp://localhost:2525" }).smarthomeWebhookSecret).toBeUndefined();
    expect(loadConfig({ DEMO_MODE: "false" }).smarthomeWebhookSecret).toBeUndefined();
    expect(
      loadConfig({ SMARTHOME_WEBHOOK_SECRET: "x".repeat(20), DEMO_MODE: "false" }).smarthomeWebhookSecret,
    ).toBe("x".repeat(20));
  });

  it("refuses the public secrets from the source code for a portal others can reach", () => {
    expect(() =>
      loadConfig({ HOST: "0.0.0.0", AUTH_SECRET: "development-only-secret-do-not-use-in-production!" }),
    ).toThrow(/AUTH_SECRET is the public development secret/);
    expect(() =>
      loadConfig({ HOST: "0.0.0.0", AUTH_SECRET: SECRET, SMARTHOME_WEBHOOK_SECRET: DEMO_SMARTHOME_SECRET }),
    ).toThrow(/SMARTHOME_WEBHOOK_SECRET is the public demo secret/);
  });
});
