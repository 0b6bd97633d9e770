import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import QRCode from "qrcode";
import { z } from "zod";
import { type Config, loadConfig } from "../config/config.ts";
import { type Database, openDatabase } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { systemClock } from "../domain/clock.ts";
import { COUNTRIES } from "../domain/country.ts";
import { createAuth, ROLES, type Role } from "../features/accounts/auth.ts";
import {
  createVerifiedUser,
  InvalidNameError,
  UserExistsError,
  WeakPasswordError,
} from "../features/accounts/service.ts";
import { catalogueSchema } from "../features/catalogue/schemas.ts";
import { importCatalogue } from "../features/catalogue/service.ts";
import { localDiskStorage } from "../features/claims/storage.ts";
import { importPostcodeRegister } from "../features/profile/postcodes.ts";
import { signWebhook } from "../features/smarthome/signature.ts";
import { type ImportFormat, ImportFormatError, importUnits } from "../features/units/import.ts";
import { receiveConfirmationLines } from "../features/warranty/confirmations.ts";
import { runReminders } from "../features/warranty/reminders.ts";
import { lookupClientInputSchema } from "../features/warranty-lookup/schemas.ts";
import { createLookupClient, revokeLookupClientKey } from "../features/warranty-lookup/service.ts";
import { scanNetwork } from "../features/wifi-scan/scan.ts";
import { exitWithReason } from "../server/exit.ts";
import { Problem } from "../server/problem.ts";
import { loadDemoData } from "./demo-data.ts";
import { progressBar } from "./progress.ts";
import { CliFailure, SERVICE_USAGE, serviceCentreCommand, serviceNetworkCommand } from "./service-centre.ts";

