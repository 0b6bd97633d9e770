import { z } from "zod";
import { isValidCalendarDate } from "../../domain/calendar-date.ts";

const status = z.enum(["not-started", "active", "ends-soon", "ended"]);
const basis = z.enum(["estimated", "stated", "confirmed"]).meta({
  description:
    "How far the date can be trusted: estimated from the manufacture date, stated by the owner, or confirmed (web shop, activation, a receipt a reviewer read).",
});
const startSource = z.enum(["manufacture-date", "purchase-date", "shop-order", "activation", "claim"]);
const covers = z.object({ parts: z.boolean(), labour: z.boolean() });

/** One coverage of a unit: the base warranty, the registration bonus, an extended or a repair warranty. */
export const coverageSchema = z.object({
  key: z.string(),
  kind: z.enum(["manufacturer", "registration-bonus", "extended", "repair"]),
  start: z.string(),
  end: z.string().meta({ description: "The last day covered." }),
  basis,
  covers,
  months: z.number().int().nullable(),
  reference: z
    .string()
    .nullable()
    .meta({ description: "The extended-warranty product's code, or the repair's request number." }),
  name: z.object({ nb: z.string(), en: z.string() }).nullable(),
  terms: z
    .object({ nb: z.string(), en: z.string() })
    .nullable()
    .meta({ description: "An extended warranty's terms, as the operator wrote them." }),
  status,
  daysLeft: z.number().int(),
});
export type CoverageView = z.infer<typeof coverageSchema>;

/** The statutory complaint period of the Consumer Purchases Act, from the product's start date. */
export const statutorySchema = z.object({
  start: z.string(),
  end: z.string(),
  years: z.union([z.literal(2), z.literal(5)]),
  basis,
  status,
  daysLeft: z.number().int(),
});

/** The warranty as the owner sees it: one start date, every coverage, and the law's period. */
export const warrantyEstimateSchema = z.object({
  start: z.object({ date: z.string(), basis, source: startSource }).nullable(),
  manufacturer: coverageSchema
    .extend({ months: z.number().int(), source: startSource })
    .nullable()
    .meta({ description: "The base warranty (also in `coverages`)." }),
  coverages: z.array(coverageSchema),
  statutory: statutorySchema.nullable(),
  statutoryYears: z.union([z.literal(2), z.literal(5)]),
  standing: z.enum(["covered", "complaint-only", "ended", "unknown"]).meta({
    description:
      "`covered`: a coverage runs; `complaint-only`: every coverage has ended but the right to complain runs; `ended`: everything has ended; `unknown`: nothing to count from.",
  }),
  timeline: z.array(
    z.object({
      kind: z.enum(["start", "today", "coverage-end", "statutory-end"]),
      date: z.string(),
      basis: z.enum(["stated", "confirmed", "estimated", "actual"]),
      coverage: z.enum(["manufacturer", "registration-bonus", "extended", "repair"]).optional(),
      key: z.string().optional(),
    }),
  ),
});
export type WarrantyEstimate = z.infer<typeof warrantyEstimateSchema>;

const date = z.string().refine(isValidCalendarDate, "a date as YYYY-MM-DD");

/** One proof of purchase from the manufacturer's systems (R13). */
export const confirmationSchema = z.discriminatedUnion("source", [
  z.strictObject({
    source: z.literal("shop-order"),
    orderId: z.string().trim().min(1).max(100),
    identifier: z.string().max(60).meta({ description: "The unit's serial number or IMEI." }),
    deliveredOn: date,
  }),
  z.strictObject({
    source: z.literal("activation"),
    imei: z.string().max(30),
    activatedOn: date,
  }),
]);
export type ConfirmationInput = z.infer<typeof confirmationSchema>;

export const confirmationResultSchema = z.object({
  status: z.enum(["stored", "unchanged", "updated"]),
  unitKnown: z.boolean(),
});
export type ConfirmationResult = z.infer<typeof confirmationResultSchema>;

/** What a bulk import of confirmations did, with the first rejected lines and why. */
export const confirmationLinesResultSchema = z.object({
  stored: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  rejections: z.array(z.object({ line: z.number().int(), reason: z.string() })),
});

/** The owner's private calendar link. */
export const calendarLinkSchema = z.object({
  url: z.string().meta({ description: "Private: anyone with it can read these dates." }),
});
export type CalendarLink = z.infer<typeof calendarLinkSchema>;

export const calendarFeedParamsSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}\.ics$/) });

const localizedText = (max: number) =>
  z.strictObject({ nb: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) });

/** The extended-warranty products the operator sells, each with its months, cover and terms. */
export const warrantyPlanListSchema = z.strictObject({
  plans: z
    .array(
      z.strictObject({
        code: z
          .string()
          .regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, "capital letters, digits and hyphens, at most 40")
          .meta({ description: "The product's code, as sales lines name it." }),
        names: localizedText(100),
        months: z.number().int().min(1).max(240),
        covers: z.strictObject({ parts: z.boolean(), labour: z.boolean() }),
        terms: localizedText(4000),
      }),
    )
    .min(1)
    .max(500),
});
export type WarrantyPlanList = z.infer<typeof warrantyPlanListSchema>;

/** One sale of an extended warranty for one unit (a line of the NDJSON import). */
export const unitCoverageLineSchema = z.strictObject({
  identifier: z.string().min(1).max(60).meta({ description: "The unit's serial number or IMEI." }),
  plan: z.string().min(1).max(40).meta({ description: "The extended-warranty product's code." }),
  startsOn: date.meta({ description: "The first day covered." }),
  endsOn: date.optional().meta({ description: "The last day covered; by default the product's months on." }),
  reference: z.string().trim().min(1).max(100).meta({ description: "The sale's order number." }),
});
export type UnitCoverageLine = z.infer<typeof unitCoverageLineSchema>;

export const UNIT_COVERAGE_REJECTIONS = [
  "import.format",
  "coverage.plan_unknown",
  "coverage.unit_unknown",
  "coverage.dates_inverted",
  "coverage.before_manufacture",
  "coverage.overlap",
] as const;

export const unitCoverageRejectionSchema = z.object({
  line: z.number().int(),
  code: z.enum(UNIT_COVERAGE_REJECTIONS),
  reason: z.string(),
});
export type UnitCoverageRejection = z.infer<typeof unitCoverageRejectionSchema>;

/** What an import of extended-warranty sales did, with the first rejected lines, their codes and why. */
export const unitCoverageLinesResultSchema = z.object({
  stored: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  rejections: z.array(unitCoverageRejectionSchema),
});
