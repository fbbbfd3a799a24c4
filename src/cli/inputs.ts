// Input files checked before the application loads and the database opens (seconds on PGlite):
// a wrong path or an empty password file answers at once. Only node: imports here.
import fs from "node:fs";
import type { Flags } from "./commands.ts";

/** A problem with what the user gave, reported with exit code 1 before anything loads. */
export class InputProblem extends Error {}

/** Refuses a path that does not exist or is not a regular file. */
function requireFile(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new InputProblem(`File not found: ${file}`);
  }
  if (!stat.isFile()) throw new InputProblem(`Not a file: ${file}`);
}

/** A backup is gzip: a file without gzip's two magic bytes cannot be one. */
function requireGzip(file: string): void {
  requireFile(file);
  const head = Buffer.alloc(2);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, 2, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head[0] !== 0x1f || head[1] !== 0x8b) {
    throw new InputProblem("The backup file is damaged or not a gzip file.");
  }
}

/** The option `name` names an existing file (`gzip`: with gzip's magic bytes). */
export const fileOption =
  (name: string, opts: { gzip?: boolean } = {}) =>
  (flags: Flags): Flags => {
    const file = String(flags[name]);
    if (opts.gzip) requireGzip(file);
    else requireFile(file);
    return flags;
  };

/**
 * The first line of a file, or of standard input for "-" (a trailing newline is not part of it).
 * Read once, before the database opens; the command gets it as `password-value`.
 */
export function readPasswordFile(flags: Flags): Flags {
  const file = flags["password-file"];
  if (typeof file !== "string") return flags;
  let content: string;
  try {
    content = fs.readFileSync(file === "-" ? 0 : file, "utf8");
  } catch {
    throw new InputProblem(`Cannot read the password from ${file === "-" ? "standard input" : file}.`);
  }
  const line = content.split(/\r?\n/)[0] ?? "";
  if (line === "") throw new InputProblem("The password file is empty.");
  return { ...flags, "password-value": line };
}