const USAGE = `Usage: npm run cli -- <command>

  migrate                                   apply every pending migration
  demo-data [--units N]                     load the demo catalogue, N demo units (default 50000)
                                            and the demo accounts; idempotent
  import units FILE [--format csv|ndjson] [--rejects FILE]
                                            stream the factory feed into the unit registry;
                                            bad rows go to the rejects file (default FILE.rejects.ndjson)
  import catalogue FILE                     import categories, models and documents (JSON)
  import postcodes FILE [--country NO]      load the post's postcode register (tab-separated:
                                            postcode, place, ...; UTF-8 or Windows-1252) in place
                                            of the country's, so My information fills in the place
  smarthome-send --email E --device-id D [--serial S] [--model M] [--manufacturer Nordlys] [--oem] [--remove]
                                            send a signed pairing (or removal) event to PUBLIC_URL,
                                            as the smart-home platform would
  tv --serial S --model M                   play a TV: show a code and a QR code, wait for the
                                            owner to agree, then register itself (channel tv)
  scan [--host H --port P] [--timeout MS] [--send | --token BEARER]
                                            Wi-Fi scan: SSDP discovery and UPnP descriptions; with
                                            --send the owner signs in by device code (as a TV does)
                                            and the devices go to Unregistered products
  reminders                                 queue the warranty reminders due today (the server
                                            also does it every REMINDER_INTERVAL_MINUTES)
  import confirmations FILE                 purchase confirmations (NDJSON: web-shop deliveries,
                                            phone activations); idempotent
  user create --email E --role R [--password P] [--name N]
                                            create a verified account; without --password
                                            one is generated and printed once
                                            roles: ${ROLES.join(", ")}
  lookup-client add NAME [PER_MINUTE]       give a partner a warranty look-up key (shown once),
                                            PER_MINUTE look-ups a minute (default 60)
  lookup-client revoke ID                   revoke a look-up key: its next call is refused
${SERVICE_USAGE}`;

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    process.stdout.write(USAGE);
    return;
  }
  const config = loadConfig();
  if (command === "tv") {
    await tvSimulator(config, rest);
    return;
  }
  if (command === "scan") {
    await scanCommand(config, rest);
    return;
  }
  if (command === "smarthome-send") {
    await sendSmarthomeEvent(config, rest);
    return;
  }
  if (command === "service-centre") {
    process.stdout.write(await serviceCentreCommand(config, rest).catch(failOn));
    return;
  }
  const database = await openDatabase(config.databaseUrl);
  try {
    const applied = await migrateToLatest(database);
    if (command === "migrate") {
      process.stdout.write(
        applied.length ? `Applied: ${applied.join(", ")}\n` : "The database is up to date.\n",
      );
      return;
    }
    const auth = createAuth(config, database);
    if (command === "demo-data") {
      const { values } = parseArgs({ args: rest, options: { units: { type: "string" } }, strict: true });
      const units = values.units === undefined ? config.demoDataUnits : Number(values.units);
      if (!Number.isInteger(units) || units < 0) fail("--units must be a whole number.");
      const bar = progressBar(null);
      const result = await loadDemoData(auth, database, {
        units,
        onProgress: (n) => bar.update(n, 0),
        storage: localDiskStorage(config.filesDir),
      });
      bar.done();
      process.stdout.write(
        `Demo data is loaded: the catalogue, ${result.units.toLocaleString("en")} units and the demo accounts.\n`,
      );
      return;
    }
    if (command === "import" && rest[0] === "units") {
      await importUnitsCommand(database, rest.slice(1));
      return;
    }
    if (command === "reminders") {
      const run = await runReminders(database, config, systemClock);
      process.stdout.write(
        run.leased
          ? `Reminders queued: ${run.queued} (${run.visited} products due read). The outbox worker of a running server sends them.\n`
          : "Another instance is running the reminders now; nothing was done.\n",
      );
      return;
    }
    if (command === "import" && rest[0] === "confirmations") {
      if (!rest[1]) fail("Name the file: npm run cli -- import confirmations FILE.ndjson");
      const lines = createInterface({
        input: createReadStream(rest[1]),
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      const counts = await receiveConfirmationLines(database, systemClock, config, lines, (r) =>
        process.stderr.write(`line ${r.line}: ${r.reason}\n`),
      );
      process.stdout.write(
        `Stored: ${counts.stored}  updated: ${counts.updated}  unchanged: ${counts.unchanged}  rejected: ${counts.rejected}\n`,
      );
      return;
    }
    if (command === "import" && rest[0] === "postcodes") {
      const { values, positionals } = parseArgs({
        args: rest.slice(1),
        options: { country: { type: "string", default: "NO" } },
        allowPositionals: true,
        strict: true,
      });
      const country = COUNTRIES.find((c) => c === values.country);
      if (!country) fail(`--country must be one of ${COUNTRIES.join(", ")}.`);
      if (!positionals[0]) fail("Name the register file: npm run cli -- import postcodes FILE");
      const result = await importPostcodeRegister(database, country, positionals[0]);
      for (const r of result.rejected) process.stderr.write(`line ${r.line}: ${r.reason}\n`);
      process.stdout.write(
        `Loaded ${result.loaded} postcodes of ${country}; ${result.rejected.length} lines rejected.\n`,
      );
      return;
    }
    if (command === "import" && rest[0] === "catalogue") {
      if (!rest[1]) fail("Name the catalogue file: npm run cli -- import catalogue FILE.json");
      const parsed = catalogueSchema.safeParse(JSON.parse(await readFile(rest[1], "utf8")));
      if (!parsed.success) fail(`The catalogue file is not valid:\n${z.prettifyError(parsed.error)}`);
      const result = await importCatalogue(database, parsed.data);
      process.stdout.write(
        `Imported ${result.categories} categories, ${result.models} models and ${result.documents} documents.\n`,
      );
      return;
    }
    if (command === "service-network" || command === "service-partner") {
      process.stdout.write(await serviceNetworkCommand(database, command, rest).catch(failOn));
      return;
    }
    if (command === "lookup-client" && rest[0] === "add") {
      const [, name, perMinute] = rest;
      const parsed = lookupClientInputSchema.safeParse({
        name: name ?? "",
        ...(perMinute !== undefined ? { perMinute: Number(perMinute) } : {}),
      });
      if (!parsed.success)
        fail(`Usage: npm run cli -- lookup-client add NAME [PER_MINUTE]\n${z.prettifyError(parsed.error)}`);
      const client = await createLookupClient(database, systemClock, parsed.data);
      process.stdout.write(
        `Look-up client ${client.name} (id ${client.id}, ${client.perMinute} look-ups a minute).\nKey (shown once): ${client.key}\n`,
      );
      return;
    }
    if (command === "lookup-client" && rest[0] === "revoke") {
      if (!rest[1]) fail("Name the client: npm run cli -- lookup-client revoke ID");
      await revokeLookupClientKey(database, systemClock, rest[1]).catch(failOn);
      process.stdout.write(`The look-up key of ${rest[1]} is revoked.\n`);
      return;
    }
    if (command === "user" && rest[0] === "create") {
      const { values } = parseArgs({
        args: rest.slice(1),
        options: {
          email: { type: "string" },
          role: { type: "string", default: "customer" },
          password: { type: "string" },
          name: { type: "string" },
        },
        strict: true,
      });
      if (!values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email))
        fail("--email must be an email address.");
      if (!ROLES.includes(values.role as Role)) fail(`--role must be one of ${ROLES.join(", ")}.`);
      if (values.password !== undefined && values.password.length < 10)
        fail("--password must be at least 10 characters.");
      try {
        const created = await createVerifiedUser(auth, database, {
          email: values.email as string,
          role: values.role as Role,
          ...(values.password !== undefined && { password: values.password }),
          ...(values.name !== undefined && { name: values.name }),
        });
        process.stdout.write(`Created ${values.role} ${values.email} (id ${created.userId}).\n`);
        if (created.generated) process.stdout.write(`Password (shown once): ${created.password}\n`);
      } catch (error) {
        if (
          error instanceof UserExistsError ||
          error instanceof WeakPasswordError ||
          error instanceof InvalidNameError
        ) {
          fail(error.message);
        }
        throw error;
      }
      return;
    }
    fail(`Unknown command "${argv.join(" ")}".\n\n${USAGE}`);
  } finally {
    await database.close();
  }
}

