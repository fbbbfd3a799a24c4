/**
 * The offices module's public model: office kinds and the views other modules and pages
 * receive. Browser-safe: no table definitions, no database.
 */
import type { Principal } from "../../server/policy/roles.ts";
import type { AreaRef, LocatedArea } from "../areas/model.ts";

export const OFFICE_KINDS = ["welcome_office", "drop_in", "counselling", "administration", "other"] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

export type OfficeSummary = {
  id: string;
  name: string;
  kind: OfficeKind;
  placeId: string | null;
  email: string | null;
  phone: string | null;
};
/** An office in the staff list: its summary, version and the size of catchment and team. */
export type OfficeListItem = OfficeSummary & { version: number; areaCount: number; memberCount: number };
export type OfficeView = OfficeSummary & {
  version: number;
  /** Catchment (Einzugsgebiet): the areas this office is responsible for. */
  areas: AreaRef[];
  members: { userId: string; displayName: string; function: string | null }[];
};
export type ResponsibleOffice = { office: OfficeSummary; area: AreaRef };
export type Placement = { located: LocatedArea | null; office: OfficeSummary | null };

/** Who writes: a signed-in user (checked against the policy), or the demo seed/CLI for a tenant. */
export type OfficeActor =
  | { kind: "user"; principal: Principal }
  | { kind: "system" | "cli"; tenantId: string };
