import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "#app/server/errors.ts";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import { writeXlsForm } from "./xlsform.ts";

let ctx: TestContext;
let tenantId: string;
const who: Record<string, { principal: Principal; cookie: string }> = {};
let caseId: string;
let personIds: string[];
let needsForm: string;
let outcomeForm: string;
let areaIds: Record<string, string>;

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

async function user(key: string, role: Role) {
  const { user: u } = await createUserWithRole(ctx.services, tenantId, role);
  who[key] = {
    principal: {
      userId: u.id,
      tenantId,
      sessionId: "s",
      grants: [{ role, scopeType: "tenant", scopeId: null }],
      mfaSatisfied: true,
    },
    cookie: await sessionCookieFor(ctx.services, tenantId, u.id),
  };
}
const p = (k: string) => who[k]!.principal;

async function rows(query: ReturnType<typeof sql>) {
  return ((await ctx.handle.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
}

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error("expected an error");
}

/** The outcome survey's minimal valid answers as form fields. */
const outcome = (attended: "yes" | "no", extra: [string, string][] = []): [string, string][] => [
  ["q.residence_status", "recognised"],
  ["q.language_course_attended", attended],
  ["q.main_activity", "job_seeking"],
  ["q.stay_in_town", "yes_probably"],
  ...extra,
];

beforeAll(async () => {
  ctx = await createTestContext();
  const tenant = await ctx.services.tenants.create({
    slug: ctx.services.core.config.defaultTenant,
    name: "Befragungsstadt",
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
      ],
    }),
  );
  const areas = await ctx.services.areas.list(tenantId);
  areaIds = Object.fromEntries(areas.map((a) => [a.code, a.id]));
  for (const [k, r] of [
    ["cw", "case_worker"],
    ["coord", "coordinator"],
    ["analyst", "analyst"],
    ["board", "board_member"],
    ["admin", "admin"],
  ] as const)
    await user(k, r);
  const r = await ctx.services.casework.createHousehold(p("cw"), {
    household: { label: "Familie A.", lon: 2, lat: 5, accommodationKind: "shared_accommodation" },
    persons: [
      {
        givenName: "Amal",
        familyName: "A.",
        birthDate: "1990-03-01",
        sex: "female",
        assignedToMunicipalityOn: "2015-06-01",
      },
      {
        givenName: "Omar",
        familyName: "A.",
        birthDate: "1988-07-15",
        sex: "male",
        assignedToMunicipalityOn: "2015-06-01",
      },
    ],
    case: { caseType: "integration" },
    allowDuplicate: true,
  });
  if (r.status !== "created") throw new Error("household");
  caseId = r.caseId!;
  personIds = r.personIds;
  needsForm = (await ctx.services.surveys.createFromTemplate(p("coord"), "luenen_needs")).id;
  outcomeForm = (await ctx.services.surveys.createFromTemplate(p("coord"), "luenen_outcome_2017")).id;
});

afterAll(async () => {
  await ctx?.close();
});

