import { describe, expect, it } from "vitest";
import { z } from "zod";
import { newRowId } from "./row-id.ts";

const VERSION_7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("row ids", () => {
  it("are version 7 UUIDs that carry their time in milliseconds", () => {
    const at = Date.UTC(2026, 11, 1, 21, 0, 0, 123);
    const id = newRowId(at);
    expect(id).toMatch(VERSION_7);
    expect(Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16)).toBe(at);
    // The routes' parameter check takes them as it takes any UUID.
    expect(z.uuid().safeParse(id).success).toBe(true);
  });

  it("sort in the order they were made, across milliseconds", () => {
    const ids = Array.from({ length: 2000 }, (_, i) => newRowId(1_700_000_000_000 + Math.floor(i / 7)));
    const made = ids.map((id, i) => ({ id, ms: Math.floor(i / 7) }));
    const sorted = [...made].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(sorted.map((m) => m.ms)).toEqual(made.map((m) => m.ms));
  });

  it("do not repeat, also within one millisecond and across refills of the random pool", () => {
    const ids = Array.from({ length: 5000 }, () => newRowId(1_700_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(VERSION_7);
  });
});
