import { randomBytes } from "node:crypto";
import type { Runtime } from "#app/composition/runtime.ts";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { type Language, negotiateLanguage, SOURCE_LANGUAGE } from "#app/i18n/languages.ts";
import { createTranslator, type Translate } from "#app/i18n/translator.ts";
import { describeImportOutcome, importAreasFile } from "#app/modules/areas/import-file.ts";
import { rotateKeys as rotateAllKeys } from "#app/modules/casework/rotate.ts";
import { seedDemo } from "#app/modules/demo/seed.ts";
import { FRAMEWORK_TEMPLATE_KEYS } from "#app/modules/framework/templates/index.ts";
import { createUserInput } from "#app/modules/users/contracts.ts";
import { BackupError, backupToFile, restoreFromFile } from "#app/server/db/backup.ts";
import { toProblem } from "#app/server/errors.problem.ts";
import { isAppError } from "#app/server/errors.ts";
import { parseInput } from "#app/server/validation.ts";

/** A mistake in how the command was called (exit code 2) or in what it was asked to do (1). */
export class CliError extends Error {
  override name = "CliError";
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

export type Out = { log(line: string): void };
export type Flags = Record<string, string | boolean | undefined>;

/** Catalog messages (validation, import errors) in the operator's language: LOTSE_LANG, else LANG, else English. */
export function cliTranslator(env: NodeJS.ProcessEnv = process.env): Translate {
  const wanted = (env.LOTSE_LANG || env.LANG || "").split(/[._@]/)[0] ?? "";
  const lang: Language = negotiateLanguage(wanted || "en", "en");
  const all = catalogs();
  return createTranslator(lang, all.get(lang) ?? {}, all.get(SOURCE_LANGUAGE));
}

function str(flags: Flags, name: string, required = true): string | undefined {
  const v = flags[name];
  if (typeof v === "string" && v.trim() !== "") return v.trim();
  if (required) throw new CliError(`Missing --${name}.`, 2);
  return undefined;
}

/** Field names of the services → the command's options. */
const FIELD_FLAGS: Record<string, string> = {
  displayName: "name",
  frameworkTemplate: "template",
  "grants.0.role": "role",
  "grants.0.scopeType": "scope-type",
  "grants.0.scopeId": "scope-id",
};

/** Turns a domain error into lines an operator can act on. */
export function explain(e: unknown, t: Translate): string | undefined {
  if (isAppError(e)) {
    const p = toProblem(e, t);
    const fields = (p.errors ?? []).map((f) => `  --${FIELD_FLAGS[f.field] ?? f.field}: ${f.message}`);
    return [p.title, ...fields].join("\n");
  }
  if (e instanceof BackupError || e instanceof CliError) return e.message;
  return undefined;
}

async function tenantBySlug(rt: Runtime, slug: string) {
  const tenant = await rt.services.tenants.bySlug(slug);
  if (!tenant) throw new CliError(`No tenant with the slug "${slug}". Create it with create-tenant first.`);
  return tenant;
}

export async function createTenant(rt: Runtime, flags: Flags, out: Out) {
  const kind = str(flags, "kind");
  if (kind !== "municipality" && kind !== "county") {
    throw new CliError("--kind must be municipality or county.", 2);
  }
  const template = str(flags, "template", false);
  if (template && !FRAMEWORK_TEMPLATE_KEYS.includes(template)) {
    throw new CliError(`Unknown --template "${template}". Known: ${FRAMEWORK_TEMPLATE_KEYS.join(", ")}.`, 2);
  }
  const tenant = await rt.services.tenants.create({
    slug: str(flags, "slug")!,
    name: str(flags, "name")!,
    kind,
    frameworkTemplate: template ?? null,
    // Decision 097: set up through the wizard, live when its checks pass.
    live: flags.onboarding !== true,
  });
  out.log(
    `Created tenant "${tenant.slug}" (${tenant.id})${template ? ` with the ${template} framework` : ""}${
      tenant.liveSince === null
        ? "; its public site stays hidden until it goes live at /staff/onboarding"
        : ""
    }.`,
  );
}

export async function createUser(rt: Runtime, flags: Flags, out: Out) {
  const tenant = await tenantBySlug(rt, str(flags, "tenant")!);
  const scopeType = str(flags, "scope-type", false) ?? "tenant";
  const scopeId = str(flags, "scope-id", false);
  // --password itself is refused in main.ts; --password-file is read there before the database opens.
  // Not trimmed: spaces at either end belong to the password.
  const given = typeof flags["password-value"] === "string" ? flags["password-value"] : undefined;
  // A generated password is printed once and never stored in plain text.
  const password = given ?? randomBytes(15).toString("base64url");
  const user = await rt.services.users.create(
    { kind: "cli", tenantId: tenant.id },
    parseInput(createUserInput, {
      email: str(flags, "email")!,
      displayName: str(flags, "name")!,
      password,
      grants: [{ role: str(flags, "role"), scopeType, scopeId: scopeId ?? null }],
    }),
  );
  out.log(`Created user ${user.id} in tenant "${tenant.slug}" with the role ${str(flags, "role")}.`);
  if (!given) out.log(`Password (shown only now): ${password}`);
}

export async function importAreas(rt: Runtime, flags: Flags, out: Out, t: Translate): Promise<number> {
  const tenant = await tenantBySlug(rt, str(flags, "tenant")!);
  const file = str(flags, "file")!;
  let outcome: Awaited<ReturnType<typeof importAreasFile>>;
  try {
    outcome = await importAreasFile(rt.services, tenant.id, file, { dryRun: flags["dry-run"] === true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // main.ts checked the file; it can still vanish before the import reads it.
    if (code === "ENOENT") throw new CliError(`File not found: ${file}`);
    throw e;
  }
  for (const line of describeImportOutcome(outcome, t)) out.log(line);
  return outcome.ok ? 0 : 1;
}

export async function backup(rt: Runtime, flags: Flags, out: Out) {
  const s = await backupToFile(rt.handle.db, str(flags, "out")!, { source: rt.handle.kind });
  out.log(`Backup written to ${s.file}: ${s.rows} rows in ${s.tables} tables.`);
}

export async function restore(rt: Runtime, flags: Flags, out: Out) {
  const file = str(flags, "in")!;
  if (flags.yes !== true) {
    throw new CliError(
      `restore replaces ALL data in this database (${rt.handle.kind === "pglite" ? rt.config.dataDir : "PostgreSQL"}) with the backup's. Run it again with --yes to go ahead.`,
      2,
    );
  }
  const s = await restoreFromFile(rt.handle.db, file);
  out.log(`Restored ${s.rows} rows in ${s.tables} tables from the backup of ${s.header.createdAt}.`);
}

export async function reseedDemo(rt: Runtime, _flags: Flags, out: Out) {
  const r = await seedDemo(rt.services, { print: true });
  out.log(
    `Demo tenant ${r.tenantCreated ? "created" : "kept"}; areas: ${r.areas.created} created, ${r.areas.updated} updated, ${r.areas.unchanged} unchanged; ${r.usersCreated} demo users created.`,
  );
}

/** Re-encrypts every value made with a key of SECRET_KEY_PREVIOUS under SECRET_KEY (README "Key rotation"). */
export async function rotateKeys(rt: Runtime, _flags: Flags, out: Out) {
  if (rt.config.secretKeyPrevious.length === 0) {
    out.log(
      "SECRET_KEY_PREVIOUS is empty: values made with an older key cannot be read. Nothing to do unless it is set.",
    );
  }
  const report = await rotateAllKeys(rt.handle.db, rt.config);
  let total = 0;
  for (const r of report) {
    total += r.reencrypted;
    if (r.reencrypted || r.current)
      out.log(`${r.column}: ${r.reencrypted} re-encrypted, ${r.current} already current`);
  }
  out.log(
    `Done: ${total} values re-encrypted with the current SECRET_KEY. SECRET_KEY_PREVIOUS can now be removed.`,
  );
}
