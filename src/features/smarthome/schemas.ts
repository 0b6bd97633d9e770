import { z } from "zod";

/** The smart-home platform's event (R6), documented in the OpenAPI document. */
export const smarthomeEventSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(100)
    .meta({ description: "Unique per event: a replay with the same id changes nothing." }),
  type: z.enum(["device.paired", "device.removed"]),
  occurredAt: z.iso.datetime(),
  account: z.strictObject({
    email: z.email().meta({ description: "The owner's account, linked in the smart-home app." }),
  }),
  device: z.strictObject({
    id: z.string().min(1).max(200).meta({ description: "The platform's id of the device." }),
    manufacturer: z.string().max(100),
    oem: z
      .boolean()
      .default(false)
      .meta({ description: "Made by a partner factory: kept, not offered for registration." }),
    model: z.string().max(64).optional(),
    serial: z.string().max(60).optional(),
    name: z.string().max(100).optional(),
  }),
});
export type SmarthomeEvent = z.infer<typeof smarthomeEventSchema>;

export const smarthomeEventResultSchema = z.object({ status: z.enum(["applied", "duplicate"]) });
export type SmarthomeEventResult = z.infer<typeof smarthomeEventResultSchema>;
