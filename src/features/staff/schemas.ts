import { z } from "zod";
import { personNameSchema } from "../accounts/schemas.ts";

export const STAFF_ROLES = ["agent", "reviewer", "editor", "admin"] as const;

export const staffMemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(STAFF_ROLES),
  /** The number owners see in their access log; null until the first look. */
  staffNumber: z.number().int().nullable(),
  createdAt: z.string(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

export const staffListSchema = z.object({ staff: z.array(staffMemberSchema) });

export const newStaffSchema = z.strictObject({
  email: z.email().max(254),
  name: personNameSchema,
  role: z.enum(STAFF_ROLES),
});

export const staffRoleSchema = z.strictObject({ role: z.enum(STAFF_ROLES) });

export const staffIdParams = z.object({ id: z.string().min(1).max(100) });
