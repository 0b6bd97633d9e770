import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, startTestApp, type TestApp } from "../../test/harness.ts";

const ID = "00000000-0000-4000-8000-000000000000";

/** A concrete path for a route pattern: `:id` and `{id}` become a UUID, a wildcard a word. */
function concrete(pattern: string): string {
  return pattern.replace(/\{[^}]+\}|:[A-Za-z]+/g, ID).replace(/\*$/, "session");
}

/** The spellings of one path that a router, a proxy or a hook might read differently. */
function variants(path: string): string[] {
  const segments = path.split("/").slice(1);
  const out = new Set<string>();
  segments.forEach((segment, index) => {
    const letter = segment.search(/[a-z0-9]/i);
    if (letter === -1) return;
    const encodedOne = `${segment.slice(0, letter)}%${segment.charCodeAt(letter).toString(16)}${segment.slice(letter + 1)}`;
    const encodedAll = [...segment]
      .map((ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, "0")}`)
      .join("");
    for (const replacement of [encodedOne, encodedAll, segment.toUpperCase()]) {
      const copy = [...segments];
      copy[index] = replacement;
      out.add(`/${copy.join("/")}`);
    }
    const doubled = [...segments];
    doubled[index] = `/${segment}`;
    out.add(`/${doubled.join("/")}`);
  });
  out.add(`/${path}`);
  out.add(`${path}/`);
  out.add(`${path};x=1`);
  out.add(`${path}%3Bx=1`);
  out.add(path.toUpperCase());
  out.add(`${path}/.`);
  out.add(path.replace(/\/([^/]+)$/, "/./$1"));
  out.add(path.replace(/^\/([^/]+)\//, "/x/../$1/"));
  out.delete(path);
  return [...out];
}

/**
 * A refusal before any handler ran: no such route, no such method, no credentials. A 400 from a
 * handler's validation is no refusal: it means the request got past the access check.
 */
function refused(res: { statusCode: number; body: string }): boolean {
  if ([401, 403, 404, 405].includes(res.statusCode)) return true;
  return res.statusCode === 400 && res.body.includes('"request.bad_url"');
}

function codeOf(res: { body: string }): unknown {
  try {
    return (JSON.parse(res.body) as { code?: unknown }).code;
  } catch {
    return res.body;
  }
}

for (const dialect of dialects()) {
  describe(`every spelling of every route's path, on ${dialect}`, () => {
    let t: TestApp;
    let routes: { method: string; path: string }[];
    beforeAll(async () => {
      t = await startTestApp(dialect, { SERVICE_API_KEYS: "factory:factory-secret-0123456789" });
      const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
      const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })),
      );
      // Hidden routes too (the OAuth endpoints, better-auth, the calendar feed): everything but static files.
      const hidden = t.app.routeTable
        .filter((r) => !r.url.startsWith("/api/docs"))
        .flatMap((r) => r.methods.filter((m) => m !== "HEAD").map((method) => ({ method, path: r.url })));
      const seen = new Set<string>();
      routes = [...documented, ...hidden].filter((r) => {
        const key = `${r.method} ${concrete(r.path)}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    });
    afterAll(() => t.close());

    it("walks every documented route and the hidden ones", () => {
      expect(routes.length).toBeGreaterThan(40);
      expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
        expect.arrayContaining(["POST /api/v1/service/units", "POST /oauth/device_authorization"]),
      );
    });

    it("refuses each variant without credentials, or answers exactly as the canonical path does", async () => {
      const failures: string[] = [];
      for (const route of routes) {
        const path = concrete(route.path);
        const send = (url: string) =>
          t.app.inject({
            method: route.method as "GET",
            url,
            remoteAddress: "192.0.2.10",
            ...(route.method === "GET" || route.method === "DELETE" ? {} : { payload: { serial: "X" } }),
          });
        const canonical = await send(path);
        for (const url of variants(path)) {
          const res = await send(url);
          const same =
            res.statusCode === canonical.statusCode &&
            (res.statusCode >= 400 ? codeOf(res) === codeOf(canonical) : res.body === canonical.body);
          if (!same && !refused(res)) {
            failures.push(
              `${route.method} ${url}: ${res.statusCode} ${res.body.slice(0, 80)} (canonical ${canonical.statusCode})`,
            );
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it("never lets a variant of a service route reach its handler without the key", async () => {
      for (const url of [
        "/%61pi/v1/service/units",
        "/api/%761/service/units",
        "/ap%69/v1/service/units",
        "/api/v%31/service/units",
        "//api/v1/service/units",
        "/api/v1/service/units/",
        "/api/v1/service/units;x",
        "/API/V1/SERVICE/UNITS",
      ]) {
        const res = await t.app.inject({
          method: "POST",
          url,
          headers: { "content-type": "application/x-ndjson" },
          payload: '{"serial":"RK3T3AC9999","model":"NX-P24-128","manufacturedOn":"2019-01-01"}\n',
        });
        expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, url).not.toBe(200);
      }
      const written = await t.database.db
        .selectFrom("unit")
        .select("serial")
        .where("serial", "=", "RK3T3AC9999")
        .executeTakeFirst();
      expect(written).toBeUndefined();
    });
  });
}
