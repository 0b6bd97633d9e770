import { z } from "zod";
import { modelSummarySchema } from "../catalogue/schemas.ts";
import { APP_CONSENT_VERSION } from "../registration/service.ts";

/** What one decoded code means for registration. */
export const meaningSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("registration"),
    identifier: z.string(),
    model: modelSummarySchema.nullable(),
    categoryCode: z.string().nullable(),
  }),
  z.object({
    kind: z.literal("use-serial"),
    categoryCode: z.string(),
    model: modelSummarySchema.nullable(),
    reason: z.literal("qr_not_allowed"),
  }),
  z.object({ kind: z.literal("pairing"), platform: z.string() }),
  z.object({ kind: z.literal("product-code"), model: modelSummarySchema.nullable() }),
  z.object({ kind: z.literal("unknown"), reason: z.string() }),
]);
export const codeSchema = z.object({ format: z.string(), text: z.string(), meaning: meaningSchema });
export const payloadSchema = z.strictObject({
  payload: z
    .string()
    .max(512)
    .meta({ example: "https://id.example.com/01/07090010900219/21/RF195HAT3000081" }),
  format: z.string().max(40).meta({
    description: "The symbology as the scanner names it: QRCode, Code128, Code39, EAN13, DataMatrix …",
    example: "QRCode",
  }),
});

/** The members app's consent: the current text and what the owner confirmed. */
export const appConsentSchema = z.object({
  currentVersion: z.string(),
  confirmed: z.object({ textVersion: z.string(), at: z.string() }).nullable(),
});

export const appConsentBody = z.strictObject({
  textVersion: z
    .literal(APP_CONSENT_VERSION)
    .meta({ description: "The version of the text the owner was shown." }),
});

export const confirmedConsentSchema = z.object({ textVersion: z.string(), at: z.string() });
