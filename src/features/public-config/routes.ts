import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Config } from "../../config/config.ts";
import { publicConfigSchema } from "./schemas.ts";
import { publicConfigOf } from "./service.ts";

// The web client still reads the type from here; `./schemas.ts` is its home.

/** The operator's settings that the web pages show (links and contacts), nothing secret. */
export const publicConfigRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const body = publicConfigOf(config);
  app.get(
    "/config",
    {
      config: { access: "public" },
      schema: {
        tags: ["Operations"],
        summary: "Public settings for the web app",
        response: { 200: publicConfigSchema },
      },
    },
    async () => body,
  );
};
