// The OParl 1.1 interface on the demo (Lüner Dialog), validated against the official OParl
// JSON schemas kept in tests/fixtures/oparl-1.1; non-public items never appear.
import fs from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoContext, type DemoContext, TEST_BASE_URL } from "../../../tests/setup/test-db.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON responses, checked by the schemas and assertions
type Json = any;

const FIXTURES = path.join(import.meta.dirname, "../../../tests/fixtures/oparl-1.1");
// The schemas escape ":" in their patterns, which only non-Unicode regular expressions allow.
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats.default(ajv);
ajv.addFormat("url", (s: string) => URL.canParse(s));
const schemas = new Map<string, ValidateFunction>();
for (const f of fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".json"))) {
  schemas.set(f.slice(0, -5), ajv.compile(JSON.parse(fs.readFileSync(path.join(FIXTURES, f), "utf8"))));
}
function valid(type: string, data: Json) {
  const validate = schemas.get(type)!;
  const ok = validate(data);
  expect(ok ? [] : validate.errors, `${type} ${data?.id}`).toEqual([]);
  // Inline objects are checked against their own schemas.
  if (type === "Meeting") {
    for (const a of data.agendaItem ?? []) valid("AgendaItem", a);
    if (data.location) valid("Location", data.location);
  }
  if (type === "Person") for (const m of data.membership ?? []) valid("Membership", m);
}

let ctx: DemoContext;
beforeAll(async () => {
  ctx = await createDemoContext();
});
afterAll(() => ctx.close());

async function get(url: string): Promise<{ status: number; body: Json }> {
  const res = await ctx.app.request(url.startsWith("http") ? url : `${TEST_BASE_URL}${url}`);
  return { status: res.status, body: await res.json() };
}
/** Every object of an external list, following `links.next`; each page checked as the spec says. */
async function all(url: string, type: string): Promise<Json[]> {
  const out: Json[] = [];
  let next: string | undefined = url;
  while (next) {
    const page: Json = (await get(next)).body;
    expect(Object.keys(page).sort()).toEqual(["data", "links", "pagination"]);
    expect(page.links.self).toBe(next.startsWith("http") ? next : `${TEST_BASE_URL}${next}`);
    for (const o of page.data) valid(type, o);
    out.push(...page.data);
    next = page.links.next;
  }
  return out;
}

