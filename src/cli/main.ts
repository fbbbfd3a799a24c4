// The `lotse` command: npm run lotse -- <command> [options]. Runs directly under Node 24 type
// stripping (no build step), so this file and everything it imports use erasable TypeScript only.
import { parseArgs } from "node:util";
import type { Runtime } from "#app/composition/runtime.ts";
import type { Flags, Out } from "./commands.ts";
import { fileOption, InputProblem, readPasswordFile } from "./inputs.ts";

// The application (every module, the database driver) loads only once the arguments are right:
// a usage mistake answers at once instead of after seconds of module loading.
const commands = () => import("./commands.ts");

type OptionSpec = Record<string, { type: "string" | "boolean" }>;
type Command = {
  usage: string;
  options: OptionSpec;
  /** Checked before the database is opened, so a usage mistake answers at once. */
  required?: string[];
  /** Options refused before anything loads, with the reason. */
  refused?: Record<string, string>;
  /** Reads or checks input files before anything loads; throws InputProblem. */
  prepare?: (flags: Flags) => Flags;
  run(rt: Runtime, flags: Flags, out: Out): Promise<unknown>;
};

const s = { type: "string" } as const;
const b = { type: "boolean" } as const;

const COMMANDS: Record<string, Command> = {
  "create-tenant": {
    usage:
      "create-tenant --slug SLUG --name NAME --kind municipality|county [--template luenen|unna|herdecke|luener-dialog] [--onboarding]\n" +
      "      --onboarding: the public site stays hidden until an admin goes live in the onboarding wizard (/staff/onboarding).",
    options: { slug: s, name: s, kind: s, template: s, onboarding: b },
    required: ["slug", "name", "kind"],
    run: async (rt, flags, out) => (await commands()).createTenant(rt, flags, out),
  },
  "create-user": {
    usage:
      "create-user --tenant SLUG --email EMAIL --name NAME --role ROLE [--scope-type organization|office|area --scope-id ID] [--password-file FILE|-]\n" +
      "      Without --password-file a strong password is generated and printed once. With it, the first line of FILE\n" +
      "      (or of standard input for -) is the password; never on the command line, where ps shows it.",
    options: {
      tenant: s,
      email: s,
      name: s,
      role: s,
      "scope-type": s,
      "scope-id": s,
      "password-file": s,
      // Only to refuse it with an explanation.
      password: s,
    },
    required: ["tenant", "email", "name", "role"],
    prepare: readPasswordFile,
    refused: {
      password:
        "--password is not accepted: other users can read a command line (ps, shell history). Use --password-file FILE, or --password-file - to read it from standard input.",
    },
    run: async (rt, flags, out) => (await commands()).createUser(rt, flags, out),
  },
  "import-areas": {
    usage:
      "import-areas --tenant SLUG --file FILE.geojson [--dry-run]   (all-or-nothing; --dry-run only checks)",
    options: { tenant: s, file: s, "dry-run": b },
    required: ["tenant", "file"],
    prepare: fileOption("file"),
    run: async (rt, flags, out) => {
      const m = await commands();
      return m.importAreas(rt, flags, out, m.cliTranslator());
    },
  },
  backup: {
    usage: "backup --out FILE   (gzipped JSON lines; restores on PGlite and PostgreSQL)",
    options: { out: s },
    required: ["out"],
    run: async (rt, flags, out) => (await commands()).backup(rt, flags, out),
  },
  restore: {
    usage: "restore --in FILE --yes   (replaces ALL data; only a backup of the same schema version)",
    options: { in: s, yes: b },
    required: ["in", "yes"],
    prepare: fileOption("in", { gzip: true }),
    run: async (rt, flags, out) => (await commands()).restore(rt, flags, out),
  },
  "rotate-keys": {
    usage:
      "rotate-keys   (after setting a new SECRET_KEY with the old one in SECRET_KEY_PREVIOUS: re-encrypts all *_enc columns and TOTP seeds)",
    options: {},
    run: async (rt, flags, out) => (await commands()).rotateKeys(rt, flags, out),
  },
  "reseed-demo": {
    usage: "reseed-demo   (creates whatever of the demo tenant, areas and users is missing)",
    options: {},
    run: async (rt, flags, out) => (await commands()).reseedDemo(rt, flags, out),
  },
};

function help(): string {
  return [
    "Usage: npm run lotse -- <command> [options]",
    "",
    "Commands:",
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
    "",
    "The command uses the same database as the server: PGlite under DATA_DIR (default ./data),",
    "or PostgreSQL when DATABASE_URL is set. The embedded database serves one process at a time:",
    "stop the server before running a command against it.",
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  let flags: Flags;
  try {
    flags = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false })
      .values as Flags;
  } catch (e) {
    console.error(`${(e as Error).message}\n\nUsage: npm run lotse -- ${command.usage}`);
    return 2;
  }

  const missing = (command.required ?? []).filter((k) => flags[k] === undefined || flags[k] === "");
  if (missing.length) {
    const yesOnly = missing.length === 1 && missing[0] === "yes";
    console.error(
      yesOnly
        ? "restore replaces ALL data in this database with the backup's. Run it again with --yes to go ahead."
        : `Missing ${missing.map((k) => `--${k}`).join(", ")}.`,
    );
    console.error(`\nUsage: npm run lotse -- ${command.usage}`);
    return 2;
  }

  const refusal = Object.entries(command.refused ?? {}).find(([k]) => flags[k] !== undefined);
  if (refusal) {
    console.error(refusal[1]);
    console.error(`\nUsage: npm run lotse -- ${command.usage}`);
    return 2;
  }

  try {
    flags = command.prepare?.(flags) ?? flags;
  } catch (e) {
    if (!(e instanceof InputProblem)) throw e;
    console.error(e.message);
    return 1;
  }

  const { openRuntime } = await import("#app/composition/runtime.ts");
  const { ConfigError } = await import("#app/server/config.ts");
  const { CliError, cliTranslator, explain } = await commands();
  let rt: Runtime;
  try {
    rt = await openRuntime({ quiet: true });
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 1;
    }
    const message = (e as Error).message ?? "";
    if (/Another Lotse process/.test(message)) {
      console.error(
        `${message}\nThe embedded database (PGlite) can be used by one process at a time, and the Lotse server is using it.\n` +
          "Stop the server, run the command, then start the server again. (With DATABASE_URL on PostgreSQL, commands and server can run side by side.)",
      );
      return 1;
    }
    throw e;
  }
  const out: Out = { log: (line) => console.log(line) };
  try {
    const code = await command.run(rt, flags, out);
    return typeof code === "number" ? code : 0;
  } catch (e) {
    const text = explain(e, cliTranslator());
    if (text === undefined) throw e;
    console.error(text);
    if (e instanceof CliError && e.exitCode === 2)
      console.error(`\nUsage: npm run lotse -- ${command.usage}`);
    return e instanceof CliError ? e.exitCode : 1;
  } finally {
    await rt.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // Unexpected: the error class and stack, never data.
    console.error(e instanceof Error ? (e.stack ?? e.name) : "unexpected error");
    process.exitCode = 1;
  },
);
