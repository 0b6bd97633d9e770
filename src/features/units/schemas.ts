import { z } from "zod";

/** The answer to a factory feed sent over HTTP: the summary and the lines that were rejected. */
export const unitImportResultSchema = z.object({
  rows: z.number().int(),
  written: z.number().int().meta({ description: "Units inserted or changed." }),
  unchanged: z.number().int().meta({ description: "Units already stored with the same values." }),
  rejected: z.number().int(),
  rejections: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  seconds: z.number(),
  rowsPerSecond: z.number(),
});
export type UnitImportResult = z.infer<typeof unitImportResultSchema>;
