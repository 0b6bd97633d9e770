import { MAX_PROOF_BYTES, MAX_PROOF_PIXELS, readProof } from "../../domain/proof-file.ts";
import { isRepairEnded } from "../../domain/repair-lifecycle.ts";
import type { Actor } from "../../server/actor.ts";
import type { Upload } from "../../server/multipart-form.ts";
import { authorize } from "../../server/policy.ts";
import { notFound, Problem } from "../../server/problem.ts";
import { noteStaffLook } from "../access-log/service.ts";
import { withPendingFile } from "../claims/pending-files.ts";
import type { RepairsContext } from "./context.ts";
import { insertRepairPhoto, listRepairPhotos, type RepairRow } from "./queries.ts";
import { presentRepair, readableRepair } from "./read.ts";
import type { Repair } from "./schemas.ts";

/**
 * The owner's photos of the fault: up to five per repair, pictures only (JPEG, PNG, HEIC or WebP,
 * judged by their content), at most 10 MB and 40 megapixels each, stored without their metadata
 * (camera, place, time). Written pending and kept once the row commits, as claim proofs are.
 */

export const MAX_REPAIR_PHOTOS = 5;
const SLOTS = Array.from({ length: MAX_REPAIR_PHOTOS }, (_, i) => i + 1);

export const photoTooLarge = () => new Problem("repair.photo_too_large", "The photo is larger than 10 MB.");

const repairPhotoKey = (repairId: string, fileId: string) => `repairs/${repairId}/${fileId}`;

function preparePhoto(upload: Upload) {
  if (upload.bytes.length > MAX_PROOF_BYTES) throw photoTooLarge();
  const file = readProof(upload.bytes);
  if (!file || file.type === "application/pdf")
    throw new Problem(
      "repair.photo_type",
      "The photo is not a JPEG, PNG, HEIC or WebP picture (judged by its content).",
    );
  if (file.size && file.size.width * file.size.height > MAX_PROOF_PIXELS)
    throw new Problem(
      "repair.too_many_pixels",
      `The picture has more than ${MAX_PROOF_PIXELS} pixels.`,
      file.size,
    );
  return { type: file.type, bytes: file.bytes, name: "photo" };
}

const tooMany = () =>
  new Problem("repair.too_many_photos", `A repair takes at most ${MAX_REPAIR_PHOTOS} photos.`, {
    max: MAX_REPAIR_PHOTOS,
  });

/** Whether `actor` may add a photo to the repair (its owner, or an agent for them), before any upload is read. */
export async function mayAddPhoto(ctx: RepairsContext, actor: Actor, repairId: string): Promise<RepairRow> {
  const row = await readableRepair(ctx, actor, repairId);
  authorize(actor, { kind: "repair.answer", ownerId: row.owner_id });
  if (isRepairEnded(row.status))
    throw new Problem("repair.status_not_allowed", "A closed repair takes no more photos.", {
      status: row.status,
      allowed: [],
    });
  return row;
}

export async function addRepairPhoto(
  ctx: RepairsContext,
  actor: Actor,
  repairId: string,
  upload: Upload,
): Promise<Repair> {
  const row = await mayAddPhoto(ctx, actor, repairId);
  const photo = preparePhoto(upload);
  const at = ctx.clock.now();
  await withPendingFile(
    ctx.storage,
    (id) => repairPhotoKey(repairId, id),
    photo,
    async (file) => {
      if (!file) return;
      // Each photo takes the first free slot; the slots' unique index decides between uploads at
      // once, and the one that lost takes the next free slot.
      for (;;) {
        const taken = (await listRepairPhotos(ctx.database.db, repairId)).map((p) => p.slot);
        const slot = SLOTS.find((s) => !taken.includes(s));
        if (slot === undefined) throw tooMany();
        const stored = await ctx.database.db.transaction().execute((trx) =>
          insertRepairPhoto(trx, {
            id: file.id,
            repair_id: repairId,
            slot,
            storage_key: file.storageKey,
            media_type: file.type,
            size: file.bytes.length,
            created_at: at.toISOString(),
          }),
        );
        if (stored) return;
      }
    },
  );
  return presentRepair(ctx.database.db, row);
}

export async function photoOf(ctx: RepairsContext, row: RepairRow, photoId: string) {
  const photo = (await listRepairPhotos(ctx.database.db, row.id)).find((p) => p.id === photoId);
  const bytes = photo ? await ctx.storage.get(photo.storage_key) : null;
  if (!photo || !bytes) throw notFound("photo");
  return { mediaType: photo.media_type, bytes };
}

/** A photo of a repair, for its owner and staff. */
export async function readRepairPhoto(ctx: RepairsContext, actor: Actor, repairId: string, photoId: string) {
  const row = await readableRepair(ctx, actor, repairId);
  await noteStaffLook(
    ctx.database.db,
    actor,
    { ownerId: row.owner_id, what: "repair-photo", subjectId: photoId },
    ctx.clock.now(),
  );
  return photoOf(ctx, row, photoId);
}
