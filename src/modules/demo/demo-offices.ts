import type { DemoServices as Services } from "./deps.ts";

/**
 * Unna's welcome offices for the demo. ILLUSTRATIVE: seed 001 does not say how Unna's
 * offices split the town; these two and their catchments are made up so the demo can show
 * "the responsible office" and need-to-know access. The names say "(Demo)".
 */
export const DEMO_OFFICES = [
  {
    key: "mitte",
    name: "Willkommensbüro Unna-Mitte (Demo)",
    kind: "welcome_office" as const,
    email: "willkommen-mitte@demo.lotse.example",
    phone: "02303 000 100",
    areaCodes: ["unna-mitte", "unna-koenigsborn"],
  },
  {
    key: "land",
    name: "Willkommensbüro Unna Massen, Süd und Land (Demo)",
    kind: "welcome_office" as const,
    email: "willkommen-land@demo.lotse.example",
    phone: "02303 000 200",
    areaCodes: ["unna-massen", "unna-sued", "unna-landgemeinden"],
  },
] as const;
export type DemoOfficeKey = (typeof DEMO_OFFICES)[number]["key"];

/** Creates the demo offices and their catchments (matched by name; running it again changes nothing). */
export async function seedDemoOffices(
  services: Services,
  tenantId: string,
): Promise<Record<DemoOfficeKey, string>> {
  const actor = { kind: "system", tenantId } as const;
  const existing = await services.offices.listSummaries(tenantId);
  const areas = await services.areas.list(tenantId);
  const ids = {} as Record<DemoOfficeKey, string>;
  for (const o of DEMO_OFFICES) {
    let office = existing.find((e) => e.name === o.name);
    if (!office) {
      const created = await services.offices.create(actor, {
        name: o.name,
        kind: o.kind,
        placeId: null,
        email: o.email,
        phone: o.phone,
      });
      const areaIds = o.areaCodes
        .map((c) => areas.find((a) => a.code === c)?.id)
        .filter((id): id is string => id !== undefined);
      await services.offices.setCatchment(actor, created.id, { version: created.version, areaIds });
      office = created;
    }
    ids[o.key] = office.id;
  }
  return ids;
}

/** Puts the demo users into the team of an office (kept if already there). */
export async function addDemoMembers(
  services: Services,
  tenantId: string,
  officeId: string,
  members: { userId: string; function: string }[],
) {
  const actor = { kind: "system", tenantId } as const;
  const view = await services.offices.detail(tenantId, officeId);
  const current = view.members.map((m) => m.userId);
  if (members.every((m) => current.includes(m.userId))) return;
  const merged = [
    ...view.members.map((m) => ({ userId: m.userId, function: m.function })),
    ...members.filter((m) => !current.includes(m.userId)),
  ];
  await services.offices.setMembers(actor, officeId, { version: view.version, members: merged });
}
