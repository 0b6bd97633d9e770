import { z } from "zod";

export const exportSchema = z.object({
  id: z.string(),
  /** queued → building (with `progress`) → ready (until `expiresAt`) → expired; or failed. */
  status: z.enum(["queued", "building", "ready", "failed", "expired"]),
  /** Per cent done. */
  progress: z.number().int(),
  requestedAt: z.string(),
  readyAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  /** Bytes of the ZIP once it is ready. */
  size: z.number().int().nullable(),
});
export type ExportView = z.infer<typeof exportSchema>;

export const exportListSchema = z.object({ exports: z.array(exportSchema) });

export const exportParams = z.object({ id: z.uuid() });
