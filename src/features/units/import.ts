import type { Database } from "../../db/database.ts";
import { modelRules, upsertUnits } from "./queries.ts";
import { checkUnitRow, type UnitInput, type UnitRow } from "./row.ts";

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
  /** Stop reading after this many lines (the HTTP endpoint's guard). */
  maxLines?: number;
}

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
  const seenSerials = new Map<string, number>();
  const seenImeis = new Map<string, number>();
  let header: string[] | null = null;
  let batch: { row: UnitRow; line: number; raw: string }[] = [];
  const progress: ImportProgress = { lines: 0, bytes: 0, written: 0, rejected: 0 };
  let rows = 0;

  const reject = (line: number, reason: string, raw: string) => {
    progress.rejected++;
    options.onReject?.({ line, reason }, raw);
  };

  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    try {
      progress.written += await database.db.transaction().execute((trx) =>
        upsertUnits(
          database,
          trx,
          current.map((b) => b.row),
        ),
      );
    } catch {
      // A constraint the file cannot see (an IMEI that belongs to another unit already stored):
      // retry row by row so that only the offending rows are rejected.
      for (const item of current) {
        try {
          progress.written += await upsertUnits(database, database.db, [item.row]);
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
    const checked = checkUnitRow(input, models);
    if (!checked.ok) {
      reject(line, checked.reason, raw);
      continue;
    }
    const { row } = checked;
    const firstSerial = seenSerials.get(row.serial);
    if (firstSerial !== undefined) {
      reject(line, `duplicate serial: also on line ${firstSerial}`, raw);
      continue;
    }
    const duplicateImei = [row.imei1, row.imei2].find((imei) => imei !== null && seenImeis.has(imei));
    if (duplicateImei) {
      reject(line, `duplicate IMEI: also on line ${seenImeis.get(duplicateImei)}`, raw);
      continue;
    }
    seenSerials.set(row.serial, line);
    if (row.imei1) seenImeis.set(row.imei1, line);
    if (row.imei2) seenImeis.set(row.imei2, line);
    batch.push({ row, line, raw });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
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
