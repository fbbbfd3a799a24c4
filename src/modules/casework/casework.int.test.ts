import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rotateKeys as rotateKeysCommand } from "#app/cli/commands.ts";
import { createServices } from "#app/composition/services.ts";
import { loadConfig } from "#app/server/config.ts";
import type { Principal, Role, RoleGrant } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import {
  assignWorkersInput,
  caseInput,
  caseListQuery,
  changePhaseInput,
  closeCaseInput,
  householdIntakeInputOn,
  noteInput,
  planItemInput,
  updateCaseInput,
  updatePersonInput,
  updateSettingsInput,
} from "./contracts.ts";
import { createCaseCrypto } from "./crypto.ts";
import { rotateKeys } from "./rotate.ts";
import type { IntakeDraft } from "./service.ts";

let ctx: TestContext;
let tenantId: string;
let officeA: string;
let officeB: string;
const people: Record<string, { id: string; principal: Principal; cookie: string }> = {};

const rect = (w: number, s: number, e: number, n: number) => ({
  type: "Polygon",
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});
const feature = (props: Record<string, unknown>, geometry: unknown) => ({
  type: "Feature",
  properties: props,
  geometry,
});

async function person(key: string, role: Role, scope?: Omit<RoleGrant, "role">) {
  const { user } = await createUserWithRole(ctx.services, tenantId, role, scope ? { scope } : {});
  const grants: RoleGrant[] = [{ role, ...(scope ?? { scopeType: "tenant", scopeId: null }) }];
  people[key] = {
    id: user.id,
    principal: { userId: user.id, tenantId, sessionId: "s", grants, mfaSatisfied: true },
    cookie: await sessionCookieFor(ctx.services, tenantId, user.id),
  };
  return people[key]!;
}
const p = (key: string) => people[key]!.principal;

const api = (path: string, init: RequestInit & { cookie?: string } = {}) =>
  ctx.app.request(`${TEST_BASE_URL}/api/v1${path}`, {
    ...init,
    headers: {
      "content-type": "application/json",
      "accept-language": "en",
      origin: TEST_BASE_URL,
      ...(init.cookie ? { cookie: init.cookie } : {}),
    },
  });

