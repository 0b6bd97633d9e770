import { createServer, type RequestListener, type Server } from "node:http";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { Config } from "../config/config.ts";
import type { Database } from "../db/database.ts";
import { type Clock, systemClock } from "../domain/clock.ts";
import { MAX_PROOF_BYTES } from "../domain/proof-file.ts";
import { accessLogRoutes } from "../features/access-log/routes.ts";
import { accountDeletionRoutes } from "../features/account-deletion/routes.ts";
import { startErasureTimer } from "../features/account-deletion/timer.ts";
import { createAuth } from "../features/accounts/auth.ts";
import { authRoutes } from "../features/accounts/auth-routes.ts";
import { sessionRoutes } from "../features/accounts/routes.ts";
import { sessionCookieName, sessionReader } from "../features/accounts/sessions.ts";
import { catalogueRoutes } from "../features/catalogue/routes.ts";
import { startPendingFileSweep } from "../features/claims/pending-files.ts";
import { claimRoutes } from "../features/claims/routes.ts";
import { type FileStorage, localDiskStorage } from "../features/claims/storage.ts";
import { consentRoutes } from "../features/consents/routes.ts";
import { findContentImageKey } from "../features/content/queries.ts";
import { contentRoutes } from "../features/content/routes.ts";
import { customerServiceRoutes } from "../features/customer-service/routes.ts";
import { dataExportRoutes } from "../features/data-export/routes.ts";
import { DATA_EXPORT_TOPIC, dataExportHandler } from "../features/data-export/service.ts";
import { startExportExpiry } from "../features/data-export/timer.ts";
import { devMailRoutes } from "../features/dev-mail/routes.ts";
import { healthRoutes } from "../features/health/routes.ts";
import { labelRoutes } from "../features/labels/routes.ts";
import { myPageRoutes } from "../features/my-page/routes.ts";
import { type OutboxWorker, startOutboxWorker } from "../features/outbox/worker.ts";
import { profileRoutes } from "../features/profile/routes.ts";
import { publicConfigRoutes } from "../features/public-config/routes.ts";
import { registrationRoutes } from "../features/registration/routes.ts";
import { findRepairPhotoKey } from "../features/repairs/queries.ts";
import { partnerRoutes, repairRoutes } from "../features/repairs/routes.ts";
import { PARTNER_WEBHOOK_TOPIC, partnerWebhookHandler } from "../features/repairs/webhook.ts";
import { rewardsRoutes } from "../features/rewards/routes.ts";
import { smarthomeRoutes } from "../features/smarthome/routes.ts";
import { staffRoutes } from "../features/staff/routes.ts";
import { transferRoutes } from "../features/transfers/routes.ts";
import { startTransferTimer } from "../features/transfers/timer.ts";
import { deviceTokenActor } from "../features/tv/device-token.ts";
import { oauthRoutes, tvRoutes } from "../features/tv/routes.ts";
import { unitRoutes } from "../features/units/routes.ts";
import { startReminderTimer } from "../features/warranty/reminder-timer.ts";
import { calendarRoutes, confirmationRoutes, coverageImportRoutes } from "../features/warranty/routes.ts";
import { warrantyLookupRoutes } from "../features/warranty-lookup/routes.ts";
import { declaredLimits, enforceAccess, enforceClient, isApiRoute } from "./access.ts";
import { type Client, checkCsrf, resolveActor } from "./actor.ts";
import type { ErrorCode } from "./error-codes.ts";
import { installErrorHandler } from "./error-handler.ts";
import { clientErrorHandler, frameworkErrors } from "./framework-errors.ts";
import { refuseNulCharacters } from "./input-guard.ts";
import { loggerOptions, requestId } from "./logger.ts";
import { bodyTooLarge, NDJSON_LIMITS } from "./ndjson.ts";
import { registerOpenApi } from "./openapi.ts";
import { registerSecurityHeaders } from "./security-headers.ts";
import { registerWeb } from "./web.ts";

declare module "fastify" {
  interface FastifyInstance {
    outbox: OutboxWorker;
    /** Every route with what it declares (access, limit), for the checks that walk them all. */
    routeTable: RouteEntry[];
    /** Where services read the time. */
    clock: Clock;
  }
}

export interface RouteEntry {
  methods: string[];
  url: string;
  access: "public" | "user" | "service" | "partner" | undefined;
  limit: "lookup" | undefined;
  /** The clients the route serves; undefined means the default (web and app). */
  clients: readonly Client[] | undefined;
}

