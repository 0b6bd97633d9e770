import { z } from "zod";

/** The most identifiers one look-up takes. */
export const MAX_IDENTIFIERS = 100;
/** The calls a minute a look-up key makes unless the operator says otherwise; a service partner's key too. */
export const DEFAULT_PER_MINUTE = 60;

export const warrantyLookupSchema = z.strictObject({
  identifiers: z
    .array(z.string().max(60))
    .min(1)
    .max(MAX_IDENTIFIERS)
    .meta({
      description: `Up to ${MAX_IDENTIFIERS} serial numbers or IMEIs, as printed or typed (spaces, hyphens and case do not matter). Each is answered in its own entry, in this order.`,
    }),
});
export type WarrantyLookupInput = z.infer<typeof warrantyLookupSchema>;

const status = z.enum(["not-started", "active", "ends-soon", "ended"]);
const basis = z.enum(["estimated", "stated", "confirmed"]).meta({
  description:
    "How far the date can be trusted: estimated from the manufacture date, stated by the owner, or confirmed (web shop, activation, a receipt or claim a reviewer read).",
});

const notFound = z.object({
  identifier: z.string().meta({ description: "The identifier as you sent it." }),
  found: z.literal(false),
});

const found = z.object({
  identifier: z.string().meta({ description: "The identifier as you sent it." }),
  found: z.literal(true),
  serial: z.string(),
  model: z.object({
    code: z.string(),
    names: z.object({ nb: z.string(), en: z.string() }),
    categoryCode: z.string(),
  }),
  manufacturedOn: z.string().nullable(),
  registered: z
    .boolean()
    .meta({ description: "Whether an owner has registered the unit (who is never told)." }),
  start: z
    .object({
      date: z.string(),
      basis,
      source: z.enum(["manufacture-date", "purchase-date", "shop-order", "activation", "claim"]),
    })
    .nullable()
    .meta({
      description: "The one date every coverage and the statutory period count from; null without one.",
    }),
  coverages: z.array(
    z.object({
      kind: z.enum(["manufacturer", "registration-bonus", "extended", "repair"]),
      name: z.object({ nb: z.string(), en: z.string() }).nullable(),
      reference: z.string().nullable().meta({
        description: "The extended-warranty product's code; null for the other kinds.",
      }),
      start: z.string(),
      end: z.string().meta({ description: "The last day covered." }),
      basis,
      covers: z.object({ parts: z.boolean(), labour: z.boolean() }),
      status,
    }),
  ),
  statutory: z
    .object({
      years: z.union([z.literal(2), z.literal(5)]),
      start: z.string(),
      end: z.string().meta({ description: "The last day a complaint can be made." }),
      basis,
      status,
    })
    .nullable()
    .meta({ description: "The complaint period of the Consumer Purchases Act; null without a start date." }),
  statutoryYears: z.union([z.literal(2), z.literal(5)]),
  standing: z.enum(["covered", "complaint-only", "ended", "unknown"]),
});

/** One identifier's answer: the unit's warranty, or `found: false` for an unknown or malformed one. */
export const lookedUpUnitSchema = z.discriminatedUnion("found", [found, notFound]);
export type LookedUpUnit = z.infer<typeof lookedUpUnitSchema>;

export const warrantyLookupResultSchema = z.object({
  trackingId: z.string().meta({
    description: "This call's id (also in the `x-tracking-id` header of every answer): quote it to support.",
  }),
  units: z.array(lookedUpUnitSchema),
});
export type WarrantyLookupResult = z.infer<typeof warrantyLookupResultSchema>;

// The operator's look-up clients.

export const lookupClientInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).meta({ description: "The partner, as the operator knows it." }),
  perMinute: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .meta({
      description: `Look-ups a minute the key may make (default ${DEFAULT_PER_MINUTE}).`,
    }),
});
export type LookupClientInput = z.infer<typeof lookupClientInputSchema>;

export const lookupClientSchema = z.object({
  id: z.string(),
  name: z.string(),
  perMinute: z.number().int(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type LookupClient = z.infer<typeof lookupClientSchema>;

export const lookupClientCreatedSchema = z.object({
  id: z.string(),
  name: z.string(),
  perMinute: z.number().int(),
  key: z.string().meta({ description: "The key, shown this once: only its hash is kept." }),
});
export type LookupClientCreated = z.infer<typeof lookupClientCreatedSchema>;

export const lookupClientListSchema = z.object({ clients: z.array(lookupClientSchema) });

export const lookupClientParams = z.object({ id: z.uuid() });
