import { z } from "zod";
import { COUNTRIES } from "../../domain/country.ts";
import { personNameSchema } from "../accounts/schemas.ts";

/** My information, as the owner sees and edits it. Shared with the web client. */
export const profileSchema = z.object({
  name: z.string(),
  email: z.email(),
  emailVerified: z.boolean(),
  phone: z.string().nullable(),
  addressLine: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.enum(COUNTRIES),
  locale: z.enum(["nb", "en"]),
  role: z.enum(["customer", "agent", "reviewer", "editor", "admin"]),
});
export type Profile = z.infer<typeof profileSchema>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

export const profilePatchSchema = z.strictObject({
  name: personNameSchema.optional(),
  phone: z
    .string()
    .trim()
    .max(30)
    .regex(/^(\+?[0-9 ()-]{5,30})?$/, "digits, spaces and an optional leading +")
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional(),
  addressLine: optionalText(200),
  postalCode: z
    .string()
    .trim()
    .max(10)
    .regex(/^[0-9A-Za-z -]*$/, "letters, digits, spaces and hyphens")
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional(),
  city: optionalText(100),
  country: z.enum(COUNTRIES).optional(),
  locale: z.enum(["nb", "en"]).optional(),
});
export type ProfilePatch = z.infer<typeof profilePatchSchema>;

export const postcodeParamsSchema = z.object({
  country: z.enum(COUNTRIES),
  code: z.string().max(12),
});

/** A postcode as its country writes it, and its place when the postal register has it. */
export const postcodeSchema = z.object({
  country: z.enum(COUNTRIES),
  code: z.string(),
  place: z.string().nullable(),
});
export type PostcodeAnswer = z.infer<typeof postcodeSchema>;
