import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "#app/server/db/schema.ts";
import { isAppError } from "#app/server/errors.ts";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import { answerFieldsOf, submissionInput } from "../surveys/contracts.ts";

// The questionnaires of the surveys module in this module, small cells hidden, on PGlite and
// PostgreSQL: the questionnaire per accommodation (decision 081) and the citizens' dialogue whose
// answers become the site-selection weights (decision 114).

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
async function api(who: string, method: "GET" | "PUT" | "POST", path: string, body?: unknown) {
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

describe("weights from a citizens' dialogue (decision 114)", () => {
  /** A dialogue questionnaire as an XLSForm: importance 1–5 as a number and as a choice list. */
  async function dialogueForm() {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("survey").addRows([
      ["type", "name", "label::Deutsch (de)"],
      ["integer", "w_anbindung", "Wie wichtig ist die Anbindung? (1–5)"],
      ["select_one wichtig", "w_kosten", "Wie wichtig sind die Kosten?"],
      ["text", "kommentar", "Anmerkung"],
    ]);
    wb.addWorksheet("choices").addRows([
      ["list_name", "name", "label::Deutsch (de)"],
      ...[1, 2, 3, 4, 5].map((n) => ["wichtig", String(n), `${n}`]),
    ]);
    wb.addWorksheet("settings").addRows([
      ["form_title", "form_id", "default_language"],
      ["Bürgerdialog Standorte", "buergerdialog", "Deutsch (de)"],
    ]);
    const upload = new Uint8Array(await wb.xlsx.writeBuffer());
    return (await ctx.services.surveys.importXlsForm(who.coord!, upload)).form.id;
  }
  const anonymous = {
    sex: "female",
    birthDate: null,
    areaId: null,
    accommodationKind: null,
    phaseKey: null,
  } as const;
  async function answer(formId: string, anbindung: number, kosten: number) {
    const def = (await ctx.services.surveys.getForm(who.coord!, formId)).definition;
    await ctx.services.surveys.seedDemoResponse({
      tenantId,
      formId,
      def,
      answers: { w_anbindung: anbindung, w_kosten: String(kosten) },
      respondent: { personId: randomUUID(), ...anonymous },
      today: "2026-03-02",
      channel: "staff",
      waveId: null,
      by: who.coord!,
    });
  }
  type Row = { criterionId: string; answers: number | null; median: number | null; share: number | null };
  type Derived = { status: string; rows: Row[]; weights: Record<string, number> | null };
  type Weights = { dialogue: { version: number } | null; derived: Derived | null };

  it("derives the weights from the answers' medians, hides small counts, adopts them numbered and audited, and the selection uses them", async () => {
    const [acc, sys] = [ctx.services.accommodation, { kind: "system", tenantId } as const];
    const base = { unit: null, missing: "impute_median", source: "manual" } as const;
    const quality = await acc.createCriterion(sys, { name: "Anbindung", direction: "max", ...base });
    const cost = await acc.createCriterion(sys, { name: "Kosten", direction: "min", ...base });
    const site = { name: "Brache West", capacity: 40, existing: false, note: null };
    const geometry = { type: "Point" as const, coordinates: [2, 5] as [number, number] };
    await acc.createSite(sys, { ...site, geometry, values: { [quality.id]: 5, [cost.id]: 90 } });
    // Nothing adopted yet: a run without weights says so at the weights field.
    const none = await api("coord", "POST", "/accommodation/scenarios", {
      name: "Ohne",
      constraints: {},
    });
    expect(none.status).toBe(422);
    expect(none.body.errors).toEqual([
      expect.objectContaining({ field: "weights", message: expect.stringContaining("kein Gewichtungssatz") }),
    ]);
    expect((await api("board", "GET", "/accommodation/weights")).body).toEqual({
      dialogue: null,
      derived: null,
      sets: [],
    });

    const formId = await dialogueForm();
    const forms = await api("coord", "GET", "/accommodation/weights/forms");
    const numeric = (forms.body as unknown as { id: string; questions: { name: string }[] }[]).find(
      (f) => f.id === formId,
    )!;
    // The free-text question cannot carry a weight.
    expect(numeric.questions.map((q) => q.name)).toEqual(["w_anbindung", "w_kosten"]);
    const twice = await api("coord", "PUT", "/accommodation/weights/dialogue", {
      formId,
      method: "rating",
      mapping: { [quality.id]: "w_anbindung", [cost.id]: "w_anbindung" },
      version: null,
    });
    expect(twice.status).toBe(422);
    expect(twice.body.errors).toEqual([
      expect.objectContaining({ field: `mapping.${cost.id}`, message: expect.stringContaining("schon") }),
    ]);
    const text = await api("coord", "PUT", "/accommodation/weights/dialogue", {
      formId,
      method: "rating",
      mapping: { [quality.id]: "kommentar" },
      version: null,
    });
    expect(text.body.errors).toEqual([expect.objectContaining({ field: `mapping.${quality.id}` })]);
    const linked = await api("coord", "PUT", "/accommodation/weights/dialogue", {
      formId,
      method: "rating",
      mapping: { [quality.id]: "w_anbindung", [cost.id]: "w_kosten" },
      version: null,
    });
    expect(linked.status).toBe(200);
    const version = (linked.body as unknown as Weights).dialogue!.version;

    // Four answers: fewer than the small-cell minimum of 5, so no median leaves the surveys module.
    for (const [a, k] of ["52", "43", "51", "32"].map((x) => [...x].map(Number)))
      await answer(formId, a!, k!);
    const small = (await api("board", "GET", "/accommodation/weights")).body as unknown as Weights;
    expect(small.derived!.status).toBe("suppressed");
    expect(small.derived!.rows.map((r) => [r.answers, r.median])).toEqual([
      [null, null],
      [null, null],
    ]);
    const refused = await api("coord", "POST", "/accommodation/weights/sets", { version, weights: {} });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: "weights", message: expect.stringContaining("zu wenige Antworten") }),
    ]);

    await answer(formId, 4, 2);
    await answer(formId, 5, 3);
    // Anbindung 3, 4, 4, 5, 5, 5 → median 4.5; Kosten 1, 2, 2, 2, 3, 3 → median 2.
    const view = (await api("board", "GET", "/accommodation/weights")).body as unknown as Weights;
    expect(view.derived!.status).toBe("ok");
    expect(view.derived!.weights).toEqual({ [quality.id]: 4.5, [cost.id]: 2 });
    expect(view.derived!.rows.map((r) => [r.answers, r.share])).toEqual([
      [6, 0.692308],
      [6, 0.307692],
    ]);
    // Weights other than the answers give now (an answer came in after the page loaded) are refused.
    const stale = await api("coord", "POST", "/accommodation/weights/sets", {
      version,
      weights: { [quality.id]: 4, [cost.id]: 2 },
    });
    expect(stale.body.errors).toEqual([
      expect.objectContaining({ field: "weights", message: expect.stringContaining("neue Antworten") }),
    ]);
    expect((await api("board", "POST", "/accommodation/weights/sets", { version, weights: {} })).status).toBe(
      403,
    );

    // Two adoptions of the same reading at once: one becomes set no. 1, the other a version conflict.
    const both = await Promise.all(
      [0, 1].map(() =>
        api("coord", "POST", "/accommodation/weights/sets", { version, weights: view.derived!.weights }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const adopted = both.find((r) => r.status === 200)!.body as unknown as { id: string; number: number };
    expect(adopted.number).toBe(1);
    const entries = await ctx.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.entityType, "accommodation_weight_set")));
    expect(entries.map((e) => [e.entityId, e.action])).toEqual([[adopted.id, "create"]]);

    // A run without weights uses the set in force and records it.
    const run = await api("coord", "POST", "/accommodation/scenarios", {
      name: "Dialog-Gewichte",
      constraints: { onePerArea: true },
    });
    expect(run.status).toBe(200);
    expect(run.body.weights).toEqual({ [quality.id]: 4.5, [cost.id]: 2 });
    expect(run.body.weightSet).toEqual({ id: adopted.id, number: 1 });
    const read = await api("board", "GET", `/accommodation/scenarios/${run.body.id as string}`);
    expect(read.body.weightSet).toEqual({ id: adopted.id, number: 1 });
  });
});
