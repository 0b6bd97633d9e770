import { setImmediate as yieldToRequests } from "node:timers/promises";
import type { FastifyBaseLogger } from "fastify";
import nodemailer from "nodemailer";
import type { Config } from "../../config/config.ts";
import type { Database } from "../../db/database.ts";
import { type Clock, systemClock } from "../../domain/clock.ts";
import type { Mail } from "./mail.ts";
import { claimDue, markDone, markFailed, type OutboxMessage } from "./queries.ts";

export type OutboxHandler = (message: OutboxMessage) => Promise<void>;

export interface OutboxWorker {
  /** Handles everything due now; resolves when done. Tests call it to avoid waiting for a tick. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

const MAX_ATTEMPTS = 8;

/**
 * Drains the outbox in this process every `intervalMs`. Several instances may run at once: claims
 * are leases, so a message is handled by one of them at a time. What is due, the leases and the
 * retry delays are read from `clock`.
 */
export function startOutboxWorker(
  config: Config,
  database: Database,
  log: FastifyBaseLogger,
  options: {
    intervalMs?: number;
    autoStart?: boolean;
    clock?: Clock;
    /** Handlers of topics other than mail, by topic (the features that enqueue them bring them). */
    handlers?: Record<string, OutboxHandler>;
  } = {},
): OutboxWorker {
  const clock = options.clock ?? systemClock;
  const handlers = new Map<string, OutboxHandler>([
    ["mail", mailHandler(config, log)],
    ...Object.entries(options.handlers ?? {}),
  ]);
  let running: Promise<number> | null = null;
  let stopped = false;

  async function drainOnce(): Promise<number> {
    let handled = 0;
    for (;;) {
      const batch = await claimDue(database, clock.now(), 20, 60_000);
      if (batch.length === 0) return handled;
      for (const message of batch) {
        const handler = handlers.get(message.topic);
        try {
          if (!handler) throw new Error(`no handler for topic ${message.topic}`);
          await handler(message);
          await markDone(database, message.id, clock.now(), forgottenPayload(message));
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          log.warn(
            { outboxId: message.id, topic: message.topic, attempts: message.attempts, reason },
            "outbox message failed",
          );
          await markFailed(database, message, reason, MAX_ATTEMPTS, clock.now());
        }
        handled++;
      }
      // On SQLite every statement runs on this thread: requests get their turn between batches.
      await yieldToRequests();
    }
  }

  function drain(): Promise<number> {
    if (!running) {
      running = drainOnce().finally(() => {
        running = null;
      });
    }
    return running;
  }

  const timer =
    options.autoStart === false
      ? null
      : setInterval(() => {
          if (!stopped) drain().catch((error) => log.error({ err: error }, "outbox drain failed"));
        }, options.intervalMs ?? 500);
  timer?.unref();

  return {
    drain,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}

function mailHandler(config: Config, log: FastifyBaseLogger): OutboxHandler {
  if (!config.smtpUrl) {
    // No SMTP: the mail stays in the outbox (readable at /dev/mail in demo mode). Only that it was
    // kept goes to the log, never its text: mails carry sign-in and reset links.
    return async (message) => {
      const mail = message.payload as Mail;
      log.info({ mail: { id: message.id, subject: mail.subject } }, "mail kept, not sent (no SMTP_URL)");
    };
  }
  const transport = nodemailer.createTransport(config.smtpUrl);
  return async (message) => {
    const mail = message.payload as Mail;
    await transport.sendMail({ from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text });
  };
}

/** What stays of a mail sent with `forget`: everything but the address. */
function forgottenPayload(message: OutboxMessage): unknown {
  if (message.topic !== "mail") return undefined;
  const mail = message.payload as Mail;
  return mail.forget ? { ...mail, to: "" } : undefined;
}
