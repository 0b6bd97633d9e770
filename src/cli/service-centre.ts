import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import type { Config } from "../config/config.ts";
import type { Database } from "../db/database.ts";
import { systemClock } from "../domain/clock.ts";
import { importServiceNetwork, issuePartnerKey } from "../features/repairs/network.ts";
import { serviceNetworkSchema } from "../features/repairs/schemas.ts";

/**
 * The service network from the command line: the operator imports it and issues partner keys;
 * `service-centre` plays a partner's system against a running portal, over the partner API, as
 * `tv` plays a TV.
 */

export const SERVICE_USAGE = `  service-network import FILE               replace the service network (JSON: partners, centres,
                                            what each serves, each category's repair settings)
  service-partner key ID                    issue a partner a new API key and webhook secret (shown
                                            once; the old key stops working)
  service-centre --key K jobs [--status S]  play a service centre over the partner API at PUBLIC_URL:
  service-centre --key K accept NUMBER        list jobs, accept or turn one down, report a status
  service-centre --key K reject NUMBER --reason R
  service-centre --key K status NUMBER STATUS [--note N] [--amount A --fee F --description D]
        [--part NAME[@YYYY-MM-DD]]... [--diagnosis D] [--replacement SERIAL] [--place P]
        [--tracking T] [--at ISO-TIME] [--event-id ID]
  service-centre --key K delay NUMBER DELAY   a named delay (find-my-lock, parts-late, …; none ends it)
`;

export class CliFailure extends Error {}

/** `service-network import FILE` and `service-partner key ID`: what the operator runs on the database. */
export async function serviceNetworkCommand(
  database: Database,
  command: string,
  args: string[],
): Promise<string> {
  if (command === "service-network" && args[0] === "import") {
    if (!args[1]) throw new CliFailure("Name the file: npm run cli -- service-network import FILE.json");
    const parsed = serviceNetworkSchema.safeParse(JSON.parse(await readFile(args[1], "utf8")));
    if (!parsed.success)
      throw new CliFailure(`The service network file is not valid:\n${z.prettifyError(parsed.error)}`);
    const result = await importServiceNetwork(database, systemClock, parsed.data);
    return `Imported ${result.partners} partners, ${result.centres} centres (${result.coverage} coverage ranges) and the repair settings of ${result.categories} categories.\n`;
  }
  if (command === "service-partner" && args[0] === "key" && args[1]) {
    const { key, webhookSecret } = await issuePartnerKey(database, systemClock, args[1]);
    return `Partner key (shown once): ${key}\nWebhook secret (shown once): ${webhookSecret}\n`;
  }
  throw new CliFailure(`Unknown command "${[command, ...args].join(" ")}".`);
}

/** `service-centre …`: a partner's system, calling the partner API of the portal at PUBLIC_URL. */
export async function serviceCentreCommand(config: Config, args: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      key: { type: "string" },
      status: { type: "string" },
      reason: { type: "string" },
      note: { type: "string" },
      amount: { type: "string" },
      fee: { type: "string" },
      description: { type: "string" },
      part: { type: "string", multiple: true },
      diagnosis: { type: "string" },
      replacement: { type: "string" },
      place: { type: "string" },
      tracking: { type: "string" },
      at: { type: "string" },
      "event-id": { type: "string" },
    },
  });
  if (!values.key)
    throw new CliFailure("--key is required: the partner key `service-partner key ID` printed.");
  const [action, number, third] = positionals;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${config.publicUrl}/api/v1/partner${path}`, {
      method,
      headers: {
        "x-partner-key": values.key as string,
        ...(body ? { "content-type": "application/json" } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new CliFailure(`${response.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const job = (answer: Record<string, unknown>) =>
    `${answer.requestNumber} ${answer.jobNumber ?? "-"} ${answer.status}${answer.delay ? ` (${answer.delay})` : ""}\n`;
  const need = (value: string | undefined, what: string) => {
    if (!value) throw new CliFailure(`Name the ${what}.`);
    return encodeURIComponent(value);
  };

  switch (action) {
    case "jobs": {
      const answer = await call(
        "GET",
        `/jobs${values.status ? `?status=${encodeURIComponent(values.status)}` : ""}`,
      );
      return (answer.jobs as Record<string, unknown>[]).map(job).join("") || "No jobs.\n";
    }
    case "accept":
      return `Accepted: ${job(await call("POST", `/jobs/${need(number, "job number")}/accept`, {}))}`;
    case "reject": {
      if (!values.reason) throw new CliFailure("--reason is required.");
      const answer = await call("POST", `/jobs/${need(number, "job number")}/reject`, {
        reason: values.reason,
      });
      return `Turned down; the request is now ${answer.status}.\n`;
    }
    case "status":
    case "delay": {
      const event = {
        eventId: values["event-id"] ?? randomUUID(),
        occurredAt: values.at ?? new Date().toISOString(),
        ...(action === "status" ? { status: need(third, "status") } : { delay: need(third, "delay") }),
        ...(values.note ? { note: values.note } : {}),
        ...(values.amount
          ? {
              quote: {
                amount: Number(values.amount),
                diagnosisFee: Number(values.fee ?? 0),
                description: values.description ?? "",
              },
            }
          : {}),
        ...(values.part
          ? {
              parts: values.part.map((p) => {
                const [name = "", expectedOn] = p.split("@");
                return { name, ...(expectedOn ? { expectedOn } : {}) };
              }),
            }
          : {}),
        ...(values.diagnosis ? { diagnosis: values.diagnosis } : {}),
        ...(values.replacement ? { replacementSerial: values.replacement } : {}),
        ...(values.place ? { collectionPlace: values.place } : {}),
        ...(values.tracking ? { returnTracking: values.tracking } : {}),
      };
      const answer = await call("POST", `/jobs/${need(number, "job number")}/events`, event);
      return `${answer.applied ? "Applied" : "Recorded, not applied (older than the current status)"}: ${job(answer.job as Record<string, unknown>)}`;
    }
    default:
      throw new CliFailure(`Unknown service-centre action "${action ?? ""}".\n\n${SERVICE_USAGE}`);
  }
}
