import { z } from "zod";

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
  ownerName: z.string(),
  ownerEmail: z.string(),
  registeredAt: z.string(),
  /** The repair under way on the product, if any: a second request would be refused. */
  openRepairId: z.string().nullable(),
});
export type StaffProduct = z.infer<typeof staffProductSchema>;

export const staffProductListSchema = z.object({ products: z.array(staffProductSchema) });
