import { z } from "zod";
import { isValidCalendarDate } from "../../domain/calendar-date.ts";
import {
  isPostcode,
  parsePostcodeRange,
  REPAIR_CHANNELS,
  TIME_WINDOWS,
} from "../../domain/repair-channel.ts";
import { PARTNER_STATUSES, REPAIR_DELAYS, REPAIR_STATUSES } from "../../domain/repair-lifecycle.ts";
import { REPAIR_VERDICTS } from "../../domain/repair-verdict.ts";

/** Repairs as owners, staff, service partners and the operator see and send them. Shared with the web client. */

// Years the portal's dates can hold on both databases: a repair, a part or a fault of our time.
const calendarDate = z
  .string()
  .refine(
    (v) => isValidCalendarDate(v) && v >= "1990-01-01" && v < "2100-01-01",
    "a date as YYYY-MM-DD, 1990 to 2099",
  );
const code = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, "lower-case letters, digits and hyphens");
const text = (max: number) => z.string().trim().min(1).max(max);
const postcode = z.string().trim().refine(isPostcode, "four digits");
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{5,30}$/, "digits, spaces and an optional leading +");
const label = z.strictObject({ code, nb: text(200), en: text(200) });

// ---------------------------------------------------------------- the service network (operator)

export const serviceNetworkSchema = z.strictObject({
  partners: z
    .array(
      z.strictObject({
        id: code,
        name: text(200),
        webhookUrl: z
          .url({ protocol: /^https?$/ })
          .max(500)
          .optional(),
      }),
    )
    .max(1000),
  centres: z
    .array(
      z.strictObject({
        id: code,
        partner: code,
        name: text(200),
        address: text(200),
        postalCode: postcode,
        city: text(100),
        phone: phone.optional(),
        active: z.boolean().default(true),
        serves: z
          .array(
            z.strictObject({
              categories: z.array(code).min(1).max(100),
              channels: z.array(z.enum(REPAIR_CHANNELS)).min(1),
              postcodes: z
                .array(
                  z
                    .string()
                    .refine((v) => parsePostcodeRange(v) !== null, "a postcode or a range like 0001-1299"),
                )
                .min(1)
                .max(2000),
            }),
          )
          .min(1)
          .max(100),
      }),
    )
    .max(5000),
  categories: z
    .array(
      z.strictObject({
        code,
        repairWarrantyMonths: z.number().int().min(0).max(120),
        channels: z.array(z.enum(REPAIR_CHANNELS)).min(1),
        faults: z.array(label).min(1).max(50),
        conditions: z.array(label).max(20).default([]),
      }),
    )
    .max(500),
});
export type ServiceNetwork = z.infer<typeof serviceNetworkSchema>;

export const serviceNetworkResultSchema = z.object({
  partners: z.number().int(),
  centres: z.number().int(),
  coverage: z.number().int(),
  categories: z.number().int(),
});

// ---------------------------------------------------------------- the owner's request

export const repairIdParams = z.object({ id: z.uuid() });
export const repairPhotoParams = z.object({ id: z.uuid(), photoId: z.uuid() });
export const registrationIdParams = z.object({ id: z.uuid() });
export const repairOptionsQuery = z.object({ postcode: postcode.optional() });

const labelOut = z.object({ code: z.string(), nb: z.string(), en: z.string() });

export const repairOptionsSchema = z.object({
  registrationId: z.string(),
  faults: z.array(labelOut),
  conditions: z.array(labelOut),
  /** The channels the category offers; `available` are those a centre serves at the postcode. */
  channels: z.array(z.enum(REPAIR_CHANNELS)),
  available: z.array(z.enum(REPAIR_CHANNELS)),
  postcode: z.string().nullable(),
  verdict: z.enum(REPAIR_VERDICTS),
  repairWarrantyMonths: z.number().int(),
  contact: z.object({
    phone: z.string().nullable(),
    addressLine: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
  }),
  openRepairId: z.string().nullable(),
  /** The owner's name when someone else (an agent on the phone) asks for them; null for the owner. */
  forOwner: z.string().nullable(),
});
export type RepairOptions = z.infer<typeof repairOptionsSchema>;

export const repairRequestSchema = z.strictObject({
  faultCode: code,
  faultText: text(2000),
  faultStartedOn: calendarDate.optional(),
  channel: z.enum(REPAIR_CHANNELS),
  contact: z.strictObject({
    phone,
    addressLine: text(200),
    postalCode: postcode,
    city: text(100),
  }),
  /** Save the phone and address to My information too. */
  saveContact: z.boolean().default(false),
  timeWindow: z.enum(TIME_WINDOWS).optional(),
  conditions: z.array(code).max(20).default([]),
});
export type RepairRequestInput = z.infer<typeof repairRequestSchema>;

