import { Readable } from "node:stream";
import { setImmediate as yieldToRequests } from "node:timers/promises";
import { ZipFile } from "yazl";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { formatMessage, type Locale } from "../../messages/catalog.ts";
import type { FileStorage } from "../claims/storage.ts";
import { productsOf } from "../registration/read.ts";
import { pointsOfOwner } from "../rewards/service.ts";
import {
  accessLogOfOwner,
  accountOf,
  activityOfOwner,
  claimEventsOf,
  claimFilesOf,
  claimsOfOwner,
  consentEventsAll,
  devicesOfOwner,
  exportsOfOwner,
  pointsOfOwnerAll,
  purchaseDateEventsOf,
  redemptionsOfOwnerAll,
  registrationsOfOwner,
  remindersOf,
  repairEventsOf,
  repairPhotosOf,
  repairsOfOwner,
  sessionsOfOwner,
  staffNotesOfOwner,
  transfersOfOwner,
} from "./queries.ts";

export interface ExportContext {
  database: Database;
  config: Config;
  clock: Clock;
  storage: FileStorage;
}

/** A file the owner uploaded, to go into the ZIP under `path`. */
interface UploadedFile {
  path: string;
  key: string;
}

interface AreaContent {
  data: unknown;
  files?: UploadedFile[];
}

/**
 * One JSON file of the export: the tables it reads (the schema test holds every table with an
 * owner's data to this list) and how it reads them.
 */
export interface ExportArea {
  file: string;
  tables: readonly string[];
  read(ctx: ExportContext, ownerId: string): Promise<AreaContent>;
}

/** Columns stored as 0/1 on SQLite and as booleans on PostgreSQL: booleans in the export on both. */
const BOOLEAN_COLUMNS = new Set(["given", "offered", "emailVerified", "applied", "verdict_overridden"]);
/** Columns that hold JSON as text: parsed, so the export is JSON all the way down. */
const JSON_COLUMNS = new Set(["detail", "answer", "conditions"]);

/** A row as the export writes it: times as ISO strings and booleans as booleans on both databases. */
function plain(row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value instanceof Date) out[key] = value.toISOString();
    else if (BOOLEAN_COLUMNS.has(key) && typeof value === "number") out[key] = value !== 0;
    else if (JSON_COLUMNS.has(key) && typeof value === "string") out[key] = parseOrKeep(value);
    else out[key] = value;
  }
  return out;
}