export interface AppOptions {
  config: Config;
  database: Database;
  /** Drain the outbox on a timer (default). Tests turn it off and call `app.outbox.drain()`. */
  outboxTimer?: boolean;
  /** Where the built web app is; tests of the API alone do not need it. */
  webRoot?: string;
  /** Where uploaded files go; the local disk under FILES_DIR by default. */
  storage?: FileStorage;
  /** `false` for no logs; a stream to capture them (tests read what was logged). */
  logger?: boolean | { stream: NodeJS.WritableStream };
  /** Where services read the time; the system clock by default, a manual one in tests. */
  clock?: Clock;
  /** Told of every problem a route answers with that its OpenAPI entry does not list (tests). */
  onUndocumentedCode?: (entry: { method: string; url: string; code: ErrorCode }) => void;
}

/**
 * The HTTP server, with the time limits Fastify leaves off: a request must arrive whole within
 * REQUEST_TIMEOUT_SECONDS (checked every two seconds, not Node's 30), and a socket with no byte
 * either way for a minute is closed, so a client that trickles its body cannot hold sockets.
 */
function httpServer(config: Config, handler: RequestListener): Server {
  const server = createServer(
    {
      requestTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(2_000, config.requestTimeoutMs),
      keepAliveTimeout: 72_000,
    },
    handler,
  );
  server.setTimeout(60_000);
  return server;
}

