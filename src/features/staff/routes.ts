import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../domain/clock.ts";
import { requireActor } from "../../server/actor.ts";
import { problemResponses } from "../../server/openapi.ts";
import type { Auth } from "../accounts/auth.ts";
import {
  newStaffSchema,
  staffIdParams,
  staffListSchema,
  staffMemberSchema,
  staffRoleSchema,
} from "./schemas.ts";
import { addStaffMember, changeStaffRole, removeStaffMember, staffAccounts } from "./service.ts";

/** The admin's staff accounts: who works in customer service, warranty review and administration. */
export const staffRoutes: FastifyPluginAsyncZod<{ database: Database; clock: Clock; auth: Auth }> = async (
  app,
  { database, clock, auth },
) => {
  app.get(
    "/admin/staff",
    {
      schema: {
        tags: ["Administration"],
        summary: "Every staff account, by role and name (admins only)",
        response: { 200: staffListSchema, ...problemResponses("auth.required", "auth.forbidden") },
      },
    },
    async (request) => ({ staff: await staffAccounts(database, requireActor(request)) }),
  );

  app.post(
    "/admin/staff",
    {
      schema: {
        tags: ["Administration"],
        summary: "Add a staff member: they get a mail to choose their password",
        body: newStaffSchema,
        response: {
          201: staffMemberSchema,
          ...problemResponses(
            "auth.required",
            "auth.forbidden",
            "auth.csrf",
            "request.invalid",
            "staff.email_taken",
          ),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addStaffMember(database, auth, clock, requireActor(request), request.body)),
  );

  app.patch(
    "/admin/staff/:id",
    {
      schema: {
        tags: ["Administration"],
        summary: "Give a staff member another role",
        params: staffIdParams,
        body: staffRoleSchema,
        response: {
          200: staffMemberSchema,
          ...problemResponses(
            "auth.required",
            "auth.forbidden",
            "auth.csrf",
            "request.invalid",
            "staff.not_found",
            "staff.self",
          ),
        },
      },
    },
    async (request) =>
      changeStaffRole(database, clock, requireActor(request), request.params.id, request.body.role),
  );

  app.delete(
    "/admin/staff/:id",
    {
      schema: {
        tags: ["Administration"],
        summary: "Remove a staff account (its lines in owners' access logs stay)",
        params: staffIdParams,
        response: {
          204: z.null(),
          ...problemResponses(
            "auth.required",
            "auth.forbidden",
            "auth.csrf",
            "staff.not_found",
            "staff.self",
          ),
        },
      },
    },
    async (request, reply) => {
      await removeStaffMember(database, clock, requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