async function rows(query: ReturnType<typeof sql>) {
  return ((await ctx.handle.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
}

const family = (
  given: string,
  familyName: string,
  birthDate: string,
  extra: Record<string, unknown> = {},
) => ({
  givenName: given,
  familyName,
  birthDate,
  ...extra,
});

/** An intake in office A's catchment (west half), by the given case worker. */
async function intake(
  by: Principal,
  label: string,
  persons: IntakeDraft["persons"],
  lon = 2,
  allowDuplicate = true,
) {
  const r = await ctx.services.casework.createHousehold(by, {
    household: { label, lon, lat: 5 },
    persons,
    case: { caseType: "integration" },
    allowDuplicate,
  });
  if (r.status !== "created") throw new Error("expected a created household");
  return r;
}

beforeAll(async () => {
  ctx = await createTestContext();
  const tenant = await ctx.services.tenants.create({
    slug: ctx.services.core.config.defaultTenant,
    name: "Fallarbeit",
    kind: "municipality",
  });
  tenantId = tenant.id;
  await ctx.services.areas.commitImport(
    { kind: "system" },
    tenantId,
    JSON.stringify({
      type: "FeatureCollection",
      features: [
        feature({ code: "C", name: "Stadt", level: "city" }, rect(0, 0, 10, 10)),
        feature({ code: "W", name: "West", level: "social_area", parent: "C" }, rect(0, 0, 5, 10)),
        feature({ code: "E", name: "Ost", level: "social_area", parent: "C" }, rect(5, 0, 10, 10)),
        feature({ code: "W1", name: "Altstadt", level: "quarter", parent: "W" }, rect(1, 1, 3, 3)),
      ],
    }),
  );
  const areas = await ctx.services.areas.list(tenantId);
  const code = (c: string) => areas.find((a) => a.code === c)!.id;
  const sys = { kind: "system" as const, tenantId };
  const office = { kind: "welcome_office", placeId: null, email: null, phone: null } as const;
  const a = await ctx.services.offices.create(sys, { ...office, name: "Willkommensbüro West" });
  const b = await ctx.services.offices.create(sys, { ...office, name: "Willkommensbüro Ost" });
  officeA = a.id;
  officeB = b.id;
  await ctx.services.offices.setCatchment(sys, officeA, { version: a.version, areaIds: [code("W")] });
  await ctx.services.offices.setCatchment(sys, officeB, { version: b.version, areaIds: [code("E")] });
  await person("cwA", "case_worker", { scopeType: "office", scopeId: officeA });
  await person("cwA2", "case_worker", { scopeType: "office", scopeId: officeA });
  await person("cwB", "case_worker", { scopeType: "office", scopeId: officeB });
  await person("supA", "supervisor", { scopeType: "office", scopeId: officeA });
  await person("supB", "supervisor", { scopeType: "office", scopeId: officeB });
  for (const r of ["coordinator", "analyst", "partner_staff", "data_protection_officer", "admin"] as const) {
    await person(r, r);
  }
});
afterAll(() => ctx.close());

describe("offices", () => {
  it("finds the office whose catchment holds the most specific area of a point", async () => {
    const west = await ctx.services.offices.responsibleFor(tenantId, 2, 2);
    expect(west?.office.id).toBe(officeA);
    expect(west?.area.code).toBe("W1");
    expect((await ctx.services.offices.responsibleFor(tenantId, 7, 5))?.office.id).toBe(officeB);
    expect(await ctx.services.offices.responsibleFor(tenantId, 20, 20)).toBeNull();
  });

  it("refuses an area that already belongs to another office, with a field error", async () => {
    const areas = await ctx.services.areas.list(tenantId);
    const east = areas.find((a) => a.code === "E")!.id;
    const a = await ctx.services.offices.get(p("admin"), officeA);
    await expect(
      ctx.services.offices.setCatchment({ kind: "user", principal: p("admin") }, officeA, {
        version: a.version,
        areaIds: [east],
      }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      fields: [{ field: "areaIds.0", code: "office_area_taken" }],
    });
  });

  it("lets coordinators manage offices over the API, and case workers only read", async () => {
    const list = await api("/offices", { cookie: people.cwA!.cookie });
    expect(list.status).toBe(200);
    const denied = await api("/offices", {
      method: "POST",
      cookie: people.cwA!.cookie,
      body: JSON.stringify({ name: "X" }),
    });
    expect(denied.status).toBe(403);
    const created = await api("/offices", {
      method: "POST",
      cookie: people.coordinator!.cookie,
      body: JSON.stringify({ name: "Halte-Stelle", kind: "drop_in" }),
    });
    expect(created.status).toBe(201);
  });
});

describe("households and cases", () => {
  it("places the household by its coordinates in an area and with the responsible office", async () => {
    const r = await intake(p("cwA"), "Familie A.", [family("Amina", "Haddad", "1990-04-01")], 2);
    const h = await ctx.services.casework.households.get(p("cwA"), r.householdId);
    expect(h.household.officeId).toBe(officeA);
    const areas = await ctx.services.areas.list(tenantId);
    expect(h.household.areaId).toBe(areas.find((a) => a.code === "W")!.id);
    const c = await ctx.services.casework.cases.get(p("cwA"), r.caseId!);
    expect(c.case.officeId).toBe(officeA);
    expect(c.case.reference).toMatch(/^2026-\d{5}$/);
    expect(c.case.phaseKey).toBe("ankommen");
    expect(c.workers.map((w) => w.userId)).toEqual([people.cwA!.id]);
  });

  it("refuses dates in the future (by the clock's day) or before birth, and numbers the case by the intake's year", async () => {
    const res = await api("/households", {
      method: "POST",
      cookie: people.cwA!.cookie,
      body: JSON.stringify({
        household: { label: "Familie Z." },
        persons: [
          family("Zaid", "Z.", "2090-01-01", { arrivedInGermanyOn: "2099-05-01" }),
          family("Zeina", "Z.", "2001-06-01", { assignedToMunicipalityOn: "2026-03-03" }),
        ],
      }),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: { field: string; code: string }[] };
    expect(body.errors.map((e) => `${e.field} ${e.code}`).sort()).toEqual([
      "persons.0.arrivedInGermanyOn arrival_in_future",
      "persons.0.birthDate birth_in_future",
      "persons.1.assignedToMunicipalityOn assignment_in_future",
    ]);
    // The page parses with the day, so order and future show at once.
    const page = householdIntakeInputOn("2026-03-02").safeParse({
      household: { label: "Familie Z." },
      persons: [
        family("Zeina", "Z.", "2001-06-01", {
          arrivedInGermanyOn: "2000-01-01",
          assignedToMunicipalityOn: "2026-03-03",
        }),
      ],
    });
    expect(page.error?.issues.map((i) => `${i.path.join(".")} ${i.message}`).sort()).toEqual([
      "persons.0.arrivedInGermanyOn code:arrival_before_birth",
      "persons.0.assignedToMunicipalityOn code:assignment_in_future",
    ]);
    // The clock says 2 March 2026 (Berlin): an opening date typed for another year keeps the intake's year.
    const r = await ctx.services.casework.createHousehold(p("cwA"), {
      household: { label: "Familie Y.", lon: 2, lat: 5 },
      persons: [family("Yusuf", "Y.", "1980-02-02", { arrivedInGermanyOn: "2026-03-02" })],
      case: { caseType: "integration", openedOn: "2024-12-30" },
      allowDuplicate: true,
    });
    if (r.status !== "created") throw new Error("expected a created household");
    const c = await ctx.services.casework.cases.get(p("cwA"), r.caseId!);
    expect(c.case.openedOn).toBe("2024-12-30");
    expect(c.case.reference).toMatch(/^2026-\d{5}$/);
  });

  it("rejects an assignment dated before the arrival and an unknown residence status, per field", async () => {
    await expect(
      ctx.services.casework.createHousehold(p("cwA"), {
        household: { label: "Familie B.", lon: 2, lat: 5 },
        persons: [
          family("Omar", "B.", "1985-01-01", {
            arrivedInGermanyOn: "2024-05-10",
            assignedToMunicipalityOn: "2024-05-01",
            residenceStatus: "tourist_visa",
          }),
        ],
      }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      fields: expect.arrayContaining([
        { field: "persons.0.assignedToMunicipalityOn", code: "assignment_before_arrival" },
        { field: "persons.0.residenceStatus", code: "residence_status_unknown" },
      ]),
    });
    const res = await api("/households", {
      method: "POST",
      cookie: people.cwA!.cookie,
      body: JSON.stringify({
        household: { label: "Familie B." },
        persons: [family("Omar", "B.", "1985-01-01", { residenceStatus: "tourist_visa" })],
      }),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: { field: string; message: string }[] };
    expect(body.errors).toContainEqual({
      field: "persons.0.residenceStatus",
      code: "residence_status_unknown",
      message: "Unknown residence status. Please choose a status from the list.",
    });
  });

  it("allows a housing stage only for housing-loss prevention", async () => {
    const r = await intake(p("cwA"), "Familie W.", [family("Jana", "W.", "1970-02-02")]);
    await expect(
      (async () =>
        ctx.services.casework.cases.create(
          p("cwA"),
          r.householdId,
          parseInput(caseInput, { caseType: "integration", housingStage: "notice_given" }),
        ))(),
    ).rejects.toMatchObject({ fields: [{ field: "housingStage", code: "housing_stage_wrong_type" }] });
    const c = await ctx.services.casework.cases.create(
      p("cwA"),
      r.householdId,
      parseInput(caseInput, { caseType: "housing_loss_prevention", housingStage: "notice_given" }),
    );
    expect(c.housingStage).toBe("notice_given");
  });
});

describe("help plan with responsible people (one transaction model, decision 018)", () => {
  it("adds a goal and a task with a responsible staff member, and the server keeps answering", async () => {
    const r = await intake(p("cwA"), "Familie Plan", [family("Lina", "Plan", "1988-02-02")], 2);
    const caseId = r.caseId!;
    // The responsible-person check asks the users module inside the write's transaction.
    const goal = await ctx.services.casework.planItems.add(
      p("cwA"),
      caseId,
      parseInput(planItemInput, { title: "Deutschkurs B1 finden", responsibleUserId: people.cwA2!.id }),
    );
    const task = await api(`/cases/${caseId}/plan-items`, {
      method: "POST",
      cookie: people.cwA!.cookie,
      body: JSON.stringify({
        title: "Anmeldung VHS begleiten",
        goalId: goal.id,
        responsibleUserId: people.cwA!.id,
        dueOn: "2026-03-20",
      }),
    });
    expect(task.status).toBe(201);
    const { id: taskId } = (await task.json()) as { id: string };
    // Editing a plan item takes the same path.
    const view = await ctx.services.casework.cases.get(p("cwA"), caseId);
    const stored = view.planItems.find((i) => i.id === taskId)!;
    expect(stored.responsibleUserId).toBe(people.cwA!.id);
    const changed = await api(`/cases/${caseId}/plan-items/${taskId}`, {
      method: "PUT",
      cookie: people.cwA!.cookie,
      body: JSON.stringify({
        version: stored.version,
        title: "Anmeldung VHS begleiten",
        goalId: goal.id,
        responsibleUserId: people.cwA2!.id,
      }),
    });
    expect(changed.status).toBe(200);
    const health = await ctx.app.request(`${TEST_BASE_URL}/healthz`);
    expect(health.status).toBe(200);
    const after = await ctx.services.casework.cases.get(p("cwA"), caseId);
    expect(after.planItems.find((i) => i.id === taskId)?.responsibleName).toBeTruthy();
    expect(after.planItems.find((i) => i.id === taskId)?.responsibleUserId).toBe(people.cwA2!.id);
  });

  it("refuses a responsible person who is not staff of the tenant, per field", async () => {
    const r = await intake(p("cwA"), "Familie Plan 2", [family("Nour", "Plan", "1990-02-02")], 2);
    await expect(
      ctx.services.casework.planItems.add(
        p("cwA"),
        r.caseId!,
        parseInput(planItemInput, { title: "X", responsibleUserId: "0190a6f5-0000-7000-8000-000000000000" }),
      ),
    ).rejects.toMatchObject({ code: "validation_failed", fields: [{ field: "responsibleUserId" }] });
  });
});

describe("need-to-know access", () => {
  let caseA: string;
  let caseB: string;
  let householdB: string;
  beforeAll(async () => {
    caseA = (await intake(p("cwA"), "Familie Nord", [family("Lina", "Nord", "2001-06-01")], 2)).caseId!;
    const b = await intake(p("cwB"), "Familie Süd", [family("Karim", "Süd", "1999-07-07")], 7);
    caseB = b.caseId!;
    householdB = b.householdId;
  });

  it("case workers read their office's cases, not another office's", async () => {
    await expect(ctx.services.casework.cases.get(p("cwA2"), caseA)).resolves.toBeTruthy();
    await expect(ctx.services.casework.cases.get(p("cwA"), caseB)).rejects.toMatchObject({
      code: "forbidden",
    });
    const res = await api(`/cases/${caseB}`, { cookie: people.cwA!.cookie });
    expect(res.status).toBe(403);
    await expect(ctx.services.casework.households.get(p("cwA"), householdB)).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("an assigned case worker reads the case, whatever its office", async () => {
    const c = await ctx.services.casework.cases.get(p("supB"), caseB);
    await ctx.services.casework.cases.assignWorkers(
      p("supB"),
      caseB,
      parseInput(assignWorkersInput, {
        workerIds: [people.cwB!.id, people.cwA!.id],
        version: c.case.version,
      }),
    );
    await expect(ctx.services.casework.cases.get(p("cwA"), caseB)).resolves.toBeTruthy();
    const list = await ctx.services.casework.cases.list(p("cwA"), parseInput(caseListQuery, {}));
    expect(list.items.map((i) => i.id)).toContain(caseB);
  });

  it("supervisors see their office's cases; the list is scoped the same way", async () => {
    await expect(ctx.services.casework.cases.get(p("supA"), caseA)).resolves.toBeTruthy();
    await expect(ctx.services.casework.cases.get(p("supA"), caseB)).rejects.toMatchObject({
      code: "forbidden",
    });
    const list = await ctx.services.casework.cases.list(p("supA"), parseInput(caseListQuery, {}));
    expect(list.items.map((i) => i.id)).toContain(caseA);
    expect(list.items.map((i) => i.id)).not.toContain(caseB);
    const cwB = await ctx.services.casework.cases.list(
      p("cwB"),
      parseInput(caseListQuery, { office: officeA }),
    );
    expect(cwB.items).toEqual([]);
  });

  it("the name search finds cases by household label or reference, within the viewer's scope", async () => {
    const ids = async (principal: Principal, q: string) =>
      (await ctx.services.casework.cases.list(principal, parseInput(caseListQuery, { q }))).items.map(
        (i) => i.id,
      );
    const byLabel = await ids(p("supA"), "NORD");
    expect(byLabel).toContain(caseA);
    expect(byLabel).not.toContain(caseB);
    const { reference } = (await ctx.services.casework.cases.get(p("supA"), caseA)).case;
    expect(await ids(p("supA"), reference)).toEqual([caseA]);
    expect(await ids(p("supA"), "Süd")).not.toContain(caseB);
    expect(await ids(p("supB"), "Süd")).toContain(caseB);
    expect(await ids(p("supA"), "kein 100% Treffer_")).toEqual([]);
    // Many matching labels (more than the search fetches by id): the same result, by the plain filter.
    await ctx.handle.db.execute(
      sql`INSERT INTO households (tenant_id, id, label) SELECT ${tenantId}, gen_random_uuid(), 'Nordstadt ' || g FROM generate_series(1, 250) g`,
    );
    try {
      expect(await ids(p("supA"), "NORD")).toEqual(byLabel);
    } finally {
      await ctx.handle.db.execute(
        sql`DELETE FROM households WHERE tenant_id = ${tenantId} AND label LIKE 'Nordstadt %'`,
      );
    }
  });

  it("coordinators, analysts, partners, the data-protection officer and admins never read a case", async () => {
    for (const role of ["coordinator", "analyst", "partner_staff", "data_protection_officer", "admin"]) {
      const res = await api(`/cases/${caseA}`, { cookie: people[role]!.cookie });
      expect(res.status, role).toBe(403);
      const list = await api("/cases", { cookie: people[role]!.cookie });
      expect(list.status, role).toBe(403);
      await expect(ctx.services.casework.cases.get(p(role), caseA)).rejects.toMatchObject({
        code: "forbidden",
      });
    }
  });

  it("an unexpired break-glass access opens a case to a case worker, an expired one does not", async () => {
    const now = ctx.clock.now();
    await ctx.handle.db.execute(sql`
      INSERT INTO break_glass_accesses (tenant_id, id, user_id, case_id, reason, started_at, expires_at)
      VALUES (${tenantId}, gen_random_uuid(), ${people.cwB!.id}, ${caseA}, 'Notfall', ${now}, ${new Date(now.getTime() + 3600_000)})`);
    const d = await ctx.services.casework.cases.get(p("cwB"), caseA);
    expect(d.breakGlass).toBe(true);
    ctx.clock.advance(2 * 3600_000);
    await expect(ctx.services.casework.cases.get(p("cwB"), caseA)).rejects.toMatchObject({
      code: "forbidden",
    });
    ctx.clock.advance(-2 * 3600_000);
  });
});

describe("audited reads, conflicts, notes and attachments", () => {
  let caseId: string;
  let personId: string;
  beforeAll(async () => {
    const r = await intake(p("cwA"), "Familie Audit", [
      family("Samir", "Audit", "1980-03-03", { health: "Diabetes Typ 2" }),
    ]);
    caseId = r.caseId!;
    personId = r.personIds[0]!;
  });

  it("records every read of a case, its persons and notes (ids only)", async () => {
    const note = await ctx.services.casework.notes.add(
      p("cwA"),
      caseId,
      parseInput(noteInput, { text: "Termin beim Jobcenter", health: false }),
    );
    await ctx.services.casework.cases.get(p("cwA2"), caseId);
    const entries = await ctx.services.audit.list(
      tenantId,
      { actorUserId: people.cwA2!.id, action: "read" },
      { limit: 50, offset: 0 },
    );
    const caseRead = entries.find((e) => e.entityType === "case" && e.entityId === caseId)!;
    expect(caseRead.changes).toEqual({
      personIds: { old: null, new: [personId] },
      noteIds: { old: null, new: [note.id] },
    });
    expect(entries.some((e) => e.entityType === "person" && e.entityId === personId)).toBe(true);
    expect(entries.some((e) => e.entityType === "case_note" && e.entityId === note.id)).toBe(true);
    expect(JSON.stringify(entries)).not.toContain("Jobcenter");
    expect(JSON.stringify(entries)).not.toContain("Samir");

    await ctx.services.casework.persons.get(p("cwA2"), personId);
    const personReads = await ctx.services.audit.list(
      tenantId,
      { entityType: "person", entityId: personId },
      { limit: 50, offset: 0 },
    );
    expect(personReads.filter((e) => e.actorUserId === people.cwA2!.id).length).toBeGreaterThanOrEqual(2);

    await ctx.services.casework.cases.list(p("cwA2"), parseInput(caseListQuery, {}));
    const listRead = await ctx.services.audit.list(
      tenantId,
      { entityType: "case_list", actorUserId: people.cwA2!.id },
      { limit: 5, offset: 0 },
    );
    expect((listRead[0]!.changes as unknown as { caseIds: { new: string[] } }).caseIds.new).toContain(caseId);
  });

  it("the second of two saves with the same version gets a conflict, and nothing is overwritten", async () => {
    const c = await ctx.services.casework.cases.get(p("cwA"), caseId);
    const v = c.case.version;
    await ctx.services.casework.cases.update(
      p("cwA"),
      caseId,
      parseInput(updateCaseInput, { caseType: "case_management", version: v }),
    );
    await expect(
      ctx.services.casework.cases.update(
        p("cwA2"),
        caseId,
        parseInput(updateCaseInput, { caseType: "young_adults_help_plan", version: v }),
      ),
    ).rejects.toMatchObject({ code: "version_conflict" });
    const res = await api(`/cases/${caseId}`, {
      method: "PUT",
      cookie: people.cwA2!.cookie,
      body: JSON.stringify({ version: v, caseType: "young_adults_help_plan" }),
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe("version_conflict");
    expect((await ctx.services.casework.cases.get(p("cwA"), caseId)).case.caseType).toBe("case_management");

    const person = await ctx.services.casework.persons.get(p("cwA"), personId);
    const input = {
      givenName: "Samir",
      familyName: "Audit",
      birthDate: "1980-03-03",
      health: "Diabetes Typ 2",
    };
    await ctx.services.casework.persons.update(
      p("cwA"),
      personId,
      parseInput(updatePersonInput, { ...input, schoolQualification: "Abitur", version: person.version }),
    );
    await expect(
      ctx.services.casework.persons.update(
        p("cwA2"),
        personId,
        parseInput(updatePersonInput, { ...input, schoolQualification: "keiner", version: person.version }),
      ),
    ).rejects.toMatchObject({ code: "version_conflict" });
  });

  it("stores notes, health data and phase reasons encrypted; script in a note stays text", async () => {
    const script = '<script>alert("x")</script> Heimbesuch';
    await ctx.services.casework.notes.add(
      p("cwA"),
      caseId,
      parseInput(noteInput, { text: script, health: true }),
    );
    const c = await ctx.services.casework.cases.get(p("cwA"), caseId);
    await ctx.services.casework.cases.changePhase(
      p("cwA"),
      caseId,
      parseInput(changePhaseInput, {
        toPhase: "orientierung",
        changedOn: "2026-03-02",
        reason: "Wohnung gefunden",
        version: c.case.version,
      }),
    );
    const raw = JSON.stringify(
      await rows(sql`SELECT n.text_enc, p.health_enc, ch.reason_enc FROM case_notes n
        JOIN persons p ON p.tenant_id = n.tenant_id AND p.id = ${personId}
        JOIN case_phase_changes ch ON ch.tenant_id = n.tenant_id AND ch.case_id = n.case_id
        WHERE n.case_id = ${caseId}`),
    );
    expect(raw).not.toContain("script");
    expect(raw).not.toContain("Diabetes");
    expect(raw).not.toContain("Wohnung");
    const after = await ctx.services.casework.cases.get(p("cwA"), caseId);
    expect(after.notes.map((n) => n.text)).toContain(script);
    expect(after.persons[0]!.health).toBe("Diabetes Typ 2");
    expect(after.phaseHistory[0]!.reason).toBe("Wohnung gefunden");
  });

  it("refuses an over-large attachment and a file that is not PDF/PNG/JPEG; stores the rest encrypted", async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set([0x25, 0x50, 0x44, 0x46]);
    await expect(
      ctx.services.casework.attachments.add(p("cwA"), caseId, {
        fileName: "scan.pdf",
        mimeType: "application/pdf",
        content: big,
      }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      fields: [{ field: "file", code: "attachment_too_large" }],
    });
    await expect(
      ctx.services.casework.attachments.add(p("cwA"), caseId, {
        fileName: "x.html",
        mimeType: "application/pdf",
        content: new TextEncoder().encode("<html>"),
      }),
    ).rejects.toMatchObject({ fields: [{ field: "file", code: "attachment_type" }] });
    const pdf = new TextEncoder().encode("%PDF-1.4 Bescheid");
    const a = await ctx.services.casework.attachments.add(p("cwA"), caseId, {
      fileName: "bescheid.pdf",
      mimeType: "",
      content: pdf,
    });
    const raw = JSON.stringify(
      await rows(
        sql`SELECT file_name_enc, convert_from(content_enc, 'UTF8') AS c FROM case_attachments WHERE id = ${a.id}`,
      ),
    );
    expect(raw).not.toContain("bescheid");
    const file = await ctx.services.casework.attachments.get(p("cwA"), caseId, a.id);
    expect(new TextDecoder().decode(file.content)).toBe("%PDF-1.4 Bescheid");
    expect(file.fileName).toBe("bescheid.pdf");
  });

  it("closure sets the retention date from the tenant's period; reopening clears it", async () => {
    const s = await ctx.services.casework.settings.get(p("admin"));
    await ctx.services.casework.settings.update(
      p("admin"),
      parseInput(updateSettingsInput, { retentionYears: 5, version: s.version }),
    );
    expect(await ctx.services.casework.retentionPeriod(tenantId)).toBe(5);
    const c = await ctx.services.casework.cases.get(p("cwA"), caseId);
    const closed = await ctx.services.casework.cases.close(
      p("cwA"),
      caseId,
      parseInput(closeCaseInput, { closedOn: "2026-03-02", reason: "goals_met", version: c.case.version }),
    );
    expect(closed.retentionDueOn).toBe("2031-03-02");
    const reopened = await ctx.services.casework.cases.reopen(p("cwA"), caseId, { version: closed.version });
    expect(reopened.retentionDueOn).toBeNull();
    expect(reopened.status).toBe("open");
  });
});

describe("duplicates and merge", () => {
  it("warns about a similar name with a close birth date, across scripts; hides other teams' candidates", async () => {
    const first = await intake(
      p("cwA"),
      "Familie M.",
      [family("Mohammed", "Al-Hassan", "1988-05-12")],
      2,
      false,
    );
    const again = await ctx.services.casework.createHousehold(p("cwA2"), {
      household: { label: "Familie M. (neu)", lon: 2, lat: 5 },
      persons: [family("Muhammad", "Alhasan", "1988-05-13")],
    });
    expect(again.status).toBe("duplicates");
    if (again.status !== "duplicates") return;
    expect(again.duplicates.visible.map((v) => v.householdId)).toContain(first.householdId);

    const arabic = await ctx.services.casework.households.duplicates(p("cwA"), [
      { givenName: "محمد", familyName: "الحسن", birthDate: "1988-05-12" },
    ]);
    expect(arabic.visible.map((v) => v.householdId)).toContain(first.householdId);

    const other = await ctx.services.casework.createHousehold(p("cwB"), {
      household: { label: "Familie M. Ost", lon: 7, lat: 5 },
      persons: [family("Mohamed", "Al Hassan", "1988-05-12")],
    });
    expect(other).toMatchObject({ status: "duplicates", duplicates: { visible: [], hiddenCount: 1 } });

    const res = await api("/households", {
      method: "POST",
      cookie: people.cwB!.cookie,
      body: JSON.stringify({
        household: { label: "Familie M. Ost", lon: 7, lat: 5 },
        persons: [family("Mohamed", "Al Hassan", "1988-05-12")],
      }),
    });
    expect(res.status).toBe(409);
    const text = await res.text();
    expect(text).toContain("possible_duplicate");
    expect(text).not.toContain("Hassan");
    expect(text).not.toContain("Familie M.");

    const unrelated = await ctx.services.casework.households.duplicates(p("cwA"), [
      { givenName: "Mohammed", familyName: "Al-Hassan", birthDate: "1960-01-20" },
    ]);
    expect(unrelated.visible).toEqual([]);
  });

  it("a supervisor merges a duplicate household: persons and cases move, the merge is recorded", async () => {
    const a = await intake(p("cwA"), "Familie Y.", [family("Yusuf", "Yilmaz", "1979-09-09")], 2);
    const b = await intake(p("cwA2"), "Familie Y. (2)", [family("Jusuf", "Yılmaz", "1979-09-09")], 2);
    const merge = { survivorId: a.householdId, mergedId: b.householdId, mergedVersion: 1 };
    await expect(ctx.services.casework.households.merge(p("cwA"), merge)).rejects.toMatchObject({
      code: "forbidden",
    });
    const r = await ctx.services.casework.households.merge(p("supA"), merge);
    expect(r).toEqual({ survivorId: a.householdId, personsMoved: 1, casesMoved: 1 });
    const h = await ctx.services.casework.households.get(p("supA"), a.householdId);
    expect(h.persons.map((x) => x.id).sort()).toEqual([...a.personIds, ...b.personIds].sort());
    expect(h.cases.map((c) => c.id).sort()).toEqual([a.caseId, b.caseId].sort());
    const merged = await ctx.services.casework.households.get(p("supA"), b.householdId);
    expect(merged.household.mergedInto).toBe(a.householdId);
    const audit = await ctx.services.audit.list(tenantId, { action: "merge" }, { limit: 10, offset: 0 });
    expect(audit.map((e) => e.entityId).sort()).toEqual([a.householdId, b.householdId].sort());
  });
});

describe("key rotation", () => {
  it("decrypts with a previous key and re-encrypts every *_enc column under the new key", async () => {
    const r = await intake(p("cwA"), "Familie Rot.", [
      family("Rosa", "Rot", "1966-06-06", { health: "Asthma" }),
    ]);
    await ctx.services.casework.notes.add(
      p("cwA"),
      r.caseId!,
      parseInput(noteInput, { text: "vor der Rotation", health: false }),
    );
    const oldConfig = ctx.services.core.config;
    const newConfig = loadConfig({
      NODE_ENV: "test",
      SECRET_KEY: "a-brand-new-secret-key-for-rotation-0123456789",
      SECRET_KEY_PREVIOUS: oldConfig.secretKey,
      DATA_DIR: "/nonexistent",
    });
    const rotated = createServices({ ...ctx.services.core, config: newConfig });
    // Before rotation: old values still decrypt through SECRET_KEY_PREVIOUS.
    const before = await rotated.casework.cases.get(p("cwA"), r.caseId!);
    expect(before.notes.map((n) => n.text)).toContain("vor der Rotation");

    const report = await rotateKeys(ctx.handle.db, newConfig);
    const notes = report.find((x) => x.column === "case_notes.text_enc")!;
    expect(notes.reencrypted).toBeGreaterThan(0);
    expect(report.find((x) => x.column === "persons.health_enc")!.reencrypted).toBeGreaterThan(0);
    // Now the new key alone reads everything, and the old key reads nothing.
    const onlyNew = createCaseCrypto({ secretKey: newConfig.secretKey });
    const raw = await rows(sql`SELECT text_enc FROM case_notes WHERE case_id = ${r.caseId!}`);
    expect(onlyNew.decrypt(raw[0]!.text_enc as string)).toBe("vor der Rotation");
    expect(() =>
      createCaseCrypto({ secretKey: oldConfig.secretKey }).decrypt(raw[0]!.text_enc as string),
    ).toThrow();
    const withoutPrevious = createServices({
      ...ctx.services.core,
      config: { ...newConfig, secretKeyPrevious: [] },
    });
    const after = await withoutPrevious.casework.cases.get(p("cwA"), r.caseId!);
    expect(after.persons[0]!.health).toBe("Asthma");
    // Running it again changes nothing.
    const again = await rotateKeys(ctx.handle.db, newConfig);
    expect(again.every((x) => x.reencrypted === 0)).toBe(true);

    // The CLI command (npm run lotse -- rotate-keys) with a third key: reports and re-encrypts.
    const thirdConfig = loadConfig({
      NODE_ENV: "test",
      SECRET_KEY: "yet-another-secret-key-for-the-cli-0123456789",
      SECRET_KEY_PREVIOUS: `${newConfig.secretKey}, ${oldConfig.secretKey}`,
      DATA_DIR: "/nonexistent",
    });
    const lines: string[] = [];
    await rotateKeysCommand(
      { config: thirdConfig, handle: ctx.handle, services: rotated, close: async () => {} },
      {},
      { log: (l) => lines.push(l) },
    );
    expect(lines.some((l) => /^case_notes\.text_enc: \d+ re-encrypted/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^Done: \d+ values re-encrypted/);
    const raw3 = await rows(sql`SELECT text_enc FROM case_notes WHERE case_id = ${r.caseId!}`);
    expect(createCaseCrypto({ secretKey: thirdConfig.secretKey }).decrypt(raw3[0]!.text_enc as string)).toBe(
      "vor der Rotation",
    );
  });
});
