import { randomUUID } from "node:crypto";
import type { Database } from "../../db/database.ts";
import { type Clock, systemClock } from "../../domain/clock.ts";
import { holdsNul } from "../../server/input-guard.ts";
import { forgetImports, modelRules, upsertUnits } from "./queries.ts";
import { checkUnitRow, type UnitInput, type UnitRow } from "./row.ts";
import { SeenKeys } from "./seen-keys.ts";

export type ImportFormat = "csv" | "ndjson";

export interface Rejection {
  line: number;
  reason: string;
}

export interface ImportProgress {
  lines: number;
  bytes: number;
  written: number;
  rejected: number;
}

export interface ImportSummary {
  rows: number;
  written: number;
  unchanged: number;
  rejected: number;
  seconds: number;
  rowsPerSecond: number;
}

export interface ImportOptions {
  format: ImportFormat;
  batchSize?: number;
  onReject?(rejection: Rejection, raw: string): void;
  onProgress?(progress: ImportProgress): void;
  /** Serials and IMEIs kept in memory to find repeats (about 120 MB per million); past this they move to the database. */
  memoryKeys?: number;
  /** Stop reading after this many lines (the HTTP endpoint's guard). */
  maxLines?: number;
  /** When the import starts; the app's clock over HTTP, the system's in the CLI. */
  clock?: Clock;
}

/** What an import saw is kept this long, so an import killed half-way is forgotten by a later one. */
const SEEN_KEYS_KEPT_MS = 24 * 3600 * 1000;

export class ImportFormatError extends Error {}

/**
 * Streams the factory feed into the unit registry: one line at a time (constant memory), checked
 * row by row, written in batches of one transaction each. A bad row is rejected with its line number
 * and the rest goes in. A killed import leaves whole batches only, and running it again completes
 * it, because writing a row that is already there changes nothing.
 *
 * @example
 * await importUnits(database, readLines("units.csv"), { format: "csv", onReject: console.log });
 */
