import { z } from "zod";
import { modelSummarySchema } from "../catalogue/schemas.ts";

/** What the verification page shows the owner about the device that asks. */
export const deviceSchema = z.object({
  userCode: z.string(),
  client: z.enum(["tv", "scanner"]).meta({ description: "A TV registering itself, or the Wi-Fi scanner" }),
  model: modelSummarySchema.nullable(),
  serialMasked: z.string().nullable(),
  selfRegistrationAllowed: z.boolean(),
});
export type DeviceView = z.infer<typeof deviceSchema>;

export const userCodeParams = z.object({ userCode: z.string().max(20) });

export const decisionBody = z.strictObject({ approve: z.boolean() });

export const tvRegisterBody = z.strictObject({ serial: z.string().max(60), model: z.string().max(64) });
