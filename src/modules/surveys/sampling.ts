import { createHash } from "node:crypto";
import { AGE_BANDS, type AgeBand, type StratifyBy } from "./model.ts";

/**
 * Stichprobe (issue 5): a reproducible random sample. The same frame and seed always give the
 * same sample: the frame is ordered by person id first, and each stratum is shuffled with its
 * own generator seeded from (seed, stratum), so adding a stratum never changes another's draw.
 *
 * Allocation is proportional to stratum size with the largest-remainder method (Hare–Niemeyer),
 * capped at each stratum's size; what a capped stratum cannot take goes to the others. The
 * reserve (Nachrücker) is allocated the same way and drawn after the sample in each stratum.
 */

export type FrameMember = {
  personId: string;
  sex: string | null;
  ageBand: AgeBand | null;
  /** The district-level area (Stadtbezirk/Sozialraum) of the household, if known. */
  districtId: string | null;
};

export type DrawnMember = { personId: string; stratum: string; rank: number; reserve: boolean };
export type StratumFrame = { key: string; population: number; sample: number; reserve: number };

/** xoshiro128** seeded from SHA-256 of the text: a small, well-studied generator. */
export function seededRandom(seed: string): () => number {
  const h = createHash("sha256").update(seed).digest();
  const s: number[] = [h.readUInt32LE(0), h.readUInt32LE(4), h.readUInt32LE(8), h.readUInt32LE(12)];
  if (!s.some((x) => x !== 0)) s[0] = 1;
  const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
  return () => {
    const result = (rotl(Math.imul(s[1]!, 5) >>> 0, 7) * 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2] = (s[2]! ^ s[0]!) >>> 0;
    s[3] = (s[3]! ^ s[1]!) >>> 0;
    s[1] = (s[1]! ^ s[2]!) >>> 0;
    s[0] = (s[0]! ^ s[3]!) >>> 0;
    s[2] = (s[2]! ^ t) >>> 0;
    s[3] = rotl(s[3]!, 11);
    return result / 2 ** 32;
  };
}

export function stratumKey(m: FrameMember, by: readonly StratifyBy[]): string {
  if (by.length === 0) return "all";
  return by
    .map((d) =>
      d === "district"
        ? `district=${m.districtId ?? "-"}`
        : d === "sex"
          ? `sex=${m.sex ?? "-"}`
          : `age=${m.ageBand ?? "-"}`,
    )
    .join("|");
}

export function parseStratumKey(key: string): Partial<Record<StratifyBy, string>> {
  if (key === "all") return {};
  const out: Partial<Record<StratifyBy, string>> = {};
  for (const part of key.split("|")) {
    const [k, v] = part.split("=");
    if (k === "district") out.district = v!;
    else if (k === "sex") out.sex = v!;
    else if (k === "age") out.age_band = v!;
  }
  return out;
}

/** Largest-remainder allocation of `total` over the sizes, never more than a size. */
export function allocate(sizes: readonly number[], total: number): number[] {
  const out = sizes.map(() => 0);
  let left = Math.min(
    total,
    sizes.reduce((a, b) => a + b, 0),
  );
  let open = sizes.map((_, i) => i).filter((i) => sizes[i]! > 0);
  while (left > 0 && open.length > 0) {
    const base = open.reduce((a, i) => a + (sizes[i]! - out[i]!), 0);
    const quotas = open.map((i) => ({ i, q: (left * (sizes[i]! - out[i]!)) / base }));
    let given = 0;
    for (const { i, q } of quotas) {
      const n = Math.min(Math.floor(q), sizes[i]! - out[i]!);
      out[i]! += n;
      given += n;
    }
    // Remainders: largest first, ties by index (stable, reproducible).
    const rest = quotas
      .map(({ i, q }) => ({ i, r: q - Math.floor(q) }))
      .filter(({ i }) => out[i]! < sizes[i]!)
      .sort((a, b) => b.r - a.r || a.i - b.i);
    let extra = left - given;
    for (const { i } of rest) {
      if (extra <= 0) break;
      out[i]! += 1;
      extra -= 1;
      given += 1;
    }
    left -= given;
    open = open.filter((i) => out[i]! < sizes[i]!);
    if (given === 0) break;
  }
  return out;
}

export function drawSample(
  frame: readonly FrameMember[],
  design: { size: number; reserve: number; stratifyBy: readonly StratifyBy[]; seed: string },
): { members: DrawnMember[]; strata: StratumFrame[] } {
  const byStratum = new Map<string, string[]>();
  for (const m of [...frame].sort((a, b) =>
    a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0,
  )) {
    const key = stratumKey(m, design.stratifyBy);
    const list = byStratum.get(key) ?? [];
    list.push(m.personId);
    byStratum.set(key, list);
  }
  const keys = [...byStratum.keys()].sort();
  const sizes = keys.map((k) => byStratum.get(k)!.length);
  const sample = allocate(sizes, design.size);
  const reserve = allocate(
    sizes.map((s, i) => s - sample[i]!),
    design.reserve,
  );
  const members: DrawnMember[] = [];
  const strata: StratumFrame[] = [];
  keys.forEach((key, i) => {
    const ids = [...byStratum.get(key)!];
    const random = seededRandom(`${design.seed}|${key}`);
    const take = sample[i]! + reserve[i]!;
    // Partial Fisher–Yates: the first `take` positions are a uniform random ordered draw.
    for (let j = 0; j < take; j++) {
      const k = j + Math.floor(random() * (ids.length - j));
      [ids[j], ids[k]] = [ids[k]!, ids[j]!];
    }
    for (let j = 0; j < take; j++)
      members.push({ personId: ids[j]!, stratum: key, rank: j + 1, reserve: j >= sample[i]! });
    strata.push({ key, population: sizes[i]!, sample: sample[i]!, reserve: reserve[i]! });
  });
  return { members, strata };
}

/** Age band on a day, from a birth date (YYYY-MM-DD). */
export function ageBandOn(birthDate: string | null, day: string): AgeBand | null {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  let age = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (day.slice(5) < birthDate.slice(5)) age -= 1;
  if (age < 0) return null;
  if (age < 18) return "0-17";
  if (age < 27) return "18-26";
  if (age < 45) return "27-44";
  if (age < 65) return "45-64";
  return AGE_BANDS[4];
}

export function ageOn(birthDate: string | null, day: string): number | null {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  let age = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (day.slice(5) < birthDate.slice(5)) age -= 1;
  return age;
}
