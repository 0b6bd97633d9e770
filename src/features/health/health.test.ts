import { describe, expect, it } from "vitest";
import { dialects, startTestApp } from "../../../test/harness.ts";

for (const dialect of dialects()) {
  describe(`health checks on ${dialect}`, () => {
    it("says ready while the database answers, and 503 unavailable once it does not", async () => {
      const t = await startTestApp(dialect);
      try {
        const ready = await t.app.inject({ method: "GET", url: "/readyz" });
        expect(ready.statusCode).toBe(200);
        expect(ready.json()).toEqual({ status: "ready", database: dialect });

        await t.database.close();
        const gone = await t.app.inject({ method: "GET", url: "/readyz" });
        expect(gone.statusCode).toBe(503);
        expect(gone.json()).toEqual({ status: "unavailable", database: dialect });
        // The process itself still answers.
        expect((await t.app.inject({ method: "GET", url: "/healthz" })).json()).toEqual({ status: "ok" });
      } finally {
        await t.app.close();
      }
    });
  });
}
