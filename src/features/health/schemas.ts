import { z } from "zod";

const dialect = z.enum(["sqlite", "postgres"]);

export const livenessSchema = z.object({ status: z.literal("ok") });

export const readinessSchema = z.object({ status: z.literal("ready"), database: dialect });

export const unavailableSchema = z.object({ status: z.literal("unavailable"), database: dialect });

export type Readiness = z.infer<typeof readinessSchema> | z.infer<typeof unavailableSchema>;
