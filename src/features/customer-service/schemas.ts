import { z } from "zod";
import { STAFF_NOTE_MAX } from "../../domain/access-reason.ts";
import { CONSENT_PURPOSES } from "../../domain/consent.ts";
import { profileSchema } from "../profile/schemas.ts";
import {
  purchaseDateEventSchema,
  registrationSchema,
  unregisteredProductSchema,
} from "../registration/schemas.ts";
import { repairSummarySchema } from "../repairs/schemas.ts";
import { pointsSchema } from "../rewards/schemas.ts";
import { transferSchema } from "../transfers/schemas.ts";

export const productSearchQuery = z.object({
  /** A serial number or an IMEI, as the owner reads it out: spaces, dashes and look-alikes allowed. */
  identifier: z.string().trim().min(1).max(40),
});

export const staffProductSchema = z.object({
  registrationId: z.string(),
  unitSerial: z.string(),
  /** `exact` for the unit typed; `look-alike` for one whose serial differs by characters such as O and 0. */
  match: z.enum(["exact", "look-alike"]),
  productNames: z.object({ nb: z.string(), en: z.string() }),
  ownerId: z.string(),
  ownerName: z.string(),
  ownerEmail: z.string(),
  registeredAt: z.string(),
  /** The repair under way on the product, if any: a second request would be refused. */
  openRepairId: z.string().nullable(),
});
export type StaffProduct = z.infer<typeof staffProductSchema>;

export const staffProductListSchema = z.object({ products: z.array(staffProductSchema) });

export const customerSearchQuery = z.object({
  /** An e-mail address, a phone number, a name's start, a serial or IMEI, or a claim or repair number. */
  q: z.string().trim().min(1).max(100),
});

export const staffCustomerSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  /** What the term matched: the owner's e-mail, phone or name. */
  match: z.enum(["email", "phone", "name"]),
});
export type StaffCustomer = z.infer<typeof staffCustomerSchema>;

export const staffClaimHitSchema = z.object({
  id: z.string(),
  status: z.string(),
  registrationId: z.string(),
  createdAt: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  productNames: z.object({ nb: z.string(), en: z.string() }).nullable(),
});

export const staffRepairHitSchema = z.object({
  id: z.string(),
  requestNumber: z.string(),
  jobNumber: z.string().nullable(),
  status: z.string(),
  registrationId: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  productNames: z.object({ nb: z.string(), en: z.string() }),
});

/** Everything one search term found, by kind; most lists hold one entry or none. */
export const customerSearchResultSchema = z.object({
  customers: z.array(staffCustomerSchema),
  products: z.array(staffProductSchema),
  claims: z.array(staffClaimHitSchema),
  repairs: z.array(staffRepairHitSchema),
});
export type CustomerSearchResult = z.infer<typeof customerSearchResultSchema>;

/** A note one member of staff leaves for the others on a customer's record; the owner never sees it. */
export const staffNoteSchema = z.object({
  id: z.string(),
  text: z.string(),
  staff: z.object({ role: z.string(), number: z.number().int() }),
  at: z.string(),
});
export type StaffNote = z.infer<typeof staffNoteSchema>;

export const staffNoteBody = z.strictObject({ text: z.string().trim().min(1).max(STAFF_NOTE_MAX) });

const names = z.object({ nb: z.string(), en: z.string() });

/** One customer's whole record, as customer service opens it. */
export const customerRecordSchema = z.object({
  customer: profileSchema.omit({ role: true }).extend({
    id: z.string(),
    createdAt: z.string(),
    /** Signed-in browsers and apps (sessions not expired), and TVs and scanners signed in. */
    activeSessions: z.number().int(),
    activeDevices: z.number().int(),
  }),
  products: z.array(
    registrationSchema.extend({
      manufacturedOn: z.string().nullable(),
      purchaseDateHistory: z.array(purchaseDateEventSchema),
    }),
  ),
  devices: z.array(unregisteredProductSchema),
  claims: z.array(
    z.object({
      id: z.string(),
      status: z.string(),
      registrationId: z.string(),
      productNames: names.nullable(),
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
  ),
  repairs: z.array(repairSummarySchema),
  points: pointsSchema,
  /** The customer's answer per purpose (consent to the text in force), and when they last answered. */
  consents: z.array(
    z.object({ purpose: z.enum(CONSENT_PURPOSES), given: z.boolean(), answeredAt: z.string().nullable() }),
  ),
  /** The latest lines of the audit log about the owner: what they, or staff for them, did. */
  activity: z.array(
    z.object({ id: z.number().int(), action: z.string(), actorRole: z.string(), at: z.string() }),
  ),
  notes: z.array(staffNoteSchema),
  /** Requests to move a product that the customer made or is asked to answer. */
  transfers: z.array(transferSchema.extend({ customerAsked: z.boolean() })),
});
export type CustomerRecord = z.infer<typeof customerRecordSchema>;

export const sessionsEndedSchema = z.object({ sessions: z.number().int(), devices: z.number().int() });
export const verificationMailSchema = z.object({ sentTo: z.string() });