describe("forms", () => {
  it("creates forms from the seed templates; a second copy gets its own code", async () => {
    const again = await ctx.services.surveys.createFromTemplate(p("coord"), "luenen_needs");
    const list = await ctx.services.surveys.listForms(p("cw"));
    const codes = list.map((f) => f.code).sort();
    expect(codes).toContain("luenen_needs");
    expect(codes).toContain("luenen_needs_2");
    expect(again.code).toBe("luenen_needs_2");
    // Case workers read forms but do not create them.
    const e = await errorOf(ctx.services.surveys.createFromTemplate(p("cw"), "luenen_needs"));
    expect(e.code).toBe("forbidden");
  });

  it("refuses a malformed XLSForm with sheet, row and column, and creates nothing", async () => {
    const before = (await ctx.services.surveys.listForms(p("coord"))).length;
    const wb = new ExcelJS.Workbook();
    const survey = wb.addWorksheet("survey");
    survey.addRow(["type", "name", "label"]);
    survey.addRow(["integer", "age", "Alter"]);
    survey.addRow(["select_one colours", "colour", "Farbe"]);
    survey.addRow(["text", "age", "doppelt"]);
    survey.addRow(["text", "why", "Warum?"]);
    survey.getCell("D1").value = "relevant";
    survey.getCell("D5").value = "${unknown} > 3";
    wb.addWorksheet("choices").addRow(["list_name", "name", "label"]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const e = await errorOf(ctx.services.surveys.importXlsForm(p("coord"), bytes));
    expect(e.code).toBe("validation_failed");
    const codes = e.fields.map((f) => f.code);
    expect(codes).toContain("xlsform_list_unknown");
    expect(codes).toContain("xlsform_name_duplicate");
    expect(codes).toContain("xlsform_expression_unknown_field");
    const unknownField = e.fields.find((f) => f.code === "xlsform_expression_unknown_field")!;
    expect(unknownField.params).toMatchObject({ sheet: "survey", row: "5", column: "relevant" });
    expect((await ctx.services.surveys.listForms(p("coord"))).length).toBe(before);
  });

  it("imports a KoboToolbox form, skipping its metadata rows and saying which", async () => {
    const wb = new ExcelJS.Workbook();
    const survey = wb.addWorksheet("survey");
    survey.addRow(["type", "name", "label::English (en)", "label::Arabic (ar)", "required"]);
    survey.addRow(["start", "start", "", "", ""]);
    survey.addRow(["deviceid", "deviceid", "", "", ""]);
    survey.addRow([
      "integer",
      "household_size",
      "How many people live with you?",
      "كم عدد الأشخاص الذين يعيشون معك؟",
      "yes",
    ]);
    wb.addWorksheet("choices").addRow(["list_name", "name", "label::English (en)"]);
    wb.addWorksheet("settings").addRows([
      ["form_title", "form_id", "default_language"],
      ["Kobo household", "kobo_household", "English (en)"],
    ]);
    const r = await ctx.services.surveys.importXlsForm(
      p("coord"),
      new Uint8Array(await wb.xlsx.writeBuffer()),
    );
    expect(r.skipped).toEqual(expect.arrayContaining(["start", "deviceid"]));
    const f = await ctx.services.surveys.getForm(p("coord"), r.form.id);
    expect(f.definition.languages).toEqual(["en", "ar"]);
    expect(f.definition.nodes.map((n) => n.name)).toEqual(["household_size"]);
  });

  it("refuses an oversized file before unpacking it", async () => {
    const e = await errorOf(ctx.services.surveys.importXlsForm(p("coord"), new Uint8Array(6 * 2 ** 20)));
    expect(e.fields[0]).toMatchObject({ field: "file", code: "import_file_too_large" });
  });

  it("an XLSForm export imports again as the same form", async () => {
    const out = await ctx.services.surveys.exportXlsForm(p("cw"), outcomeForm);
    const r = await ctx.services.surveys.importXlsForm(p("coord"), out.bytes);
    const a = await ctx.services.surveys.getForm(p("coord"), outcomeForm);
    const b = await ctx.services.surveys.getForm(p("coord"), r.form.id);
    expect({ ...b.definition, formId: "x" }).toEqual({ ...a.definition, formId: "x" });
  });
});

describe("capture in a case", () => {
  it("stores answers, opens the needs they name, and is idempotent by submission id", async () => {
    const submissionId = randomUUID();
    const input = {
      formVersion: 1,
      submissionId,
      personId: personIds[0],
      lang: "de",
      entries: [
        ["q.family_status", "married"],
        ["q.spouse_in_germany", "yes"],
        ["q.household_members.0.member_relation", "child"],
        ["q.household_members.0.member_age", "4"],
        ["q.household_members.0.member_needs_kita", "yes"],
        ["q.languages_spoken.0.lang", "ar"],
        ["q.languages_spoken.0.level", "native"],
        ["q.can_read_write", "no"],
        ["q.latin_script", "no"],
        ["q.literacy_course_wanted", "yes"],
        ["q.notes", "Möchte bald arbeiten"],
      ],
    };
    const first = await ctx.services.surveys.submitInCase(p("cw"), caseId, needsForm, input);
    expect(first.duplicate).toBe(false);
    expect(first.needs.sort()).toEqual(["kita", "language"]);
    const again = await ctx.services.surveys.submitInCase(p("cw"), caseId, needsForm, input);
    expect(again).toMatchObject({ responseId: first.responseId, duplicate: true });
    const [count] = await rows(
      sql`select count(*)::int as n from survey_responses where submission_id = ${submissionId}`,
    );
    expect(count!.n).toBe(1);
    const needs = await rows(
      sql`select domain, source from case_needs where case_id = ${caseId} order by domain`,
    );
    expect(needs.map((n) => n.domain)).toEqual(["kita", "language"]);
    expect(String(needs[0]!.source)).toBe(`survey:${first.responseId}`);
    // Free text is encrypted at rest; the structured answers and the dimensions are not.
    const [stored] = await rows(
      sql`select answers, text_answers_enc, sex, age_band, accommodation_kind, area_id from survey_responses where id = ${first.responseId}`,
    );
    expect(JSON.stringify(stored!.answers)).not.toContain("arbeiten");
    expect(String(stored!.text_answers_enc)).not.toContain("arbeiten");
    expect(stored).toMatchObject({
      sex: "female",
      accommodation_kind: "shared_accommodation",
      area_id: areaIds.W,
    });
    const read = await ctx.services.surveys.getResponse(p("cw"), first.responseId);
    expect(read.answers.notes).toBe("Möchte bald arbeiten");
    expect(read.answers.family_status).toBe("married");
    // A second form naming an open need does not double it.
    await ctx.services.surveys.submitInCase(p("cw"), caseId, outcomeForm, {
      formVersion: 1,
      submissionId: randomUUID(),
      personId: personIds[0],
      lang: "de",
      entries: outcome("no", [["q.language_course_wanted", "yes"]]),
    });
    const after = await rows(
      sql`select domain from case_needs where case_id = ${caseId} and person_id = ${personIds[0]!}`,
    );
    expect(after.filter((n) => n.domain === "language")).toHaveLength(1);
  });

  it("rejects answers that break the form, per question and in the respondent's language", async () => {
    const e = await errorOf(
      ctx.services.surveys.submitInCase(p("cw"), caseId, needsForm, {
        formVersion: 1,
        submissionId: randomUUID(),
        lang: "ar",
        entries: [
          ["q.family_status", "married"],
          ["q.household_members.0.member_relation", "child"],
          ["q.household_members.0.member_age", "130"],
          ["q.school_years", "zwölf"],
        ],
      }),
    );
    expect(e.code).toBe("validation_failed");
    const byField = Object.fromEntries(e.fields.map((f) => [f.field, f]));
    expect(byField["q.can_read_write"]?.code).toBe("answer_required");
    expect(byField["q.school_years"]?.code).toBe("answer_integer");
    const age = byField["q.household_members[0].member_age"];
    expect(age?.code).toBe("answer_form_message");
    expect(String(age?.params?.message)).toMatch(/[\u0600-\u06FF]/);
  });

  it("only case workers with access capture; others are refused", async () => {
    const e = await errorOf(
      ctx.services.surveys.submitInCase(p("coord"), caseId, needsForm, {
        formVersion: 1,
        submissionId: randomUUID(),
        lang: "de",
        entries: [],
      }),
    );
    expect(e.code).toBe("forbidden");
  });

  it("a form edited after answers exist gets a new version; old answers stay readable under theirs", async () => {
    const f = await ctx.services.surveys.getForm(p("coord"), needsForm);
    const def = structuredClone(f.definition);
    def.nodes = def.nodes.filter((n) => n.name !== "notes");
    const r = await ctx.services.surveys.importXlsForm(p("coord"), await writeXlsForm(def), {
      formId: needsForm,
      version: f.form.version,
    });
    expect(r.number).toBe(2);
    expect(r.replaced).toBe(false);
    const stale = await errorOf(
      ctx.services.surveys.importXlsForm(p("coord"), await writeXlsForm(def), {
        formId: needsForm,
        version: f.form.version,
      }),
    );
    expect(stale.code).toBe("version_conflict");
    const [old] = await rows(
      sql`select id from survey_responses where form_id = ${needsForm} and form_version = 1`,
    );
    const read = await ctx.services.surveys.getResponse(p("cw"), String(old!.id));
    expect(read.response.formVersion).toBe(1);
    expect(read.definition.nodes.some((n) => n.name === "notes")).toBe(true);
    expect(read.answers.notes).toBe("Möchte bald arbeiten");
  });
});

describe("one-time links", () => {
  it("takes exactly one response; a repeat of the same submission is harmless, another is refused", async () => {
    const link = await ctx.services.surveys.createLink(p("cw"), {
      formId: outcomeForm,
      caseId,
      personId: personIds[1]!,
      lang: "ar",
    });
    const open = await ctx.services.surveys.linkForm(tenantId, link.token);
    expect(open.state).toBe("open");
    const submissionId = randomUUID();
    const body = { formVersion: 1, submissionId, lang: "ar", entries: outcome("yes") };
    const first = await ctx.services.surveys.submitByLink(tenantId, link.token, body);
    const repeat = await ctx.services.surveys.submitByLink(tenantId, link.token, body);
    expect(repeat).toEqual({ responseId: first.responseId, duplicate: true });
    const other = await errorOf(
      ctx.services.surveys.submitByLink(tenantId, link.token, { ...body, submissionId: randomUUID() }),
    );
    expect(other.code).toBe("survey_link_used");
    expect((await ctx.services.surveys.linkForm(tenantId, link.token)).state).toBe("used");
    const [r] = await rows(
      sql`select sex, channel, case_id from survey_responses where id = ${first.responseId}`,
    );
    expect(r).toMatchObject({ sex: "male", channel: "link", case_id: caseId });
    // The public API does the same over HTTP.
    const link2 = await ctx.services.surveys.createLink(p("cw"), { formId: outcomeForm, caseId, lang: "de" });
    const post = (id: string) =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1/surveys/links/${link2.token}/responses`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: TEST_BASE_URL, "accept-language": "de" },
        body: JSON.stringify({
          formVersion: 1,
          submissionId: id,
          lang: "de",
          answers: Object.fromEntries(outcome("no")),
        }),
      });
    const id = randomUUID();
    expect((await post(id)).status).toBe(201);
    expect((await post(id)).status).toBe(200);
    expect((await post(randomUUID())).status).toBe(410);
  });

  it("an expired or unknown link takes nothing", async () => {
    const link = await ctx.services.surveys.createLink(p("cw"), {
      formId: outcomeForm,
      caseId,
      lang: "de",
      days: 1,
    });
    ctx.clock.advance(2 * 86_400_000);
    try {
      expect((await ctx.services.surveys.linkForm(tenantId, link.token)).state).toBe("expired");
      const e = await errorOf(
        ctx.services.surveys.submitByLink(tenantId, link.token, {
          formVersion: 1,
          submissionId: randomUUID(),
          lang: "de",
          entries: outcome("no"),
        }),
      );
      expect(e.code).toBe("survey_link_expired");
      expect((await ctx.services.surveys.linkForm(tenantId, "x".repeat(43))).state).toBe("unknown");
    } finally {
      ctx.clock.advance(-2 * 86_400_000);
    }
  });
});

describe("surveys, samples and analysis", () => {
  let surveyId: string;
  beforeAll(async () => {
    // 60 persons assigned in 2015 (30 women, 30 men) in both areas; 10 assigned in 2016.
    for (let h = 0; h < 35; h++) {
      const year = h < 30 ? 2015 : 2016;
      const r = await ctx.services.casework.createHousehold(p("cw"), {
        household: {
          label: `Haushalt ${h}`,
          lon: h % 2 === 0 ? 2 : 7,
          lat: 5,
          accommodationKind: h % 3 === 0 ? "own_flat" : "shared_accommodation",
        },
        persons: [
          {
            givenName: `F${h}`,
            familyName: "S.",
            birthDate: `19${70 + (h % 25)}-01-01`,
            sex: "female",
            assignedToMunicipalityOn: `${year}-03-01`,
          },
          {
            givenName: `M${h}`,
            familyName: "S.",
            birthDate: `19${72 + (h % 25)}-01-01`,
            sex: "male",
            assignedToMunicipalityOn: `${year}-03-01`,
          },
        ],
        case: { caseType: "integration" },
        allowDuplicate: true,
      });
      if (r.status !== "created") throw new Error("household");
    }
    const s = await ctx.services.surveys.createSurvey(p("coord"), {
      title: "Befragung 2017",
      formId: outcomeForm,
      assignedYear: 2015,
    });
    surveyId = s.id;
  });

  it("the population is the persons assigned in the year", async () => {
    const s = await ctx.services.surveys.getSurvey(p("coord"), surveyId);
    // 60 from the loop + the 2 of the first household.
    expect(s.populationSize).toBe(62);
  });

  it("draws the same sample for the same seed, with strata as requested and a reserve", async () => {
    const design = { label: "Welle 1", size: 20, reserve: 6, stratifyBy: ["sex"], seed: "luenen-2017" };
    const w1 = await ctx.services.surveys.drawWave(p("coord"), surveyId, design);
    const w2 = await ctx.services.surveys.drawWave(p("coord"), surveyId, {
      ...design,
      label: "Wiederholung",
    });
    const m1 = await rows(
      sql`select person_id, stratum, rank, reserve from survey_sample_members where wave_id = ${w1.id} order by stratum, rank`,
    );
    const m2 = await rows(
      sql`select person_id, stratum, rank, reserve from survey_sample_members where wave_id = ${w2.id} order by stratum, rank`,
    );
    expect(m1).toEqual(m2);
    const sample = m1.filter((m) => !m.reserve);
    expect(sample).toHaveLength(20);
    expect(sample.filter((m) => m.stratum === "sex=female")).toHaveLength(10);
    expect(sample.filter((m) => m.stratum === "sex=male")).toHaveLength(10);
    expect(m1.filter((m) => m.reserve)).toHaveLength(6);
    const w3 = await ctx.services.surveys.drawWave(p("coord"), surveyId, {
      ...design,
      label: "Anderer Seed",
      seed: "x",
    });
    const m3 = await rows(
      sql`select person_id from survey_sample_members where wave_id = ${w3.id} and not reserve order by person_id`,
    );
    expect(m3.map((m) => m.person_id)).not.toEqual(sample.map((m) => m.person_id).sort());

    // A refusal activates the next reserve person of the same stratum.
    const wave = await ctx.services.surveys.getWave(p("coord"), w1.id);
    const firstWoman = wave.members.find((m) => m.stratum === "sex=female" && !m.reserve)!;
    const r = await ctx.services.surveys.recordContact(p("coord"), w1.id, firstWoman.personId, {
      status: "refused",
      version: firstWoman.version,
    });
    const reserveWoman = wave.members.find((m) => m.stratum === "sex=female" && m.reserve && m.rank === 11)!;
    expect(r.activated).toBe(reserveWoman.personId);
    const stale = await errorOf(
      ctx.services.surveys.recordContact(p("coord"), w1.id, firstWoman.personId, {
        status: "contacted",
        version: firstWoman.version,
      }),
    );
    expect(stale.code).toBe("version_conflict");
    // Names on the contact list are an audited read.
    const audited = await rows(sql`select count(*)::int as n from audit_log where reason = 'survey_sample'`);
    expect(Number(audited[0]!.n)).toBeGreaterThan(0);

    // Responses through the wave's links: women attend language courses less.
    const links = await ctx.services.surveys.createWaveLinks(p("coord"), w1.id, { lang: "de" });
    expect(links.length).toBe(20);
    const after = await ctx.services.surveys.getWave(p("coord"), w1.id);
    for (const l of links) {
      const member = after.members.find((m) => m.personId === l.personId)!;
      const woman = member.stratum === "sex=female";
      await ctx.services.surveys.submitByLink(tenantId, l.token, {
        formVersion: 1,
        submissionId: randomUUID(),
        lang: "de",
        entries: outcome(woman && member.rank % 2 === 0 ? "no" : "yes"),
      });
    }
    const rates = (await ctx.services.surveys.getWave(p("coord"), w1.id)).strata;
    expect(rates.find((s) => s.key === "sex=male")!.responded).toBe(10);

    const tab = await ctx.services.surveyAnalysis.crossTab(
      p("board"),
      { formId: outcomeForm, question: "language_course_attended", by: "wave", surveyId },
      "de",
    );
    expect(tab.columns.map((c) => c.label)).toEqual(["Welle 1", "Wiederholung", "Anderer Seed"]);
    expect(tab.columnTotals[0]!.value).toBe(20);
  });

  it("cross-tabs pass the small-cell rule: no count below 5 leaves, and none can be worked out", async () => {
    const tab = await ctx.services.surveyAnalysis.crossTab(
      p("board"),
      { formId: outcomeForm, question: "language_course_attended", by: "sex" },
      "de",
    );
    expect(tab.rows.map((r) => r.key)).toEqual(["yes", "no"]);
    for (const row of tab.cells)
      for (const c of row) if (c.value !== null) expect(c.value === 0 || c.value >= 5).toBe(true);
    // Each row, with its total shown, never hides exactly one cell.
    tab.cells.forEach((row, i) => {
      const hidden = row.filter((c) => c.suppressed).length + (tab.rowTotals[i]!.suppressed ? 1 : 0);
      expect(hidden === 0 || hidden >= 2).toBe(true);
    });
    const csv = await ctx.app.request(
      `${TEST_BASE_URL}/api/v1/surveys/results?formId=${outcomeForm}&question=language_course_attended&by=sex&format=csv`,
      { headers: { cookie: who.board!.cookie, "accept-language": "de" } },
    );
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain("weiblich");
    const hiddenCounts = tab.cells.flat().filter((c) => c.suppressed);
    if (hiddenCounts.length) expect(text).toMatch(/<5|•/);
  });

  it("raw answers leave only for the analyst, audited", async () => {
    const denied = await errorOf(ctx.services.surveyAnalysis.rawCsv(p("coord"), outcomeForm));
    expect(denied.code).toBe("forbidden");
    const raw = await ctx.services.surveyAnalysis.rawCsv(p("analyst"), outcomeForm);
    expect(raw.text.split("\r\n")[0]).toContain("language_course_attended");
    expect(raw.text).not.toContain("Amal");
    const [a] = await rows(sql`select count(*)::int as n from audit_log where action = 'survey.raw_export'`);
    expect(Number(a!.n)).toBe(1);
  });

  it("publishes a result as a monitoring indicator by sex and area (working values)", async () => {
    const year = ctx.services.surveys.today().slice(0, 4);
    const r = await ctx.services.surveyAnalysis.publish(p("analyst"), {
      formId: outcomeForm,
      question: "language_course_attended",
      answer: "yes",
      period: year,
    });
    expect(r.areas).toBe(2);
    const values = await rows(sql`
      select e.code, v.breakdown, sum(v.value)::int as n from monitoring_values v
      join monitoring_elements e on e.tenant_id = v.tenant_id and e.id = v.element_id
      where e.code like 'survey_%' and v.period = ${year} group by 1, 2 order by 1, 2`);
    const base = values.find((v) => String(v.code).endsWith("_base") && v.breakdown === "")!;
    const counted = values.find((v) => String(v.code).endsWith("_n") && v.breakdown === "")!;
    const [answered] = await rows(
      sql`select count(*)::int as n, (count(*) filter (where answers->>'language_course_attended' = 'yes'))::int as yes from survey_responses where form_id = ${outcomeForm} and area_id is not null`,
    );
    expect(Number(base.n)).toBe(Number(answered!.n));
    expect(Number(counted.n)).toBe(Number(answered!.yes));
    const indicators = await rows(
      sql`select code, public from monitoring_indicators where template = 'survey' order by code`,
    );
    expect(indicators.map((i) => i.code)).toHaveLength(3);
    expect(indicators.every((i) => i.public === false)).toBe(true);
    const e = await errorOf(
      ctx.services.surveyAnalysis.publish(p("coord"), {
        formId: outcomeForm,
        question: "language_course_attended",
        answer: "yes",
        period: year,
      }),
    );
    expect(e.code).toBe("forbidden");
  });
});
