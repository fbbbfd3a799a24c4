// The case page's loader reads the case once: one audit entry per case, person and note read,
// although the page also shows the case's questionnaire responses (which take the case's
// handle instead of loading and auditing the case again).
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { noteInput } from "#app/modules/casework/contracts.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole } from "../../../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../../../tests/setup/test-db.ts";
import { pageContext } from "../../../context.ts";
import { loader } from "./detail.tsx";
import { action as intakeAction, loader as intakeLoader } from "./new.tsx";

let ctx: TestContext;
let tenantId: string;
let worker: Principal;

beforeAll(async () => {
  ctx = await createTestContext();
  tenantId = (
    await ctx.services.tenants.create({
      slug: ctx.services.core.config.defaultTenant,
      name: "Fallseite",
      kind: "municipality",
    })
  ).id;
  const { user } = await createUserWithRole(ctx.services, tenantId, "case_worker");
  worker = {
    userId: user.id,
    tenantId,
    sessionId: "s",
    grants: [{ role: "case_worker", scopeType: "tenant", scopeId: null }],
    mfaSatisfied: true,
  };
});
afterAll(() => ctx.close());

function pageCtx(principal: Principal, lang: "de" | "ar" = "de") {
  const context = new RouterContextProvider();
  return ctx.services.tenants.byId(tenantId).then((tenant) => {
    context.set(pageContext, {
      requestId: "req-intake",
      log: ctx.services.core.logger,
      services: ctx.services,
      tenant: tenant!,
      principal,
      lang,
      t: createTranslator(lang, catalogs().get(lang) ?? {}),
    });
    return context;
  });
}

/** The intake form as a browser without JavaScript posts it. */
async function postIntake(fields: [string, string][]) {
  const url = new URL(`${TEST_BASE_URL}/staff/cases/new`);
  const body = new URLSearchParams(fields);
  const result = await intakeAction({
    context: await pageCtx(worker),
    request: new Request(url, { method: "POST", body }),
    url,
    pattern: "/staff/cases/new",
    params: {},
  });
  return result as Response | IntakeAnswer;
}
type IntakeAnswer = Exclude<Awaited<ReturnType<typeof intakeAction>>, Response>;

async function loadPage(principal: Principal, caseId: string) {
  const context = new RouterContextProvider();
  context.set(pageContext, {
    requestId: "req-case-page",
    log: ctx.services.core.logger,
    services: ctx.services,
    tenant: (await ctx.services.tenants.byId(tenantId))!,
    principal,
    lang: "de",
    t: createTranslator("de", catalogs().get("de") ?? {}),
  });
  const url = new URL(`${TEST_BASE_URL}/staff/cases/${caseId}`);
  return loader({
    context,
    request: new Request(url),
    url,
    pattern: "/staff/cases/:id",
    params: { id: caseId },
  });
}

describe("the case page", () => {
  it("writes exactly one audit read per case, person and note on one page load", async () => {
    const r = await ctx.services.casework.createHousehold(worker, {
      household: { label: "Familie Seite" },
      persons: [
        { givenName: "Lina", familyName: "Seite", birthDate: "1988-02-02" },
        { givenName: "Omar", familyName: "Seite", birthDate: "1986-07-07" },
      ],
      case: { caseType: "integration" },
      allowDuplicate: true,
    });
    if (r.status !== "created") throw new Error("expected a created household");
    const caseId = r.caseId!;
    const note = await ctx.services.casework.notes.add(
      worker,
      caseId,
      parseInput(noteInput, { text: "Erstgespräch", health: false }),
    );

    const page = await loadPage(worker, caseId);
    expect(page.caseId).toBe(caseId);
    expect(page.persons.map((p) => p.id).sort()).toEqual([...r.personIds].sort());
    expect(page.surveys.responses).toEqual([]);

    const reads = await ctx.services.audit.list(
      tenantId,
      { actorUserId: worker.userId, action: "read" },
      { limit: 100, offset: 0 },
    );
    const count = (entityType: string, id: string) =>
      reads.filter((e) => e.entityType === entityType && e.entityId === id).length;
    expect(count("case", caseId)).toBe(1);
    for (const id of r.personIds) expect(count("person", id)).toBe(1);
    expect(count("case_note", note.id)).toBe(1);
    expect(reads.every((e) => e.requestId === "req-case-page")).toBe(true);
  });
});