describe("OParl 1.1", () => {
  it("serves System and Body, and every list, as the schemas say", async () => {
    const system = (await get("/api/oparl/v1.1/")).body;
    valid("System", system);
    expect(system.oparlVersion).toBe("https://schema.oparl.org/1.1/");
    const bodies = await all(system.body, "Body");
    expect(bodies).toHaveLength(1);
    const body = (await get(bodies[0].id)).body;
    valid("Body", body);
    const orgs = await all(body.organization, "Organization");
    expect(orgs.map((o: Json) => o.name)).toContain("Lenkungsgruppe Lüner Dialog");
    // The administration's planning group is not public.
    expect(orgs.map((o: Json) => o.name)).not.toContain("Planungsgruppe der Verwaltung");
    for (const o of orgs) valid("Organization", (await get(o.id)).body);
    const persons = await all(body.person, "Person");
    // Only members who agreed to be named publicly.
    expect(persons.map((p: Json) => p.name).sort()).toEqual([
      "Bürgermeister",
      "Büro des Bürgermeisters",
      "Fachliche Begleitung der Schulverwaltung",
    ]);
    for (const p of persons) valid("Person", (await get(p.id)).body);
    const memberships = await all(body.membership, "Membership");
    expect(memberships).toHaveLength(3);
    const locations = await all(body.locationList, "Location");
    expect(locations).toHaveLength(1);
    expect(locations[0].geojson.geometry.type).toBe("Point");
    expect(await all(body.paper, "Paper")).toEqual([]);
  });

  it("pages meetings by `after`, keeps the filters in the links and never shows non-public items", async () => {
    const body = (await get("/api/oparl/v1.1/body")).body.data[0];
    const first = (await get(`${body.meeting}?limit=1&modified_since=2020-01-01T00:00:00Z`)).body;
    expect(first.data).toHaveLength(1);
    expect(first.pagination).toMatchObject({ totalElements: 3, elementsPerPage: 1, totalPages: 3 });
    expect(first.links.next).toContain("modified_since=2020-01-01T00%3A00%3A00Z");
    expect(first.links.next).toContain("limit=1");
    const meetings = await all(`${body.meeting}?limit=1`, "Meeting");
    expect(meetings).toHaveLength(3);
    expect(new Set(meetings.map((m: Json) => m.id)).size).toBe(3);
    const steering = meetings.find((m: Json) =>
      m.agendaItem.some((a: Json) => a.name === "Vorbereitung der Jahreskonferenz"),
    );
    // The confidential item of that meeting is not in the meeting, nor in any list.
    expect(steering.agendaItem.map((a: Json) => a.number)).toEqual(["1", "2"]);
    const items = await all(body.agendaItem, "AgendaItem");
    const json = JSON.stringify([meetings, items]);
    expect(json).not.toContain("Personalangelegenheiten");
    expect(json).not.toContain("Stellenbesetzung");
    expect(json).not.toContain("Vertraulich");
    // Published results as the extension: the decision and its action items.
    const prep = steering.agendaItem.find((a: Json) => a.number === "2");
    expect(prep.resolutionText).toContain("Jahreskonferenz");
    expect(prep["lotse:decisions"][0]).toMatchObject({ votesYes: 4, votesNo: 0 });
    expect(prep["lotse:actionItems"][0]).toMatchObject({ owner: "Büro Bürgermeister", status: "open" });
    // A meeting whose minutes are not published shows its agenda, not its results.
    const upcoming = meetings.find((m: Json) => m["lotse:minutesPublished"] === false);
    expect(upcoming.agendaItem.every((a: Json) => a["lotse:decisions"] === undefined)).toBe(true);
    // Bad paging input is a field error, not a 500; unknown ids are 404.
    expect((await get(`${body.meeting}?after=nonsense`)).status).toBe(422);
    expect((await get(`${body.meeting}?modified_since=yesterday`)).status).toBe(422);
    expect((await get("/api/oparl/v1.1/meeting/0190a0a0-0000-7000-8000-000000000000")).status).toBe(404);
  });

  it("answers a non-public agenda item's and a non-public body's URL with 404", async () => {
    const bodies = await ctx.services.network.bodies((await ctx.services.tenants.bySlug("unna"))!.id);
    const planning = bodies.find((b) => b.name === "Planungsgruppe der Verwaltung")!;
    expect((await get(`/api/oparl/v1.1/organization/${planning.id}`)).status).toBe(404);
    const tenant = (await ctx.services.tenants.bySlug("unna"))!;
    // A real user: reading a body's members is audited under the reader's id.
    const user = await ctx.services.users.credentials.byEmail(tenant.id, "coordinator@demo.lotse.example");
    const coordinator = {
      userId: user!.id,
      tenantId: tenant.id,
      sessionId: "x",
      grants: [{ role: "coordinator" as const, scopeType: "tenant" as const, scopeId: null }],
      mfaSatisfied: true,
    };
    const steering = bodies.find((b) => b.name === "Lenkungsgruppe Lüner Dialog")!;
    const { meetings } = await ctx.services.network.getBody(coordinator, steering.id);
    const held = await ctx.services.network.getMeeting(coordinator, meetings[0]!.id);
    const secret = held.agenda.find((a) => !a.public)!;
    expect((await get(`/api/oparl/v1.1/agendaItem/${secret.id}`)).status).toBe(404);
    const open = held.agenda.find((a) => a.public)!;
    const item = await get(`/api/oparl/v1.1/agendaItem/${open.id}`);
    expect(item.status).toBe(200);
    valid("AgendaItem", item.body);
  });
});