async function importUnitsCommand(database: Database, args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    options: { format: { type: "string" }, rejects: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0];
  if (!file) fail("Name the file: npm run cli -- import units FILE.csv");
  const format = (values.format ?? (file.endsWith(".csv") ? "csv" : "ndjson")) as ImportFormat;
  if (format !== "csv" && format !== "ndjson") fail("--format must be csv or ndjson.");
  const total = (await stat(file)).size;
  const rejectsPath = values.rejects ?? `${file}.rejects.ndjson`;
  const rejects = createWriteStream(rejectsPath);
  const bar = progressBar(total);
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  try {
    const summary = await importUnits(database, lines, {
      format,
      onReject: (r, raw) => rejects.write(`${JSON.stringify({ ...r, raw: raw.slice(0, 1000) })}\n`),
      onProgress: (p) => bar.update(p.lines, p.bytes),
    });
    bar.update(summary.rows, total, true);
    bar.done();
    process.stdout.write(
      `Rows: ${summary.rows.toLocaleString("en")}  written: ${summary.written.toLocaleString("en")}  unchanged: ${summary.unchanged.toLocaleString("en")}  rejected: ${summary.rejected.toLocaleString("en")}  (${summary.seconds}s, ${summary.rowsPerSecond.toLocaleString("en")} rows/s)\n`,
    );
    if (summary.rejected > 0)
      process.stdout.write(`Rejected rows, with line number and reason: ${rejectsPath}\n`);
  } catch (error) {
    if (error instanceof ImportFormatError) fail(`Cannot import ${file}: ${error.message}.`);
    throw error;
  } finally {
    await new Promise((resolve) => rejects.end(resolve));
  }
}

/**
 * Signs in the way a TV does (RFC 8628): shows a code and a QR code, waits until the owner agrees
 * on a phone, and returns the bearer token.
 */
async function deviceSignIn(
  config: Config,
  clientId: string,
  extra: Record<string, string>,
): Promise<string> {
  const form = (fields: Record<string, string>) => ({
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  const start = await fetch(
    `${config.publicUrl}/oauth/device_authorization`,
    form({ client_id: clientId, ...extra }),
  );
  const grant = (await start.json()) as Record<string, string | number>;
  if (!start.ok) fail(`The portal refused: ${grant.error_description ?? grant.error}`);
  const qr = await QRCode.toString(String(grant.verification_uri_complete), {
    type: "terminal",
    small: true,
  });
  process.stdout.write(
    `${qr}\nOn your phone, open ${grant.verification_uri} and type the code ${grant.user_code}\n(or scan the QR code). Waiting …\n`,
  );
  let interval = Number(grant.interval) * 1000;
  const deadline = Date.now() + Number(grant.expires_in) * 1000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, interval));
    const answer = await fetch(
      `${config.publicUrl}/oauth/token`,
      form({
        grant_type: "urn:ietf:params:oauth:grant-type:device_code",
        device_code: String(grant.device_code),
        client_id: clientId,
      }),
    );
    const body = (await answer.json()) as Record<string, string | number>;
    if (answer.ok) return String(body.access_token);
    if (body.error === "slow_down") interval = Number(body.interval ?? interval / 1000 + 5) * 1000;
    else if (body.error !== "authorization_pending") fail(`Not connected: ${body.error}.`);
  }
  fail("The code expired before anyone agreed.");
}