export const quoteAnswerSchema = z.strictObject({ decision: z.enum(["approve", "decline"]) });
export const verdictOverrideSchema = z.strictObject({
  verdict: z.enum(REPAIR_VERDICTS),
  reason: text(2000),
});

const quote = z.object({
  amount: z.number(),
  diagnosisFee: z.number(),
  currency: z.string(),
  description: z.string(),
});
const part = z.object({ name: z.string(), expectedOn: z.string().nullable() });

const eventOut = z.object({
  kind: z.string(),
  status: z.enum(REPAIR_STATUSES).nullable(),
  by: z.enum(["owner", "partner", "staff", "portal"]),
  at: z.string(),
  note: z.string().nullable(),
});

/** A repair as its owner and staff see it. */
export const repairSchema = z.object({
  id: z.string(),
  requestNumber: z.string(),
  jobNumber: z.string().nullable(),
  registrationId: z.string(),
  serial: z.string(),
  productNames: z.object({ nb: z.string(), en: z.string() }),
  status: z.enum(REPAIR_STATUSES),
  statusAt: z.string(),
  delay: z.enum(REPAIR_DELAYS).nullable(),
  ownerTask: z.enum(["answer-quote", "hand-over", "lift-lock", "contact-centre", "collect"]).nullable(),
  fault: z.object({
    code: z.string(),
    nb: z.string(),
    en: z.string(),
    text: z.string(),
    startedOn: z.string().nullable(),
  }),
  channel: z.enum(REPAIR_CHANNELS),
  timeWindow: z.enum(TIME_WINDOWS).nullable(),
  contact: z.object({ phone: z.string(), addressLine: z.string(), postalCode: z.string(), city: z.string() }),
  verdict: z.enum(REPAIR_VERDICTS),
  verdictOverridden: z.boolean(),
  centre: z
    .object({
      name: z.string(),
      addressLine: z.string(),
      postalCode: z.string(),
      city: z.string(),
      phone: z.string().nullable(),
    })
    .nullable(),
  quote: quote.nullable(),
  parts: z.array(part),
  diagnosis: z.string().nullable(),
  replacementSerial: z.string().nullable(),
  collectionPlace: z.string().nullable(),
  returnTracking: z.string().nullable(),
  completedOn: z.string().nullable(),
  repairWarrantyEnd: z.string().nullable(),
  trackingLink: z.boolean(),
  photos: z.array(
    z.object({ id: z.string(), mediaType: z.string(), size: z.number().int(), url: z.string() }),
  ),
  events: z.array(eventOut),
  createdAt: z.string(),
});
export type Repair = z.infer<typeof repairSchema>;

export const repairSummarySchema = z.object({
  id: z.string(),
  requestNumber: z.string(),
  jobNumber: z.string().nullable(),
  registrationId: z.string(),
  productNames: z.object({ nb: z.string(), en: z.string() }),
  status: z.enum(REPAIR_STATUSES),
  statusAt: z.string(),
  ownerTask: repairSchema.shape.ownerTask,
  repairWarrantyEnd: z.string().nullable(),
  createdAt: z.string(),
});
export type RepairSummary = z.infer<typeof repairSummarySchema>;
export const repairListSchema = z.object({ repairs: z.array(repairSummarySchema) });

/**
 * A repair of the unit from before it was the owner's: what was done and until when the repair
 * is covered, nothing that names the earlier owner or their case.
 */
export const earlierRepairSchema = z.object({
  productNames: z.object({ nb: z.string(), en: z.string() }),
  status: z.enum(REPAIR_STATUSES),
  statusAt: z.string(),
  repairWarrantyEnd: z.string().nullable(),
  createdAt: z.string(),
});
export type EarlierRepair = z.infer<typeof earlierRepairSchema>;

export const productRepairsSchema = repairListSchema.extend({ earlier: z.array(earlierRepairSchema) });

export const trackingLinkSchema = z.object({ url: z.string(), token: z.string() });
export const trackingParams = z.object({ token: z.string().min(1).max(200) });

/** What a tracking link shows, to whoever has it: the product, the status and the dates; nothing personal. */
export const trackedRepairSchema = z.object({
  requestNumber: z.string(),
  jobNumber: z.string().nullable(),
  productNames: z.object({ nb: z.string(), en: z.string() }),
  status: z.enum(REPAIR_STATUSES),
  statusAt: z.string(),
  delay: z.enum(REPAIR_DELAYS).nullable(),
  channel: z.enum(REPAIR_CHANNELS),
  completedOn: z.string().nullable(),
  repairWarrantyEnd: z.string().nullable(),
  events: z.array(z.object({ status: z.enum(REPAIR_STATUSES), at: z.string() })),
  createdAt: z.string(),
});
export type TrackedRepair = z.infer<typeof trackedRepairSchema>;

