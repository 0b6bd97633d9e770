import { parseArgs } from "node:util";
import { loadConfig } from "../config/config.ts";
import { openDatabase } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { createAuth, ROLES, type Role } from "../features/accounts/auth.ts";
import { createVerifiedUser, UserExistsError } from "../features/accounts/users.ts";
import { exitWithReason } from "../server/exit.ts";
import { loadDemoData } from "./demo-data.ts";

const USAGE = `Usage: npm run cli -- <command>

  migrate                                   apply every pending migration
  demo-data                                 load the demo accounts (idempotent)
  user create --email E --role R [--password P] [--name N]
                                            create a verified account; without --password
                                            one is generated and printed once
                                            roles: ${ROLES.join(", ")}
`;

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    process.stdout.write(USAGE);
    return;
  }
  const config = loadConfig();
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
      await loadDemoData(auth, database);
      process.stdout.write("Demo data is loaded.\n");
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
        if (error instanceof UserExistsError) fail(error.message);
        throw error;
      }
      return;
    }
    fail(`Unknown command "${argv.join(" ")}".\n\n${USAGE}`);
  } finally {
    await database.close();
  }
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

main(process.argv.slice(2)).catch(exitWithReason);
