import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "#app/server/errors.ts";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import { answerFieldsOf, submissionInput } from "../surveys/contracts.ts";

// The questionnaire per accommodation through the surveys module, small cells hidden (decision
// 081), on PGlite and PostgreSQL.

let ctx: TestContext;
let tenantId: string;
let caseId: string;
let outcomeForm: string;
const who: Record<string, Principal> = {};
const cookie: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-03-02T09:00:00Z") });
  tenantId = (
    await ctx.services.tenants.create({ slug: "luenen-survey", name: "Stadt Lünen", kind: "municipality" })
  ).id;
  const ring = [
    [0, 0],
    [5, 0],
    [5, 10],
    [0, 10],
    [0, 0],
  ];
  await ctx.services.areas.commitImport(
    { kind: "system" },
    tenantId,
    JSON.stringify({
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { code: "W", name: "West", level: "quarter", parent: null },
          geometry: { type: "Polygon", coordinates: [ring] },
        },
      ],
    }),
  );
  const roles: [string, Role][] = [
    ["cw", "case_worker"],
    ["coord", "coordinator"],
    ["board", "board_member"],
  ];
  for (const [key, role] of roles) {
    const { user } = await createUserWithRole(ctx.services, tenantId, role);
    who[key] = {
      userId: user.id,
      tenantId,
      sessionId: "s",
      grants: [{ role, scopeType: "tenant", scopeId: null }],
      mfaSatisfied: true,
    };
    cookie[key] = await sessionCookieFor(ctx.services, tenantId, user.id);
  }
  const r = await ctx.services.casework.createHousehold(who.cw!, {
    household: { label: "Familie A." },
    persons: [{ givenName: "Amal", familyName: "A.", birthDate: "1990-03-01", sex: "female" }],
    case: { caseType: "integration" },
    allowDuplicate: true,
  });
  if (r.status !== "created") throw new Error("household");
  caseId = r.caseId!;
  outcomeForm = (await ctx.services.surveys.createFromTemplate(who.coord!, "luenen_outcome_2017")).id;
});
afterAll(() => ctx?.close());

const outcomeAnswers = (attended: "yes" | "no"): [string, string][] => [
  ["q.residence_status", "recognised"],
  ["q.language_course_attended", attended],
  ["q.main_activity", "job_seeking"],
  ["q.stay_in_town", "yes_probably"],
];

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (!isAppError(e)) throw e;
    return e.code === "validation_failed" ? (e.fields?.[0]?.code ?? e.code) : e.code;
  }
}

describe("the questionnaire per accommodation", () => {
  it("counts answers by the accommodation the case lived in, through the small-cell rule", async () => {
    const svc = ctx.services.accommodation;
    const coord = who.coord!;
    const make = (name: string) =>
      svc.accommodations.create(
        { kind: "user", principal: coord },
        {
          name,
          kind: "flat",
          address: "Lange Straße 4, 44532 Lünen",
          lon: 2,
          lat: 5,
          places: 12,
          accessible: false,
          operator: null,
          contact: null,
          opensOn: "2026-01-01",
          closesOn: null,
        },
      );
    const a = await make("Wohnung West");
    const b = await make("Wohnung Ost");
    const { version } = await svc.accommodations.get({ kind: "user", principal: coord }, a.id);
    await svc.placements.place(who.cw!, a.id, {
      caseId: caseId,
      moveIn: "2026-03-01",
      moveOut: null,
      room: null,
      version,
    });
    expect(await codeOf(svc.questionnaire.attach(coord, a.id, randomUUID()))).toBe("invalid_choice");
    expect(await codeOf(svc.questionnaire.attach(who.cw!, a.id, outcomeForm))).toBe("forbidden");
    await svc.questionnaire.attach(coord, a.id, outcomeForm);
    await svc.questionnaire.attach(coord, b.id, outcomeForm);

    const submit = (attended: "yes" | "no") =>
      ctx.services.surveys.submitInCase(
        who.cw!,
        caseId,
        outcomeForm,
        parseInput(submissionInput, {
          formVersion: 1,
          submissionId: randomUUID(),
          lang: "de",
          answers: answerFieldsOf(outcomeAnswers(attended)),
        }),
      );
    for (let i = 0; i < 6; i++) await submit("yes");
    await submit("no");

    const none = await svc.questionnaire.of(coord, a.id, null, "de");
    expect(none?.form.id).toBe(outcomeForm);
    expect(none?.questions.map((q) => q.name)).toContain("language_course_attended");
    expect(none?.table).toBeNull();

    const r = await svc.questionnaire.of(who.cw!, a.id, "language_course_attended", "de");
    const table = r!.table!;
    expect(table.columns.map((c) => c.label).sort()).toEqual(["Wohnung Ost", "Wohnung West"]);
    const [west, east] = [a.id, b.id].map((id) => table.columns.findIndex((c) => c.key === id));
    const row = (key: string) => table.cells[table.rows.findIndex((x) => x.key === key)]!;
    // Seven answers in the west flat: the one "no" is a small count (primary), so the six "yes"
    // are hidden too (secondary), else the "no" could be worked out from the column's total.
    expect(table.columnTotals[west!]).toEqual({ value: 7, suppressed: null });
    expect(row("no")[west!]).toEqual({ value: null, suppressed: "primary" });
    expect(row("yes")[west!]).toEqual({ value: null, suppressed: "secondary" });
    // Nobody answered while living in the east flat.
    expect(table.columnTotals[east!]).toEqual({ value: 0, suppressed: null });
    expect(await codeOf(svc.questionnaire.of(who.board!, a.id, null, "de"))).toBe("forbidden");
  });
});