async function tvSimulator(config: Config, args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      serial: { type: "string" },
      model: { type: "string" },
      "client-id": { type: "string", default: "tv-simulator" },
    },
    strict: true,
  });
  if (!values.serial || !values.model) fail("--serial and --model are required.");
  const token = await deviceSignIn(config, values["client-id"] as string, {
    serial: values.serial as string,
    model: values.model as string,
  });
  const registered = await fetch(`${config.publicUrl}/api/v1/tv/register`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ serial: values.serial, model: values.model }),
  });
  const result = (await registered.json()) as {
    id?: string;
    channel?: string;
    code?: string;
    detail?: string;
  };
  if (!registered.ok) fail(`The TV could not register itself: ${result.code} (${result.detail}).`);
  process.stdout.write(
    `Registered: ${values.model} ${values.serial} (channel ${result.channel}, registration ${result.id}).\n`,
  );
}

async function scanCommand(config: Config, args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      host: { type: "string" },
      port: { type: "string" },
      timeout: { type: "string", default: "3000" },
      token: { type: "string" },
      send: { type: "boolean", default: false },
    },
    strict: true,
  });
  const report = await scanNetwork({
    brand: config.brandName,
    ...(values.host ? { host: values.host } : {}),
    ...(values.port ? { port: Number(values.port) } : {}),
    timeoutMs: Number(values.timeout),
  });
  for (const d of report.devices) {
    process.stdout.write(
      `${d.manufacturer}  ${d.modelName}  ${d.modelNumber ?? "-"}  serial ${d.serialNumber ?? "-"}  ${d.udn}\n`,
    );
  }
  for (const s of report.skipped) process.stdout.write(`skipped ${s.location}: ${s.reason}\n`);
  process.stdout.write(`${report.devices.length} device(s) of ${config.brandName} found.\n`);
  if ((values.send || values.token) && report.devices.length > 0) {
    const token = values.token ?? (await deviceSignIn(config, "wifi-scan", {}));
    const response = await fetch(`${config.publicUrl}/api/v1/discovered`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ devices: report.devices }),
    });
    process.stdout.write(`Sent to My products: ${response.status} ${await response.text()}\n`);
    if (!response.ok) process.exit(1);
  }
}

async function sendSmarthomeEvent(config: Config, args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: "string" },
      "device-id": { type: "string" },
      serial: { type: "string" },
      model: { type: "string" },
      manufacturer: { type: "string", default: config.brandName },
      oem: { type: "boolean", default: false },
      remove: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (!values.email || !values["device-id"]) fail("--email and --device-id are required.");
  if (!config.smarthomeWebhookSecret) fail("Set SMARTHOME_WEBHOOK_SECRET (the same as the server's).");
  const body = JSON.stringify({
    id: randomUUID(),
    type: values.remove ? "device.removed" : "device.paired",
    occurredAt: new Date().toISOString(),
    account: { email: values.email },
    device: {
      id: values["device-id"],
      manufacturer: values.manufacturer,
      oem: values.oem,
      ...(values.serial ? { serial: values.serial } : {}),
      ...(values.model ? { model: values.model } : {}),
    },
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(`${config.publicUrl}/api/v1/webhooks/smarthome`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-smarthome-timestamp": String(timestamp),
      "x-smarthome-signature": signWebhook(config.smarthomeWebhookSecret as string, timestamp, body),
    },
    body,
  });
  process.stdout.write(`${response.status} ${await response.text()}\n`);
  if (!response.ok) process.exit(1);
}

/** A command's refusal (a CliFailure or a Problem) is its message and exit code 2; anything else is a fault. */
function failOn(error: unknown): never {
  if (error instanceof CliFailure) fail(error.message);
  if (error instanceof Problem)
    fail(
      `${error.message} (${error.code})${Object.keys(error.extra).length ? ` ${JSON.stringify(error.extra)}` : ""}`,
    );
  throw error;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

main(process.argv.slice(2)).catch(exitWithReason);