/**
 * Builds the whole application. Plugins load in a fixed order: external ones (security, cookies,
 * rate limits, OpenAPI), then the app's own (errors, sessions), then the routes.
 *
 * @example
 * const app = await buildApp({ config: loadConfig(), database });
 * await app.listen({ port: 3000 });
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const clock = options.clock ?? systemClock;
  const storage = options.storage ?? localDiskStorage(config.filesDir);
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            ...loggerOptions(config.logLevel),
            ...(typeof options.logger === "object" ? { stream: options.logger.stream } : {}),
          },
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: false,
    genReqId: requestId,
    // Only the proxies the operator names may say who the client is (per-address limits rely on it).
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    frameworkErrors,
    clientErrorHandler,
    serverFactory: (handler) => httpServer(config, handler),
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const routeTable: RouteEntry[] = [];
  app.decorate("routeTable", routeTable);
  app.decorate("clock", clock);
  app.addHook("onRoute", (route) => {
    const config = (route.config ?? {}) as {
      access?: RouteEntry["access"];
      limit?: RouteEntry["limit"];
      clients?: RouteEntry["clients"];
    };
    routeTable.push({
      methods: [route.method].flat(),
      url: route.url,
      access: config.access,
      limit: config.limit,
      clients: config.clients,
    });
  });

  registerSecurityHeaders(app, config);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await registerOpenApi(app, config.publicUrl);
  installErrorHandler(app, options.onUndocumentedCode);

  const auth = createAuth(config, database, clock);
  const sessions = { read: await sessionReader(auth, database), cookieName: await sessionCookieName(auth) };
  const limit = declaredLimits(config, clock);
  const deletion = {
    database,
    config,
    clock,
    storage,
    verifyPassword: async (hash: string, password: string) =>
      (await auth.$context).password.verify({ hash, password }),
  };
  app.decorateRequest("actor", null);
  // Every decision below is made on the route the request matched, never on its raw URL.
  app.addHook("onRequest", async (request, reply) => {
    if (isApiRoute(request)) {
      request.actor = await resolveActor(
        sessions,
        (token) => deviceTokenActor(database, clock, token),
        request,
        reply,
      );
      enforceAccess(request, config.serviceApiKeys);
    }
    await limit(request);
    enforceClient(request);
  });
  app.addHook("preValidation", refuseNulCharacters);
  app.addHook("preHandler", async (request) => {
    if (isApiRoute(request)) checkCsrf(config.authSecret, request);
  });
  app.addHook("onSend", async (request, reply) => {
    // What a signed-in person or a system with a key sees is theirs alone: no cache keeps it.
    // (Static files keep their own caching: a browser sends the cookie with those too, and so do
    // the few API answers marked `public`, the same for everyone, such as a published image.)
    const shared = String(reply.getHeader("cache-control") ?? "").startsWith("public");
    const credentials =
      request.routeOptions.url?.startsWith("/api/auth/") ||
      (isApiRoute(request) &&
        (request.actor !== null ||
          request.headers.authorization !== undefined ||
          request.headers["x-service-key"] !== undefined));
    if (credentials && !shared) reply.header("cache-control", "no-store");
  });

  await app.register(healthRoutes, { database });
  await app.register(authRoutes, { auth, config });
  await app.register(
    async (api) => {
      // NDJSON bodies are not buffered: bulk endpoints read them line by line (`ndjsonLines`),
      // which bounds each line and the whole body, since bodyLimit does not apply to a stream.
      api.addContentTypeParser("application/x-ndjson", (request, payload, done) => {
        if (Number(request.headers["content-length"] ?? 0) > NDJSON_LIMITS.maxBytes) {
          done(bodyTooLarge(NDJSON_LIMITS), undefined);
        } else {
          done(null, payload);
        }
      });
      await api.register(sessionRoutes, { secret: config.authSecret });
      await api.register(publicConfigRoutes, { config });
      await api.register(profileRoutes, { database, clock });
      await api.register(catalogueRoutes, { database, clock });
      await api.register(unitRoutes, { database, clock });
      await api.register(registrationRoutes, { database, config, clock });
      await api.register(rewardsRoutes, { database, config, clock });
      await api.register(myPageRoutes, { database, config, clock });
      await api.register(confirmationRoutes, { database, config, clock });
      await api.register(coverageImportRoutes, { database, config, clock });
      await api.register(multipart, {
        limits: { fileSize: MAX_PROOF_BYTES, files: 1, fields: 10, fieldSize: 10_000 },
      });
      await api.register(labelRoutes, { database, config, clock });
      await api.register(smarthomeRoutes, { database, config, clock });
      await api.register(tvRoutes, { database, config, clock });
      await api.register(claimRoutes, { database, config, clock, storage });
      await api.register(repairRoutes, { database, config, clock, storage });
      await api.register(partnerRoutes, { database, config, clock, storage });
      await api.register(warrantyLookupRoutes, { database, config, clock });
      await api.register(transferRoutes, { database, config, clock, storage });
      await api.register(customerServiceRoutes, { database, config, clock, auth });
      await api.register(accessLogRoutes, { database, clock });
      await api.register(consentRoutes, { database, clock });
      await api.register(dataExportRoutes, { database, config, clock, storage });
      await api.register(contentRoutes, { database, clock, storage });
      await api.register(accountDeletionRoutes, deletion);
      await api.register(staffRoutes, { database, clock, auth });
      if (config.demoMode && !config.smtpUrl) await api.register(devMailRoutes, { database, config });
    },
    { prefix: "/api/v1" },
  );
  await app.register(calendarRoutes, { database, config, clock });
  await app.register(oauthRoutes, { database, config, clock });
  await registerWeb(app, options.webRoot);

  app.decorate(
    "outbox",
    startOutboxWorker(config, database, app.log, {
      autoStart: options.outboxTimer ?? true,
      clock,
      handlers: {
        [PARTNER_WEBHOOK_TOPIC]: partnerWebhookHandler(database, clock),
        [DATA_EXPORT_TOPIC]: dataExportHandler({ database, config, clock, storage }),
      },
    }),
  );
  const stopReminders =
    options.outboxTimer === false ? async () => {} : startReminderTimer(database, config, clock, app.log);
  const stopFileSweep =
    options.outboxTimer === false
      ? () => {}
      : startPendingFileSweep(
          database,
          storage,
          clock,
          (error) => app.log.error({ err: error }, "pending file sweep failed"),
          async (fileId) =>
            (await findRepairPhotoKey(database.db, fileId)) ??
            (await findContentImageKey(database.db, fileId)),
        );
  const stopTransferTimer =
    options.outboxTimer === false
      ? () => {}
      : startTransferTimer({ database, config, clock, storage }, (error) =>
          app.log.error({ err: error }, "transfer expiry failed"),
        );
  const stopExportExpiry =
    options.outboxTimer === false
      ? () => {}
      : startExportExpiry({ database, config, clock, storage }, (error) =>
          app.log.error({ err: error }, "data export expiry failed"),
        );
  const stopErasure =
    options.outboxTimer === false
      ? () => {}
      : startErasureTimer(deletion, (error) => app.log.error({ err: error }, "account erasure failed"));
  app.addHook("onClose", async () => {
    await stopReminders();
    stopExportExpiry();
    stopErasure();
    stopFileSweep();
    stopTransferTimer();
    await app.outbox.stop();
  });
  return app;
}