export const staffRepairFilterSchema = z.object({
  status: z.enum(REPAIR_STATUSES).optional(),
  number: z.string().max(20).optional(),
});
export const staffRepairListSchema = z.object({
  repairs: z.array(
    repairSummarySchema.extend({
      ownerName: z.string(),
      verdict: z.enum(REPAIR_VERDICTS),
      centreName: z.string().nullable(),
    }),
  ),
});

/** A centre customer service may hand a repair to: one that takes its category by its channel. */
export const centreChoiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  postalCode: z.string(),
  city: z.string(),
  /** Whether the centre serves the repair's postcode by its channel. */
  servesPostcode: z.boolean(),
  /** Whether the centre turned this repair down before. */
  turnedDown: z.boolean(),
});
export type CentreChoice = z.infer<typeof centreChoiceSchema>;
export const centreChoiceListSchema = z.object({ centres: z.array(centreChoiceSchema) });
export const handOverSchema = z.strictObject({
  centreId: z.string().min(1).max(64),
  note: text(2000).optional(),
});

// ---------------------------------------------------------------- the service partner's API

export const jobNumberParams = z.object({ number: z.string().min(1).max(20) });
export const partnerJobFilterSchema = z.object({ status: z.enum(REPAIR_STATUSES).optional() });

export const partnerJobSchema = z.object({
  requestNumber: z.string(),
  jobNumber: z.string().nullable(),
  centreId: z.string(),
  status: z.enum(REPAIR_STATUSES),
  statusAt: z.string(),
  delay: z.enum(REPAIR_DELAYS).nullable(),
  product: z.object({
    serial: z.string(),
    model: z.string(),
    category: z.string(),
    purchaseDate: z.string().nullable(),
  }),
  fault: z.object({ code: z.string(), text: z.string(), startedOn: z.string().nullable() }),
  channel: z.enum(REPAIR_CHANNELS),
  timeWindow: z.enum(TIME_WINDOWS).nullable(),
  verdict: z.enum(REPAIR_VERDICTS),
  /** The owner's contact for the job: only once the partner has accepted it. */
  contact: z
    .object({
      name: z.string(),
      phone: z.string(),
      addressLine: z.string(),
      postalCode: z.string(),
      city: z.string(),
    })
    .nullable(),
  conditions: z.array(z.string()),
  photos: z.array(z.object({ id: z.string(), mediaType: z.string(), url: z.string() })),
  quote: quote.nullable(),
  createdAt: z.string(),
});
export type PartnerJob = z.infer<typeof partnerJobSchema>;
export const partnerJobListSchema = z.object({ jobs: z.array(partnerJobSchema) });

const eventId = z.string().trim().min(1).max(100);
export const acceptSchema = z.strictObject({ eventId: eventId.optional() });
export const rejectSchema = z.strictObject({ reason: text(2000) });

export const partnerEventSchema = z.strictObject({
  eventId,
  occurredAt: z.iso.datetime({ offset: true }).refine((v) => {
    const year = new Date(v).getUTCFullYear();
    return year >= 2000 && year < 2100;
  }, "a time of this century"),
  status: z.enum(PARTNER_STATUSES).optional(),
  delay: z.enum([...REPAIR_DELAYS, "none"]).optional(),
  note: text(2000).optional(),
  quote: z
    .strictObject({
      amount: z.number().nonnegative().max(1_000_000),
      diagnosisFee: z.number().nonnegative().max(100_000),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .default("NOK"),
      description: text(2000),
    })
    .optional(),
  parts: z
    .array(z.strictObject({ name: text(200), expectedOn: calendarDate.optional() }))
    .max(50)
    .optional(),
  diagnosis: text(4000).optional(),
  faultySerial: text(60).optional(),
  replacementSerial: text(60).optional(),
  partsUsed: z.array(text(200)).max(50).optional(),
  collectionPlace: text(300).optional(),
  returnTracking: text(200).optional(),
});
export type PartnerEvent = z.infer<typeof partnerEventSchema>;

export const partnerEventResultSchema = z.object({
  eventId: z.string(),
  applied: z.boolean(),
  /** Why an event was recorded without changing the repair: it happened before the current status. */
  reason: z.enum(["older-than-current"]).nullable(),
  job: partnerJobSchema,
});
