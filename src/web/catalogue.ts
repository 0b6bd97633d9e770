import { useEffect, useState } from "react";
import type { Category } from "../features/catalogue/schemas.ts";
import { api } from "./api.ts";

let cached: Promise<Category[]> | null = null;

/** The categories once loaded (null until then), or why they could not be loaded. */
export interface CategoriesState {
  categories: Category[] | null;
  failure: { failure: unknown } | null;
}

/**
 * The categories, fetched once per page load (they change only with a catalogue import). A failed
 * load is reported, not turned into an empty list: "no such type of product" would be untrue.
 */
export function useCategories(): CategoriesState {
  const [state, setState] = useState<CategoriesState>({ categories: null, failure: null });
  useEffect(() => {
    cached ??= api<{ categories: Category[] }>("GET", "/api/v1/categories").then((r) => r.categories);
    cached.then(
      (categories) => setState({ categories, failure: null }),
      (failure: unknown) => {
        cached = null;
        setState({ categories: null, failure: { failure } });
      },
    );
  }, []);
  return state;
}