export async function importUnits(
  database: Database,
  lines: AsyncIterable<string>,
  options: ImportOptions,
): Promise<ImportSummary> {
  const started = performance.now();
  // Take the iterator before the first await: readline emits lines as soon as it is created, and
  // only an iterator that exists buffers them.
  const iterator = lines[Symbol.asyncIterator]();
  const models = await modelRules(database.db);
  const batchSize = options.batchSize ?? (database.dialect === "postgres" ? 5000 : 2000);
  const importId = randomUUID();
  const startedAt = (options.clock ?? systemClock).now();
  const seen = new SeenKeys(database, importId, startedAt.toISOString(), options.memoryKeys ?? 2_000_000);
  let header: string[] | null = null;
  let batch: { row: UnitRow; line: number; raw: string }[] = [];
  const progress: ImportProgress = { lines: 0, bytes: 0, written: 0, rejected: 0 };
  let rows = 0;

  const reject = (line: number, reason: string, raw: string) => {
    progress.rejected++;
    options.onReject?.({ line, reason }, raw);
  };

  /** Drops rows whose serial or IMEI appeared earlier in the file, and reports them. */
  const dropRepeats = (items: typeof batch, seen: Map<string, number>) =>
    items.filter((item) => {
      const serialLine = seen.get(`serial:${item.row.serial}`);
      if (serialLine !== undefined && serialLine !== item.line) {
        reject(item.line, `duplicate serial: also on line ${serialLine}`, item.raw);
        return false;
      }
      for (const imei of [item.row.imei1, item.row.imei2]) {
        const imeiLine = imei ? seen.get(`imei:${imei}`) : undefined;
        if (imeiLine !== undefined && imeiLine !== item.line) {
          reject(item.line, `duplicate IMEI: also on line ${imeiLine}`, item.raw);
          return false;
        }
      }
      return true;
    });

  const flush = async () => {
    if (batch.length === 0) return;
    // Repeats inside the batch first (first line wins), then against earlier batches.
    const local = new Map<string, number>();
    for (const item of batch) {
      for (const key of keysOf(item.row)) if (!local.has(key)) local.set(key, item.line);
    }
    const current = dropRepeats(batch, local);
    batch = [];
    await seen.makeRoom(local.size);
    const write = async (items: typeof current) => {
      let accepted: typeof current = [];
      const written = await database.db.transaction().execute(async (trx) => {
        const keys = items.flatMap((item) => keysOf(item.row).map((key) => ({ key, line: item.line })));
        accepted = dropRepeats(items, await seen.earlier(trx, keys));
        return upsertUnits(
          database,
          trx,
          accepted.map((b) => b.row),
        );
      });
      seen.committed(accepted.flatMap((item) => keysOf(item.row).map((key) => ({ key, line: item.line }))));
      return written;
    };
    try {
      progress.written += await write(current);
    } catch {
      // A constraint the file cannot see (an IMEI that belongs to another unit already stored)
      // rolled the batch back: write it row by row so that only the offending rows are rejected.
      for (const item of current) {
        try {
          progress.written += await write([item]);
        } catch (error) {
          reject(item.line, describeConflict(error), item.raw);
        }
      }
    }
    options.onProgress?.({ ...progress });
  };

  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    const raw = next.value;
    progress.lines++;
    progress.bytes += Buffer.byteLength(raw) + 1;
    const line = progress.lines;
    if (options.maxLines !== undefined && line > options.maxLines) {
      throw new ImportFormatError(`too many lines: at most ${options.maxLines} per request`);
    }
    if (raw.trim() === "") continue;
    let input: UnitInput;
    if (options.format === "csv") {
      const fields = parseCsvLine(raw);
      if (header) rows++;
      if (!header) {
        header = fields.map((f) => f.trim());
        if (!header.includes("serial") || !header.includes("model")) {
          throw new ImportFormatError("the CSV header must name at least the columns serial and model");
        }
        continue;
      }
      if (fields.length !== header.length) {
        reject(line, `expected ${header.length} fields, found ${fields.length}`, raw);
        continue;
      }
      input = Object.fromEntries(header.map((h, i) => [h, fields[i]]));
    } else {
      rows++;
      try {
        input = JSON.parse(raw) as UnitInput;
      } catch {
        reject(line, "not valid JSON", raw);
        continue;
      }
    }
    if (holdsNul(input)) {
      reject(line, "contains a NUL character", raw);
      continue;
    }
    const checked = checkUnitRow(input, models);
    if (!checked.ok) {
      reject(line, checked.reason, raw);
      continue;
    }
    const { row } = checked;
    batch.push({ row, line, raw });
    if (batch.length >= batchSize) await flush();
  }
  try {
    await flush();
  } finally {
    await forgetImports(
      database.db,
      importId,
      new Date(startedAt.getTime() - SEEN_KEYS_KEPT_MS).toISOString(),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  const accepted = rows - progress.rejected;
  return {
    rows,
    written: progress.written,
    unchanged: Math.max(0, accepted - progress.written),
    rejected: progress.rejected,
    seconds: Math.round(seconds * 1000) / 1000,
    rowsPerSecond: Math.round(rows / Math.max(seconds, 0.001)),
  };
}

function describeConflict(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/imei/i.test(message)) return "an IMEI of this row belongs to another unit already";
  return "the database refused the row";
}

/** One CSV line (RFC 4180 quoting, no line breaks inside fields). */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"' && field === "") {
      quoted = true;
    } else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch !== "\r") {
      field += ch;
    }
  }
  fields.push(field);
  return fields;
}

function keysOf(row: UnitRow): string[] {
  const keys = [`serial:${row.serial}`];
  if (row.imei1) keys.push(`imei:${row.imei1}`);
  if (row.imei2) keys.push(`imei:${row.imei2}`);
  return keys;
}