describe("the intake page (decision 093)", () => {
  it("names countries and languages in the reader's language, never as codes", async () => {
    const url = new URL(`${TEST_BASE_URL}/staff/cases/new`);
    const page = await intakeLoader({
      context: await pageCtx(worker, "ar"),
      request: new Request(url),
      url,
      pattern: "/staff/cases/new",
      params: {},
    });
    const country = (c: string) => page.choices.countries.find((o) => o.value === c)?.label;
    expect(country("SY")).toBe("سوريا");
    expect(country("XX")).toBe("عديم الجنسية");
    expect(page.choices.countries.some((o) => o.value === "EU" || o.value === "SU")).toBe(false);
    expect(page.choices.languages.find((o) => o.value === "uk")?.label).toBe("الأوكرانية");
  });

  it("adds and removes a person by a round trip without JavaScript, keeping everything typed", async () => {
    const typed: [string, string][] = [
      ["label", "Familie Rundreise"],
      ["personCount", "2"],
      ["p0_givenName", "Amal"],
      ["p0_familyName", "Rundreise"],
      ["p0_nationalities", "SY"],
      ["p0_nationalities", ""],
      ["p0_lang", "ar"],
      ["p0_level", "native"],
      ["p0_lang", ""],
      ["p0_level", ""],
      ["p1_givenName", "Karim"],
      ["p1_familyName", "Rundreise"],
      ["caseType", "integration"],
    ];
    const added = await postIntake([...typed, ["repeat", "add_person"]]);
    if (added instanceof Response) throw new Error("expected the form again");
    const values = added.data.values;
    expect(values.household.label).toBe("Familie Rundreise");
    expect(values.persons.map((p) => p.givenName)).toEqual(["Amal", "Karim", ""]);
    expect(values.persons[0]?.nationalities).toEqual(["SY"]);
    expect(values.persons[0]?.languages).toEqual([{ lang: "ar", level: "native" }]);
    const removed = await postIntake([...typed, ["repeat", "remove_person:0"]]);
    if (removed instanceof Response) throw new Error("expected the form again");
    expect(removed.data.values.persons.map((p) => p.givenName)).toEqual(["Karim"]);
    expect(
      (await ctx.services.casework.households.list(worker, { q: "Rundreise", offset: 0 })).items,
    ).toEqual([]);
  });

  it("asks before creating a person aged 110 or more, and creates once confirmed", async () => {
    const typed: [string, string][] = [
      ["label", "Familie Alt"],
      ["personCount", "1"],
      ["p0_givenName", "Hamid"],
      ["p0_familyName", "Alt"],
      ["p0_birthDate", "1900-01-01"],
      ["p0_nationalities", "IQ"],
      ["p0_lang", "ku"],
      ["p0_level", "B1"],
      ["caseType", "integration"],
    ];
    const asked = await postIntake(typed);
    if (asked instanceof Response) throw new Error("expected the warning");
    expect(asked.data.warnings).toEqual([{ person: 0, path: "birthDate", code: "age_unusual", age: 126 }]);
    expect(asked.data.errors).toBeUndefined();
    const created = await postIntake([...typed, ["confirmWarning", "p0.age_unusual"]]);
    expect(created instanceof Response && created.status).toBe(302);
    const list = await ctx.services.casework.households.list(worker, { q: "Familie Alt", offset: 0 });
    const h = await ctx.services.casework.households.get(worker, list.items[0]!.id);
    expect(h.persons[0]).toMatchObject({ nationalities: ["IQ"], languages: [{ lang: "ku", level: "B1" }] });
  });

  it("asks at the field about a child older than its parent, and only a confirmation of that creates", async () => {
    const typed: [string, string][] = [
      ["label", "Familie Vertauscht"],
      ["personCount", "2"],
      ["p0_givenName", "Samira"],
      ["p0_familyName", "Vertauscht"],
      ["p0_birthDate", "2001-04-01"],
      ["p0_householdRelation", "self"],
      ["p1_givenName", "Yusuf"],
      ["p1_familyName", "Vertauscht"],
      ["p1_birthDate", "1999-04-01"],
      ["p1_householdRelation", "child"],
      ["caseType", "integration"],
    ];
    const asked = await postIntake(typed);
    if (asked instanceof Response) throw new Error("expected the warning");
    expect(asked.data.warnings).toEqual([
      { person: 1, path: "birthDate", code: "child_not_younger", age: expect.any(Number), other: 0 },
    ]);
    expect(asked.data.values.persons.map((p) => p.birthDate)).toEqual(["2001-04-01", "1999-04-01"]);
    // A confirmation of another warning (here: a stale one) does not count.
    const stale = await postIntake([...typed, ["confirmWarning", "p0.age_unusual"]]);
    if (stale instanceof Response) throw new Error("expected the warning again");
    expect(stale.data.warnings.map((w) => w.code)).toEqual(["child_not_younger"]);
    expect(stale.data.confirmed).toEqual(["p0.age_unusual"]);
    const created = await postIntake([...typed, ["confirmWarning", "p1.child_not_younger.0"]]);
    expect(created instanceof Response && created.status).toBe(302);
  });

  it("refuses a birth in the future at the field, by the clock's day", async () => {
    const res = await postIntake([
      ["label", "Familie Zukunft"],
      ["personCount", "1"],
      ["p0_givenName", "Nour"],
      ["p0_familyName", "Zukunft"],
      ["p0_birthDate", "2090-01-01"],
      ["p0_arrivedInGermanyOn", "2099-01-01"],
      ["caseType", "integration"],
    ]);
    if (res instanceof Response) throw new Error("expected errors");
    expect(res.init?.status).toBe(422);
    expect(Object.keys(res.data.errors?.fields ?? {}).sort()).toEqual([
      "persons.0.arrivedInGermanyOn",
      "persons.0.birthDate",
    ]);
  });
});
