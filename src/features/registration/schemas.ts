import { z } from "zod";
import { isValidCalendarDate } from "../../domain/calendar-date.ts";
import type { ErrorCode } from "../../server/error-codes.ts";
import { documentSummarySchema, modelSummarySchema } from "../catalogue/schemas.ts";
import { recommendationSchema } from "../recommendations/schemas.ts";
import { warrantyEstimateSchema } from "../warranty/schemas.ts";

export const CHANNELS = [
  "web-serial",
  "web-imei",
  "web-qr",
  "app-serial",
  "app-imei",
  "app-qr",
  "app-barcode",
  "app-wifi",
  "smarthome",
  "tv",
  "repair-replacement",
  "transfer",
] as const;
export type Channel = (typeof CHANNELS)[number];

const calendarDate = z
  .string()
  .refine(isValidCalendarDate, "a date as YYYY-MM-DD")
  .meta({ description: "A calendar date, YYYY-MM-DD.", example: "2025-11-20" });

const productType = z
  .string()
  .max(64)
  .optional()
  .meta({ description: "A category code from `GET /api/v1/categories`, when the owner chose one." });

export const identifierCheckBodySchema = z.strictObject({
  identifier: z
    .string()
    .max(200)
    .meta({ description: "What the owner typed: serial number or IMEI.", example: "HK3T3AC0050" }),
  productType,
});

export const registrationBodySchema = z.strictObject({
  identifier: z.string().max(200).meta({ example: "352099001761481" }),
  productType,
  purchaseDate: calendarDate.optional(),
  purchasePlace: z.string().trim().max(200).optional(),
  nickname: z.string().trim().max(80).optional(),
});
export type RegistrationBody = z.infer<typeof registrationBodySchema>;

export const registrationPatchSchema = z.strictObject({
  nickname: z.string().trim().max(80).nullable().optional(),
  purchaseDate: calendarDate.nullable().optional(),
  purchasePlace: z.string().trim().max(200).nullable().optional(),
});
export type RegistrationPatch = z.infer<typeof registrationPatchSchema>;

export const suggestionSchema = z.object({
  identifier: z
    .string()
    .meta({ description: "The serial of a unit that differs only by look-alike characters." }),
  fixes: z.array(z.object({ position: z.number().int(), typed: z.string(), suggested: z.string() })),
  model: modelSummarySchema.nullable(),
  producedIn: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .nullable()
    .meta({
      description:
        "The month the unit was made (YYYY-MM), from the unit registry; with the model, it tells look-alike units apart. Null when the registry does not know.",
      example: "2024-03",
    }),
});

/** What a typed identifier means, before anything is registered. */
export const identifierCheckSchema = z.object({
  normalized: z.string(),
  kind: z.enum(["imei", "serial", "gtin", "unknown"]),
  found: z.boolean(),
  model: modelSummarySchema.nullable(),
  categoryCode: z.string().nullable(),
  problems: z.array(z.object({ code: z.string() }).loose()),
  suggestions: z.array(suggestionSchema),
});
export type IdentifierCheck = z.infer<typeof identifierCheckSchema>;

export const registrationSchema = z.object({
  id: z.string(),
  channel: z.enum(CHANNELS),
  identifier: z.object({
    serial: z.string(),
    serialMasked: z.string(),
    imei: z.string().nullable(),
  }),
  model: modelSummarySchema,
  categoryNames: z.object({ nb: z.string(), en: z.string() }),
  nickname: z.string().nullable(),
  purchaseDate: z.string().nullable(),
  purchasePlace: z.string().nullable(),
  registeredAt: z.string(),
  warranty: warrantyEstimateSchema,
  pointsEarned: z.number().int(),
});
export type RegistrationView = z.infer<typeof registrationSchema>;

export const unregisteredProductSchema = z.object({
  id: z.string(),
  source: z.string(),
  displayName: z.string().nullable(),
  model: modelSummarySchema.nullable(),
  serialMasked: z.string().nullable(),
  offered: z.boolean(),
  discoveredAt: z.string(),
});

export const myProductsSchema = z.object({
  registrations: z.array(registrationSchema),
  unregistered: z.array(unregisteredProductSchema),
});

/** One line of a product's purchase-date history: the date from then on, who set it and why. */
export const purchaseDateEventSchema = z.object({
  date: z.string().nullable(),
  source: z.enum([
    "earlier",
    "registration",
    "owner",
    "customer-service",
    "replacement",
    "transfer",
    "shop-order",
    "activation",
    "claim",
  ]),
  /** Customer service by role and staff number, never by name. */
  staff: z.object({ role: z.string(), number: z.number().int() }).nullable(),
  reason: z.string().nullable(),
  at: z.string(),
});
export type PurchaseDateEvent = z.infer<typeof purchaseDateEventSchema>;

/** Customer service corrects a purchase date the owner gave, and says why (the owner reads it). */
export const purchaseDateCorrectionSchema = z.strictObject({
  purchaseDate: calendarDate,
  reason: z.string().trim().min(1).max(300),
});
export type PurchaseDateCorrection = z.infer<typeof purchaseDateCorrectionSchema>;

export const productPageSchema = registrationSchema.extend({
  purchaseDateHistory: z.array(purchaseDateEventSchema),
  manufacturedOn: z.string().nullable(),
  market: z.string(),
  modelYear: z.number().int(),
  documents: z.array(documentSummarySchema),
  /** Whether the owner consents to suggestions from what they own; "off" leaves both lists empty. */
  recommendations: z.enum(["on", "off"]),
  accessories: z.array(modelSummarySchema),
  successors: z.array(modelSummarySchema),
  /** Cards for the product (R11): accessories, consumables, successors and what its other owners have, none owned. */
  recommended: z.array(recommendationSchema),
});

/** Devices a Wi-Fi scan found (their UPnP descriptions), reported by the members app. */
export const discoveredReportSchema = z.strictObject({
  devices: z
    .array(
      z.strictObject({
        udn: z.string().min(1).max(200),
        manufacturer: z.string().max(200),
        modelName: z.string().max(200),
        modelNumber: z.string().max(200).nullable().optional(),
        serialNumber: z.string().max(200).nullable().optional(),
        friendlyName: z.string().max(200).nullable().optional(),
      }),
    )
    .max(64),
});
export type DiscoveredReport = z.infer<typeof discoveredReportSchema>;

export const discoveredReportResultSchema = z.object({
  devices: z.array(z.object({ udn: z.string(), offered: z.boolean() })),
});

export const appConsentSchema = z.object({
  currentVersion: z.string(),
  confirmed: z.object({ textVersion: z.string(), at: z.string() }).nullable(),
});

/** Every way a typed identifier can fail to name a registrable unit. */
export const IDENTIFICATION_CODES = [
  "identifier.empty",
  "identifier.charset",
  "identifier.check_digit",
  "identifier.imeisv",
  "identifier.length",
  "identifier.no_letter",
  "identifier.look_alike",
  "identifier.kind_mismatch",
  "identifier.box_code",
  "identifier.not_found",
  "product.not_registrable",
  "product_type.unknown",
  "registration.product_type_mismatch",
] as const satisfies ErrorCode[];

/** What registering a found unit can answer, after identification. */
export const REGISTERING_CODES = [
  "auth.forbidden",
  "app.consent_required",
  "registration.purchase_date_future",
  "registration.purchase_date_before_manufacture",
  "registration.already_yours",
  "registration.taken",
] as const satisfies ErrorCode[];
