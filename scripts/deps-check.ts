// `npm run deps:check`: an offline dependency check (decision 024). npm audit needs its online
// service; this needs only node_modules, the lockfile and the reviewed list in scripts/deps/.
//   1. `npm ls --all` problems (invalid, missing, extraneous) fail unless reviewed;
//   2. an installed version inside a reviewed advisory's affected range fails unless accepted;
//   3. reviewed deprecated packages still installed are listed (replace them when their parent allows);
//   4. a review older than 90 days fails: the list must be looked at again.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

type Advisory = {
  package: string;
  id: string;
  affected: string | string[];
  summary: string;
  status: "must-not-be-installed" | "accepted";
  reason?: string;
};
type Reviewed = {
  reviewed: string;
  problems: { match: string; reason: string }[];
  advisories: Advisory[];
  deprecated: { package: string; below?: string; via: string; note: string }[];
};

const root = path.resolve(import.meta.dirname, "..");
const REVIEW_DAYS = 90;

/** Compares plain x.y.z versions (prerelease tags ignored): negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split("-")[0]!.split(".").map(Number);
  const pb = b.split("-")[0]!.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether `version` satisfies a range of space-separated comparators ("<1.2.3", ">=2.0.0 <2.0.2"). */
export function inRange(version: string, range: string): boolean {
  return range
    .trim()
    .split(/\s+/)
    .every((c) => {
      const m = /^(<=|>=|<|>|=)?(\d+(?:\.\d+){0,2})$/.exec(c);
      if (!m) throw new Error(`Unsupported range "${range}"`);
      const d = compareVersions(version, m[2]!);
      switch (m[1]) {
        case "<":
          return d < 0;
        case "<=":
          return d <= 0;
        case ">":
          return d > 0;
        case ">=":
          return d >= 0;
        default:
          return d === 0;
      }
    });
}

/** Every installed package (from the lockfile): name → versions with their paths. */
function installed(): Map<string, { version: string; where: string }[]> {
  const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
    packages: Record<string, { version?: string }>;
  };
  const out = new Map<string, { version: string; where: string }[]>();
  for (const [where, p] of Object.entries(lock.packages)) {
    if (!where || !p.version) continue;
    const name = where.slice(where.lastIndexOf("node_modules/") + "node_modules/".length);
    out.set(name, [...(out.get(name) ?? []), { version: p.version, where }]);
  }
  return out;
}

function npmProblems(): string[] {
  const r = spawnSync("npm", ["ls", "--all", "--json", "--offline"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!r.stdout) throw new Error(`npm ls gave no output: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { problems?: string[] }).problems ?? [];
}

export function check(
  reviewed: Reviewed,
  problems: string[],
  packages: ReturnType<typeof installed>,
  now: Date,
) {
  const errors: string[] = [];
  const notes: string[] = [];
  for (const p of problems) {
    if (!reviewed.problems.some((r) => new RegExp(r.match).test(p))) errors.push(`npm ls: ${p}`);
  }
  for (const a of reviewed.advisories) {
    const ranges = Array.isArray(a.affected) ? a.affected : [a.affected];
    for (const i of packages.get(a.package) ?? []) {
      if (!ranges.some((r) => inRange(i.version, r))) continue;
      if (a.status === "accepted")
        notes.push(`accepted ${a.id}: ${a.package}@${i.version} (${a.reason ?? ""})`);
      else errors.push(`${a.id}: ${a.package}@${i.version} at ${i.where}: ${a.summary}`);
    }
  }
  for (const d of reviewed.deprecated) {
    for (const i of packages.get(d.package) ?? []) {
      if (d.below && compareVersions(i.version, d.below) >= 0) continue;
      notes.push(`deprecated ${d.package}@${i.version} via ${d.via}: ${d.note}`);
    }
  }
  const age = (now.getTime() - new Date(reviewed.reviewed).getTime()) / 86_400_000;
  if (!(age <= REVIEW_DAYS)) {
    errors.push(`scripts/deps/reviewed.json was last reviewed ${reviewed.reviewed}: review it again.`);
  }
  return { errors, notes };
}

if (import.meta.main) {
  const reviewed = JSON.parse(
    fs.readFileSync(path.join(root, "scripts/deps/reviewed.json"), "utf8"),
  ) as Reviewed;
  const { errors, notes } = check(reviewed, npmProblems(), installed(), new Date());
  for (const n of notes) console.log(`  · ${n}`);
  if (errors.length) {
    for (const e of errors) console.error(`  ✖ ${e}`);
    process.exit(1);
  }
  console.log("Dependencies: no unreviewed problem, no installed version with a listed advisory.");
}
