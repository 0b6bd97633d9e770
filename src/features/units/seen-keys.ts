import type { Kysely } from "kysely";
import type { Database } from "../../db/database.ts";
import type { Tables } from "../../db/tables.ts";
import { rememberKeys } from "./queries.ts";

export interface SeenKey {
  key: string;
  line: number;
}

/**
 * The serials and IMEIs an import has written so far, with their lines, to find repeats within a
 * file. They are kept in memory up to `memoryLimit` keys (fast); past that they move to the
 * database table `import_seen` and stay there, so the importer's memory is bounded whatever the
 * length of the file (a 10-million-row feed costs the database one more index, not the process
 * a gigabyte).
 */
export class SeenKeys {
  readonly #database: Database;
  readonly #importId: string;
  readonly #startedAt: string;
  readonly #memoryLimit: number;
  #memory: Map<string, number> | null = new Map();

  constructor(database: Database, importId: string, startedAt: string, memoryLimit: number) {
    this.#database = database;
    this.#importId = importId;
    this.#startedAt = startedAt;
    this.#memoryLimit = memoryLimit;
  }

  /** Moves the keys to the database once the next batch would pass the memory limit. */
  async makeRoom(incoming: number): Promise<void> {
    const memory = this.#memory;
    if (!memory || memory.size + incoming <= this.#memoryLimit) return;
    const all = [...memory].map(([key, line]) => ({ key, line }));
    for (let i = 0; i < all.length; i += 5000) {
      const chunk = all.slice(i, i + 5000);
      await this.#database.db
        .transaction()
        .execute((trx) => rememberKeys(this.#database, trx, this.#importId, this.#startedAt, chunk));
    }
    this.#memory = null;
  }

  /**
   * The keys of `keys` seen before, with their first line. In the database mode the keys are
   * recorded in the same transaction (`trx`) as the rows they belong to.
   */
  async earlier(trx: Kysely<Tables>, keys: SeenKey[]): Promise<Map<string, number>> {
    if (!this.#memory) return rememberKeys(this.#database, trx, this.#importId, this.#startedAt, keys);
    const found = new Map<string, number>();
    for (const k of keys) {
      const line = this.#memory.get(k.key);
      if (line !== undefined) found.set(k.key, line);
    }
    return found;
  }

  /** In the memory mode, records keys once their rows are committed. */
  committed(keys: SeenKey[]): void {
    if (!this.#memory) return;
    for (const k of keys) if (!this.#memory.has(k.key)) this.#memory.set(k.key, k.line);
  }
}