function parseOrKeep(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function groupBy<T extends Record<string, unknown>>(rows: T[], key: keyof T): Map<unknown, T[]> {
  const groups = new Map<unknown, T[]>();
  for (const row of rows) {
    const list = groups.get(row[key]) ?? [];
    list.push(row);
    groups.set(row[key], list);
  }
  return groups;
}

/** A name safe as the last part of a path in the ZIP: no folders, no dots first, short. */
function safeName(name: string): string {
  const cleaned = name
    .replace(/[\p{Cc}/\\:*?"<>|]+/gu, "_")
    .replace(/^\.+/, "")
    .slice(-100);
  return cleaned || "file";
}

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/heic": "heic",
  "application/pdf": "pdf",
};

/** Every area of the export, in the order the ZIP holds them. */
export const EXPORT_AREAS: readonly ExportArea[] = [
  {
    file: "profile.json",
    tables: ["user", "profile", "calendar_feed", "staff_member", "account"],
    async read({ database }, ownerId) {
      const { user, profile, calendarFeed, staff, methods } = await accountOf(database.db, ownerId);
      return {
        data: {
          account: user ? plain(user) : null,
          contact: profile ? plain(profile) : null,
          signInMethods: methods.map(plain),
          calendarFeed: calendarFeed ? plain(calendarFeed) : null,
          staffNumber: staff?.number ?? null,
        },
      };
    },
  },
  {
    file: "products.json",
    tables: ["registration", "purchase_date_event", "warranty_reminder"],
    async read({ database, config, clock }, ownerId) {
      const rows = (await registrationsOfOwner(database.db, ownerId)).map(plain);
      const ids = rows.map((r) => String(r.id));
      const [dates, reminders, current] = await Promise.all([
        purchaseDateEventsOf(database.db, ids),
        remindersOf(database.db, ids),
        productsOf(database, config, clock, ownerId),
      ]);
      const datesOf = groupBy(dates.map(plain), "registration_id");
      const remindersByRegistration = groupBy(reminders.map(plain), "registration_id");
      const views = new Map(current.registrations.map((v) => [v.id, v]));
      return {
        data: {
          registrations: rows.map((row) => ({
            ...row,
            purchaseDateHistory: datesOf.get(row.id) ?? [],
            reminders: remindersByRegistration.get(row.id) ?? [],
            // The warranty and complaint period as My products shows them, with the basis of each.
            shown: views.get(String(row.id)) ?? null,
          })),
        },
      };
    },
  },
  {
    file: "claims.json",
    tables: ["warranty_claim", "claim_event", "claim_file"],
    async read({ database }, ownerId) {
      const claims = (await claimsOfOwner(database.db, ownerId)).map(plain);
      const ids = claims.map((c) => String(c.id));
      const [events, files] = await Promise.all([
        claimEventsOf(database.db, ids),
        claimFilesOf(database.db, ids),
      ]);
      const eventsOf = groupBy(events.map(plain), "claim_id");
      const uploaded: UploadedFile[] = [];
      const filesOf = new Map<unknown, Record<string, unknown>[]>();
      for (const file of files) {
        const path = `files/claims/${file.claim_id}/${file.id}-${safeName(file.name)}`;
        uploaded.push({ path, key: file.storage_key });
        const { storage_key: _key, ...shown } = plain(file);
        filesOf.set(file.claim_id, [...(filesOf.get(file.claim_id) ?? []), { ...shown, path }]);
      }
      return {
        data: {
          claims: claims.map((c) => ({
            ...c,
            events: eventsOf.get(c.id) ?? [],
            files: filesOf.get(c.id) ?? [],
          })),
        },
        files: uploaded,
      };
    },
  },
  {
    file: "repairs.json",
    tables: ["repair", "repair_event", "repair_photo"],
    async read({ database }, ownerId) {
      const repairs = (await repairsOfOwner(database.db, ownerId)).map(plain);
      const ids = repairs.map((r) => String(r.id));
      const [events, photos] = await Promise.all([
        repairEventsOf(database.db, ids),
        repairPhotosOf(database.db, ids),
      ]);
      const eventsOf = groupBy(events.map(plain), "repair_id");
      const uploaded: UploadedFile[] = [];
      const photosOf = new Map<unknown, Record<string, unknown>[]>();
      for (const photo of photos) {
        const path = `files/repairs/${photo.repair_id}/${photo.id}.${EXTENSIONS[photo.media_type] ?? "bin"}`;
        uploaded.push({ path, key: photo.storage_key });
        const { storage_key: _key, ...shown } = plain(photo);
        photosOf.set(photo.repair_id, [...(photosOf.get(photo.repair_id) ?? []), { ...shown, path }]);
      }
      return {
        data: {
          repairs: repairs.map((r) => ({
            ...r,
            events: eventsOf.get(r.id) ?? [],
            photos: photosOf.get(r.id) ?? [],
          })),
        },
        files: uploaded,
      };
    },
  },
  {
    file: "points.json",
    tables: ["points_ledger", "points_account", "reward_redemption"],
    async read({ database, clock }, ownerId) {
      const [movements, redemptions, points] = await Promise.all([
        pointsOfOwnerAll(database.db, ownerId),
        redemptionsOfOwnerAll(database.db, ownerId),
        pointsOfOwner(database, clock, ownerId),
      ]);
      return {
        data: {
          balance: points.balance,
          pending: points.pending,
          movements: movements.map(plain),
          // The codes the owner was given for their points.
          redemptions: redemptions.map(plain),
        },
      };
    },
  },
  {
    file: "consents.json",
    tables: ["consent_event"],
    async read({ database }, ownerId) {
      return { data: { answers: (await consentEventsAll(database.db, ownerId)).map(plain) } };
    },
  },
  {
    file: "devices.json",
    tables: ["discovered_device", "device_token", "device_authorization"],
    async read({ database }, ownerId) {
      const { discovered, signedIn, requests } = await devicesOfOwner(database.db, ownerId);
      return {
        data: {
          found: discovered.map(plain),
          signedIn: signedIn.map(plain),
          signInRequests: requests.map(plain),
        },
      };
    },
  },
  {
    file: "sessions.json",
    tables: ["session"],
    async read({ database }, ownerId) {
      return { data: { sessions: (await sessionsOfOwner(database.db, ownerId)).map(plain) } };
    },
  },
  {
    file: "access-log.json",
    tables: ["access_log", "access_reason"],
    async read({ database }, ownerId) {
      const { looks, reasons } = await accessLogOfOwner(database.db, ownerId);
      return { data: { looks: looks.map(plain), reasonsGiven: reasons.map(plain) } };
    },
  },
  {
    file: "activity.json",
    tables: ["audit_log"],
    async read({ database }, ownerId) {
      return { data: { lines: (await activityOfOwner(database.db, ownerId)).map(plain) } };
    },
  },
  {
    file: "transfers.json",
    tables: ["transfer_request"],
    async read({ database }, ownerId) {
      const { asked, toAnswer } = await transfersOfOwner(database.db, ownerId);
      const uploaded: UploadedFile[] = [];
      // The proof is the asker's own: it goes into their export, never into the owner's who was asked.
      const mine = asked.map((row) => {
        const { proof_key, requester_id: _r, owner_id: _o, ...shown } = plain(row);
        if (typeof proof_key !== "string") return { ...shown, proofPath: null };
        const path = `files/transfers/${row.id}-${safeName(row.proof_name ?? "proof")}`;
        uploaded.push({ path, key: proof_key });
        return { ...shown, proofPath: path };
      });
      const answered = toAnswer.map((row) => {
        const {
          proof_key: _k,
          proof_name: _n,
          proof_type: _t,
          requester_id: _r,
          owner_id: _o,
          ...shown
        } = plain(row);
        return shown;
      });
      return { data: { asked: mine, askedOfYou: answered }, files: uploaded };
    },
  },
  {
    file: "staff-notes.json",
    tables: ["staff_note"],
    async read({ database }, ownerId) {
      return { data: { notes: (await staffNotesOfOwner(database.db, ownerId)).map(plain) } };
    },
  },
  {
    file: "exports.json",
    tables: ["data_export"],
    async read({ database }, ownerId) {
      const rows = await exportsOfOwner(database.db, ownerId, 100);
      return {
        data: {
          exports: rows.map((row) => {
            const { storage_key: _k, owner_id: _o, ...shown } = plain(row);
            return shown;
          }),
        },
      };
    },
  },
];

/**
 * Tables that hold something about an owner but are not in the export, each with the reason. The
 * schema test fails on a table with an owner's data that is in neither list.
 */
export const LEFT_OUT_OF_EXPORT: Readonly<Record<string, string>> = {
  content_item:
    "announcements and top messages an editor wrote for every owner: the portal's text, not the person's data",
  content_image: "pictures an editor uploaded for those announcements",
};

/**
 * Builds the ZIP of one owner's data: one JSON file per area, the files they uploaded, and a short
 * summary in their language. `onProgress` hears the share of areas done (0 to 1). The ZIP is
 * streamed into storage, so its size is bounded by the disk, not by memory.
 */
export async function buildExport(
  ctx: ExportContext,
  owner: { id: string; locale: Locale; name: string },
  key: string,
  onProgress: (done: number) => Promise<void>,
): Promise<number> {
  const zip = new ZipFile();
  const output = zip.outputStream as unknown as Readable;
  // A file that fails to read fails the ZIP (and the write), never the process.
  zip.on("error", (error: Error) => output.destroy(error));
  const written = ctx.storage.putStream(key, output);
  const at = ctx.clock.now();
  const counts: Record<string, number> = {};
  let fileCount = 0;
  let failure: unknown = null;
  try {
    for (const [i, area] of EXPORT_AREAS.entries()) {
      const content = await area.read(ctx, owner.id);
      zip.addBuffer(Buffer.from(`${JSON.stringify(content.data, null, 2)}\n`), area.file, { mtime: at });
      counts[area.file] = countOf(content.data);
      for (const file of content.files ?? []) {
        const found = await ctx.storage.openStream(file.key);
        if (!found) continue; // a file swept away since: the JSON still says it was there
        found.stream.destroy();
        // Opened again when its turn comes, so one file at a time is read, whatever their number.
        zip.addReadStreamLazy(file.path, { mtime: at, compress: false, size: found.size }, (done) => {
          ctx.storage.openStream(file.key).then(
            (again) =>
              again ? done(null, again.stream) : done(new Error(`${file.path} is gone`), Readable.from([])),
            (error: unknown) => done(error, Readable.from([])),
          );
        });
        fileCount++;
      }
      await onProgress((i + 1) / EXPORT_AREAS.length);
      // On SQLite every read runs on the server's thread: requests get their turn between areas.
      await yieldToRequests();
    }
    zip.addBuffer(Buffer.from(summary(owner, ctx.config.brandName, at, counts, fileCount)), "summary.txt", {
      mtime: at,
    });
  } catch (error) {
    failure = error;
  } finally {
    zip.end();
  }
  const size = await written;
  if (failure !== null) {
    // Half an export is no export: nothing stays under the key.
    await ctx.storage.delete(key);
    throw failure;
  }
  return size;
}

/** The number of rows an area holds: the length of its longest list. */
function countOf(data: unknown): number {
  if (typeof data !== "object" || data === null) return 0;
  return Math.max(0, ...Object.values(data).map((v) => (Array.isArray(v) ? v.length : v ? 1 : 0)));
}

function summary(
  owner: { locale: Locale; name: string },
  brand: string,
  at: Date,
  counts: Record<string, number>,
  fileCount: number,
): string {
  const t = (key: Parameters<typeof formatMessage>[1], values?: Record<string, string | number | Date>) =>
    formatMessage(owner.locale, key, values);
  const lines = [
    t("mail.export.title", { brand, name: owner.name, date: at }),
    "",
    t("mail.export.lead"),
    "",
    ...EXPORT_AREAS.map((area) =>
      t("mail.export.fileLine", {
        file: area.file,
        what: t(`mail.export.area.${area.file.replace(".json", "")}` as Parameters<typeof formatMessage>[1]),
        count: counts[area.file] ?? 0,
      }),
    ),
    t("mail.export.filesLine", { count: fileCount }),
    "",
    t("mail.export.format"),
  ];
  return `${lines.join("\r\n")}\r\n`;
}
