/**
 * Which attribute of a GIS file is the area's key, name, level and parent (decision 044).
 * Lotse's own names (code, name, level, parent) win; otherwise the attribute names German
 * GIS offices use (STB_NR, SCHLUESSEL, STB_NAME, BEZEICHNUNG …) are recognised, preferring
 * attributes whose values are filled and unique. The import options override each choice.
 */
import type { AreaImportOptions } from "./contracts.ts";
import type { RawFeature } from "./read-gis.ts";

export type AttributeMapping = {
  code: string | null;
  name: string | null;
  level: string | null;
  parent: string | null;
};

const norm = (s: string) => s.toLowerCase().replace(/ü/g, "ue").replace(/ö/g, "oe").replace(/ä/g, "ae");
/** Technical row ids GIS tools add: never an area's key unless chosen. */
const TECHNICAL = /^(fid|ogc_fid|objectid|object_id|shape_(leng|length|area)|gid|id_0)$/;
const CODE_HINT =
  /(^|_)(code|nr|nummer|no|schluessel|schl|key|kennung|kennziffer|kz|ags|ars|id)(_|$)|nr$|schluessel$|code$/;
const NAME_HINT = /(^|_)(name|bezeichnung|bez|bezeichn|label|titel|gebiet)(_|$)|name$/;
const PARENT_HINT = /^(parent|parent_code|eltern|uebergeordnet|ueber)$/;

/** Every attribute name that occurs, in first-seen order. */
export function attributesOf(features: readonly RawFeature[]): string[] {
  const seen = new Set<string>();
  for (const f of features) for (const k of Object.keys(f.properties)) seen.add(k);
  return [...seen];
}

type Stats = { filled: number; unique: boolean; text: boolean };
function stats(features: readonly RawFeature[], attr: string): Stats {
  const values = new Set<string>();
  let filled = 0;
  let text = false;
  for (const f of features) {
    const v = f.properties[attr];
    if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) continue;
    filled++;
    if (typeof v === "string" && /\p{L}/u.test(v)) text = true;
    values.add(String(v).trim());
  }
  return { filled, unique: values.size === filled, text };
}

function pick(
  attributes: string[],
  features: readonly RawFeature[],
  exact: string,
  hint: RegExp,
  want: (s: Stats) => boolean,
): string | null {
  const found = attributes.find((a) => a === exact) ?? attributes.find((a) => a.toLowerCase() === exact);
  if (found) return found;
  const candidates = attributes
    .filter((a) => !TECHNICAL.test(a.toLowerCase()) && hint.test(norm(a)))
    .map((a) => ({ a, s: stats(features, a) }))
    .filter((c) => c.s.filled > 0 && want(c.s));
  candidates.sort((x, y) => y.s.filled - x.s.filled || Number(y.s.unique) - Number(x.s.unique));
  return candidates[0]?.a ?? null;
}

export function detectMapping(features: readonly RawFeature[], options: AreaImportOptions): AttributeMapping {
  const attributes = attributesOf(features);
  const code =
    options.codeAttribute ??
    pick(attributes, features, "code", CODE_HINT, (s) => s.unique && s.filled === features.length);
  const name =
    options.nameAttribute ??
    pick(
      attributes.filter((a) => a !== code),
      features,
      "name",
      NAME_HINT,
      (s) => s.text,
    );
  const level =
    options.levelAttribute ?? attributes.find((a) => a === "level" || a.toLowerCase() === "level") ?? null;
  const parent =
    options.parentAttribute ??
    attributes.find((a) => a === "parent") ??
    attributes.find((a) => PARENT_HINT.test(norm(a))) ??
    null;
  return { code, name, level, parent };
}

/** A feature's properties in Lotse's own names, ready for the import's checks (./parse.ts). */
export function mapProperties(
  props: Record<string, unknown>,
  mapping: AttributeMapping,
  options: AreaImportOptions,
): Record<string, unknown> {
  const take = (attr: string | null) => (attr === null ? undefined : clean(props[attr]));
  return {
    code: take(mapping.code),
    name: take(mapping.name),
    level: options.level ?? take(mapping.level),
    parent: take(mapping.parent),
    approximate: props.approximate,
    source: props.source,
  };
}

/** DBF numbers come as floats (5 → 5), texts padded; integral numbers stay numbers for the code check. */
function clean(v: unknown): unknown {
  if (typeof v === "number" && Number.isNaN(v)) return undefined;
  return v;
}
