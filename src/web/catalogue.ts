import { useEffect, useState } from "react";
import type { Category } from "../features/catalogue/schemas.ts";
import { api } from "./api.ts";

let cached: Promise<Category[]> | null = null;

/** The categories, fetched once per page load (they change only with a catalogue import). */
export function useCategories(): Category[] | null {
  const [categories, setCategories] = useState<Category[] | null>(null);
  useEffect(() => {
    cached ??= api<{ categories: Category[] }>("GET", "/api/v1/categories").then((r) => r.categories);
    cached.then(setCategories, () => {
      cached = null;
      setCategories([]);
    });
  }, []);
  return categories;
}