type Json = Record<string, unknown> & { errors?: { field: string; message: string }[] };
async function api(who: string, method: "GET" | "PUT", path: string, body?: unknown) {
  const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1${path}`, {
    method,
    headers: {
      cookie: cookie[who]!,
      origin: TEST_BASE_URL,
      "accept-language": "de",
      ...(body ? { "content-type": "application/json" } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

describe("the questionnaire's API", () => {
  it("attaches a form, shows a question by accommodation, and refuses what it must", async () => {
    const svc = ctx.services.accommodation;
    const acc = await svc.accommodations.create(
      { kind: "user", principal: who.coord! },
      {
        name: "Haus am Kanal",
        kind: "shared_house",
        address: "Kanalstraße 1, 44536 Lünen",
        lon: 3,
        lat: 4,
        places: 20,
        accessible: true,
        operator: null,
        contact: null,
        opensOn: "2026-01-01",
        closesOn: null,
      },
    );
    const path = `/accommodation/accommodations/${acc.id}/questionnaire`;
    const empty = await api("coord", "GET", path);
    expect(empty).toEqual({ status: 200, body: { form: null, questions: [], table: null } });

    const forms = await api("coord", "GET", "/accommodation/questionnaire-forms");
    expect(forms.status).toBe(200);
    expect((forms.body as unknown as { id: string }[]).map((f) => f.id)).toContain(outcomeForm);

    const bad = await api("coord", "PUT", path, { formId: randomUUID() });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.[0]?.field).toBe("formId");
    expect(bad.body.errors?.[0]?.message).toBeTruthy();
    expect((await api("cw", "PUT", path, { formId: outcomeForm })).status).toBe(403);
    expect((await api("board", "GET", path)).status).toBe(403);
    expect(
      (await api("coord", "GET", `/accommodation/accommodations/${randomUUID()}/questionnaire`)).status,
    ).toBe(404);

    const attached = await api("coord", "PUT", path, { formId: outcomeForm });
    expect(attached.status).toBe(200);
    expect((attached.body.form as { id: string }).id).toBe(outcomeForm);
    expect(attached.body.table).toBeNull();

    const shown = await api("cw", "GET", `${path}?question=language_course_attended`);
    expect(shown.status).toBe(200);
    const table = shown.body.table as { columns: { key: string }[]; minCount: number };
    expect(table.columns.map((c) => c.key)).toContain(acc.id);
    expect(table.minCount).toBeGreaterThan(1);

    const detached = await api("coord", "PUT", path, { formId: null });
    expect(detached.body.form).toBeNull();
  });
});
