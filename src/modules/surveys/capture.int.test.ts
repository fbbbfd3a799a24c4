import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageContext } from "#app/app/context.ts";
import { loader as responseLoader } from "#app/app/routes/staff/surveys/response.tsx";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import { createUserWithRole } from "../../../tests/setup/auth.ts";
import { TEST_BASE_URL } from "../../../tests/setup/test-db.ts";
import {
  createSurveyFixture,
  errorOf,
  outcomeAnswers,
  rowsOf,
  type SurveyFixture,
  submission,
} from "./test-fixture.ts";
import type { Answers } from "./types.ts";
import { writeXlsForm } from "./xlsform.ts";

let fx: SurveyFixture;
let ctx: SurveyFixture["ctx"];
let p: SurveyFixture["p"];

beforeAll(async () => {
  fx = await createSurveyFixture();
  ({ ctx, p } = fx);
});

afterAll(async () => {
  await fx?.ctx.close();
});

/** The staff page of one response, loaded as the principal would open it. */
async function responsePage(principal: Principal, id: string, requestId: string) {
  const context = new RouterContextProvider();
  context.set(pageContext, {
    requestId,
    log: ctx.services.core.logger,
    services: ctx.services,
    tenant: (await ctx.services.tenants.byId(fx.tenantId))!,
    principal,
    lang: "de",
    t: createTranslator("de", catalogs().get("de") ?? {}),
  });
  const url = `${TEST_BASE_URL}/staff/surveys/responses/${id}`;
  return responseLoader({
    context,
    request: new Request(url),
    url: new URL(url),
    pattern: "/staff/surveys/responses/:id",
    params: { id },
  });
}

describe("capture in a case", () => {
  it("stores answers, opens the needs they name, and is idempotent by submission id", async () => {
    const submissionId = randomUUID();
    const input = submission({
      formVersion: 1,
      submissionId,
      personId: fx.personIds[0],
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
    });
    const first = await ctx.services.surveys.submitInCase(p("cw"), fx.caseId, fx.needsForm, input);
    expect(first.duplicate).toBe(false);
    expect(first.needs.sort()).toEqual(["kita", "language"]);
    const again = await ctx.services.surveys.submitInCase(p("cw"), fx.caseId, fx.needsForm, input);
    expect(again).toMatchObject({ responseId: first.responseId, duplicate: true });
    const [count] = await rowsOf(
      ctx,
      sql`select count(*)::int as n from survey_responses where submission_id = ${submissionId}`,
    );
    expect(count!.n).toBe(1);
    const needs = await rowsOf(
      ctx,
      sql`select domain, source from case_needs where case_id = ${fx.caseId} order by domain`,
    );
    expect(needs.map((n) => n.domain)).toEqual(["kita", "language"]);
    expect(String(needs[0]!.source)).toBe(`survey:${first.responseId}`);
    // Free text is encrypted at rest; the structured answers and the dimensions are not.
    const [stored] = await rowsOf(
      ctx,
      sql`select answers, text_answers_enc, sex, age_band, accommodation_kind, area_id from survey_responses where id = ${first.responseId}`,
    );
    expect(JSON.stringify(stored!.answers)).not.toContain("arbeiten");
    expect(String(stored!.text_answers_enc)).not.toContain("arbeiten");
    expect(stored).toMatchObject({
      sex: "female",
      accommodation_kind: "shared_accommodation",
      area_id: fx.areaIds.W,
    });
    const read = await ctx.services.surveys.getResponse(p("cw"), first.responseId);
    expect(read.answers.notes).toBe("Möchte bald arbeiten");
    expect(read.answers.family_status).toBe("married");
    // A second form naming an open need does not double it.
    await ctx.services.surveys.submitInCase(
      p("cw"),
      fx.caseId,
      fx.outcomeForm,
      submission({
        formVersion: 1,
        submissionId: randomUUID(),
        personId: fx.personIds[0],
        lang: "de",
        entries: outcomeAnswers("no", [["q.language_course_wanted", "yes"]]),
      }),
    );
    const after = await rowsOf(
      ctx,
      sql`select domain from case_needs where case_id = ${fx.caseId} and person_id = ${fx.personIds[0]!}`,
    );
    expect(after.filter((n) => n.domain === "language")).toHaveLength(1);
  });

  it("rejects answers that break the form, per question and in the respondent's language", async () => {
    const e = await errorOf(
      ctx.services.surveys.submitInCase(
        p("cw"),
        fx.caseId,
        fx.needsForm,
        submission({
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
      ),
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
      ctx.services.surveys.submitInCase(
        p("coord"),
        fx.caseId,
        fx.needsForm,
        submission({ formVersion: 1, submissionId: randomUUID(), lang: "de", entries: [] }),
      ),
    );
    expect(e.code).toBe("forbidden");
  });

  it("a form edited after answers exist gets a new version; old answers stay readable under theirs", async () => {
    const f = await ctx.services.surveys.getForm(p("coord"), fx.needsForm);
    const def = structuredClone(f.definition);
    def.nodes = def.nodes.filter((n) => n.name !== "notes");
    const r = await ctx.services.surveys.importXlsForm(p("coord"), await writeXlsForm(def), {
      formId: fx.needsForm,
      version: f.form.version,
    });
    expect(r.number).toBe(2);
    expect(r.replaced).toBe(false);
    const stale = await errorOf(
      ctx.services.surveys.importXlsForm(p("coord"), await writeXlsForm(def), {
        formId: fx.needsForm,
        version: f.form.version,
      }),
    );
    expect(stale.code).toBe("version_conflict");
    const [old] = await rowsOf(
      ctx,
      sql`select id from survey_responses where form_id = ${fx.needsForm} and form_version = 1`,
    );
    const read = await ctx.services.surveys.getResponse(p("cw"), String(old!.id));
    expect(read.response.formVersion).toBe(1);
    expect(read.definition.nodes.some((n) => n.name === "notes")).toBe(true);
    expect(read.answers.notes).toBe("Möchte bald arbeiten");
  });
});

describe("nested repeats (decision 091)", () => {
  it("stores a household's children and their courses, free text encrypted, and exports them", async () => {
    const bytes = new Uint8Array(
      readFileSync(join(import.meta.dirname, "../../../tests/fixtures/xlsform/nested-repeats.xlsx")),
    );
    const { form } = await ctx.services.surveys.importXlsForm(p("coord"), bytes);
    const input = submission({
      formVersion: 1,
      submissionId: randomUUID(),
      personId: fx.personIds[0],
      lang: "de",
      entries: [
        ["q.haushalt.0.haushalt_name", "Haddad"],
        ["q.haushalt.0.anzahl_kinder", "1"],
        ["q.haushalt.0.kind.0.kind_name", "Lina"],
        ["q.haushalt.0.kind.0.kind_alter", "9"],
        ["q.haushalt.0.kind.0.kurs.0.kurs_name", "Schwimmverein"],
        ["q.haushalt.0.kind.0.kurs.1.kurs_name", "Kinderchor"],
      ],
    });
    const bad = await errorOf(
      ctx.services.surveys.submitInCase(p("cw"), fx.caseId, form.id, {
        ...input,
        submissionId: randomUUID(),
        answers: { ...input.answers, "q.haushalt.0.kind.1.kind_name": "Zweites Kind" },
      }),
    );
    expect(bad.fields).toContainEqual(
      expect.objectContaining({ field: "q.haushalt[0].kind", code: "answer_too_many" }),
    );
    const saved = await ctx.services.surveys.submitInCase(p("cw"), fx.caseId, form.id, input);
    const [stored] = await rowsOf(
      ctx,
      sql`select answers, text_answers_enc from survey_responses where id = ${saved.responseId}`,
    );
    expect(JSON.stringify(stored!.answers)).not.toMatch(/Schwimmverein|Haddad|Lina/);
    expect(String(stored!.text_answers_enc)).not.toMatch(/Schwimmverein/);
    const read = await ctx.services.surveys.getResponse(p("cw"), saved.responseId);
    const household = (read.answers.haushalt as Answers[])[0]!;
    expect(household).toMatchObject({ haushalt_name: "Haddad", erstes_kind: "Lina", kinder_erfasst: 1 });
    expect((household.kind as Answers[])[0]!.kurs).toEqual([
      { kurs_name: "Schwimmverein" },
      { kurs_name: "Kinderchor" },
    ]);
    const raw = await ctx.services.surveyAnalysis.rawCsv(p("analyst"), form.id);
    expect(raw.text.split("\r\n")[0]).toContain("haushalt");
    expect(raw.text).toContain("Kinderchor");
  });
});

describe("one load of the case per request (CaseAccess)", () => {
  const outcomeInput = () =>
    submission({
      formVersion: 1,
      submissionId: randomUUID(),
      personId: fx.personIds[1],
      lang: "de",
      entries: outcomeAnswers("yes"),
    });
  const readsOf = (requestId: string) =>
    rowsOf(
      ctx,
      sql`select entity_type, entity_id from audit_log where request_id = ${requestId} and action = 'read' order by entity_type, entity_id`,
    );

  it("the capture page loads the case once: its persons are read and audited once, the submission reuses the load", async () => {
    const requestId = randomUUID();
    const capture = await ctx.services.surveys.captureContext(p("cw"), fx.caseId, fx.outcomeForm, {
      requestId,
    });
    const r = await ctx.services.surveys.submitCapture(p("cw"), capture, outcomeInput(), { requestId });
    expect(r.duplicate).toBe(false);
    const reads = await readsOf(requestId);
    expect(reads.map((x) => x.entity_type)).toEqual(["person", "person"]);
    expect(reads.map((x) => String(x.entity_id)).sort()).toEqual([...fx.personIds].sort());
  });

  it("the case's responses and one of them are read with the case's handle: no second load, one audit entry for the response", async () => {
    const { case: loaded } = await ctx.services.surveys.captureContext(p("cw"), fx.caseId, fx.outcomeForm);
    const list = await ctx.services.surveys.caseResponses(p("cw"), loaded.access);
    expect(list.length).toBeGreaterThan(0);
    const requestId = randomUUID();
    const read = await ctx.services.surveys.getResponse(p("cw"), list[0]!.id, {
      access: loaded.access,
      requestId,
    });
    expect(read.response.caseId).toBe(fx.caseId);
    expect(await readsOf(requestId)).toEqual([{ entity_type: "survey_response", entity_id: list[0]!.id }]);
  });

  it("a handle is good only for the user it was issued to, as issued, and for its own case", async () => {
    const { user } = await createUserWithRole(ctx.services, fx.tenantId, "case_worker");
    const colleague: Principal = { ...p("cw"), userId: user.id };
    const { case: loaded } = await ctx.services.surveys.captureContext(p("cw"), fx.caseId, fx.outcomeForm);
    const foreign = await errorOf(ctx.services.surveys.caseResponses(colleague, loaded.access));
    expect(foreign.code).toBe("forbidden");
    const copied = await errorOf(ctx.services.surveys.caseResponses(p("cw"), { ...loaded.access }));
    expect(copied.code).toBe("forbidden");
    // A response of this case is not read with the handle of another case.
    const other = await ctx.services.casework.createHousehold(p("cw"), {
      household: { label: "Familie B.", lon: 7, lat: 5, accommodationKind: "own_flat" },
      persons: [{ givenName: "Bashir", familyName: "B.", birthDate: "1985-01-01", sex: "male" }],
      case: { caseType: "integration" },
      allowDuplicate: true,
    });
    if (other.status !== "created") throw new Error("household");
    const { case: otherCase } = await ctx.services.surveys.captureContext(
      p("cw"),
      other.caseId!,
      fx.outcomeForm,
    );
    const [mine] = await ctx.services.surveys.caseResponses(p("cw"), loaded.access);
    const wrong = await errorOf(
      ctx.services.surveys.getResponse(p("cw"), mine!.id, { access: otherCase.access }),
    );
    expect(wrong.code).toBe("not_found");
  });
});

describe("image, audio and file answers (decision 116)", () => {
  const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const OGG = new Uint8Array([...new TextEncoder().encode("OggS"), 0, 2, 0, 0, 0, 0]);

  it("stores uploads encrypted with the response, refuses wrong ones per question, shows and exports them, erases them with it", async () => {
    const bytes = new Uint8Array(
      readFileSync(join(import.meta.dirname, "../../../tests/fixtures/xlsform/media-answers.xlsx")),
    );
    const { form } = await ctx.services.surveys.importXlsForm(p("coord"), bytes);
    const input = submission({
      formVersion: 1,
      submissionId: randomUUID(),
      personId: fx.personIds[0],
      lang: "de",
      entries: [
        ["q.hat_bescheid", "ja"],
        ["q.mitglied.0.mitglied_name", "Amal"],
      ],
    });
    const uploads = [
      { path: "bescheid", fileName: "C:\\Scans\\bescheid-haddad.pdf", content: PDF },
      { path: "wohnung_foto", fileName: "wohnung.png", content: PNG },
      { path: "sprachnachricht", fileName: "nachricht.ogg", content: OGG },
      { path: "mitglied.0.ausweis_foto", fileName: "ausweis.png", content: PNG },
    ];
    // a text file as a recording, a PDF as a photo, a file over the limit: each at its question
    const wrong = await errorOf(
      ctx.services.surveys.submitInCase(p("cw"), fx.caseId, form.id, input, {
        uploads: [
          {
            path: "bescheid",
            fileName: "huge.pdf",
            content: new Uint8Array(8 * 2 ** 20 + 1).fill(0x25, 0, 1),
          },
          { path: "wohnung_foto", fileName: "wohnung.pdf", content: PDF },
          { path: "sprachnachricht", fileName: "nachricht.txt", content: new TextEncoder().encode("hallo") },
        ],
      }),
    );
    expect(wrong.fields).toEqual([
      { field: "q.bescheid", code: "answer_file_too_large", params: { maxMb: 8 } },
      { field: "q.wohnung_foto", code: "answer_file_type" },
      { field: "q.sprachnachricht", code: "answer_file_type" },
    ]);
    // an answer naming a file this submission did not upload (someone else's) is refused
    const foreign = await errorOf(
      ctx.services.surveys.submitInCase(p("cw"), fx.caseId, form.id, {
        ...input,
        answers: { ...input.answers, "q.bescheid": randomUUID() },
      }),
    );
    expect(foreign.fields).toEqual([{ field: "q.bescheid", code: "answer_file" }]);
    // the file of a question that does not apply is dropped with its answer
    const notApplying = await ctx.services.surveys.submitInCase(
      p("cw"),
      fx.caseId,
      form.id,
      { ...input, submissionId: randomUUID(), answers: { "q.hat_bescheid": "nein" } },
      { uploads: [{ path: "bescheid", fileName: "bescheid.pdf", content: PDF }] },
    );
    expect(
      await rowsOf(ctx, sql`select id from survey_files where response_id = ${notApplying.responseId}`),
    ).toEqual([]);

    const saved = await ctx.services.surveys.submitInCase(p("cw"), fx.caseId, form.id, input, { uploads });
    const stored = await rowsOf(
      ctx,
      sql`select question, mime_type, byte_size, file_name_enc, content_enc from survey_files where response_id = ${saved.responseId} order by question`,
    );
    expect(stored.map((r) => [r.question, r.mime_type, r.byte_size])).toEqual([
      ["ausweis_foto", "image/png", PNG.byteLength],
      ["bescheid", "application/pdf", PDF.byteLength],
      ["sprachnachricht", "audio/ogg", OGG.byteLength],
      ["wohnung_foto", "image/png", PNG.byteLength],
    ]);
    for (const r of stored) {
      expect(String(r.file_name_enc)).not.toMatch(/bescheid|wohnung|ausweis|nachricht/);
      expect(Buffer.from(r.content_enc as Uint8Array).toString("latin1")).not.toMatch(/%PDF|PNG|OggS/);
    }

    const requestId = randomUUID();
    const read = await ctx.services.surveys.getResponse(p("cw"), saved.responseId, { requestId });
    const bescheid = read.files.find((f) => f.question === "bescheid")!;
    // the name is the file's own, without the uploader's folders
    expect(bescheid).toMatchObject({ fileName: "bescheid-haddad.pdf", mimeType: "application/pdf" });
    expect(read.answers.bescheid).toBe(bescheid.id);
    const ausweis = read.files.find((f) => f.question === "ausweis_foto")!;
    expect((read.answers.mitglied as Answers[])[0]!.ausweis_foto).toBe(ausweis.id);
    const file = await ctx.services.surveys.responseFile(p("cw"), saved.responseId, bescheid.id, {
      requestId,
    });
    expect(file).toEqual({ fileName: "bescheid-haddad.pdf", mimeType: "application/pdf", content: PDF });
    expect(
      await rowsOf(
        ctx,
        sql`select entity_type from audit_log where request_id = ${requestId} and action = 'read' and entity_type like 'survey_%' order by entity_type`,
      ),
    ).toEqual([{ entity_type: "survey_file" }, { entity_type: "survey_response" }]);
    // a file of another response is not found through this one
    expect(
      (await errorOf(ctx.services.surveys.responseFile(p("cw"), notApplying.responseId, bescheid.id))).code,
    ).toBe("not_found");

    // the staff page of the response: answers in form order, the member's photo in its
    // instance, each file linked; the one read of the response is audited once
    const pageRequest = randomUUID();
    const page = await responsePage(p("cw"), saved.responseId, pageRequest);
    const items = page.data.items;
    expect(items.find((i) => i.name === "bescheid")).toMatchObject({
      kind: "answer",
      values: ["bescheid-haddad.pdf"],
      file: { id: bescheid.id, mimeType: "application/pdf" },
    });
    expect(items.find((i) => i.name === "mitglied")).toMatchObject({
      kind: "repeat",
      instances: [
        [
          { name: "mitglied_name", values: ["Amal"] },
          { name: "ausweis_foto", file: { id: ausweis.id, fileName: "ausweis.png" } },
        ],
      ],
    });
    expect(page.init?.headers).toMatchObject({ "cache-control": "no-store" });
    expect(
      await rowsOf(
        ctx,
        sql`select entity_type, entity_id from audit_log where request_id = ${pageRequest} and action = 'read'`,
      ),
    ).toEqual([{ entity_type: "survey_response", entity_id: saved.responseId }]);
    // without access to the case the page is refused, and nothing is shown
    const refused = await responsePage(p("analyst"), saved.responseId, randomUUID()).catch((e: unknown) => e);
    expect((refused as { init?: { status?: number } }).init?.status).toBeGreaterThanOrEqual(403);

    // the raw exports name the files; the member's photo is in the repeat's table
    const csv = await ctx.services.surveyAnalysis.rawCsv(p("analyst"), form.id);
    expect(csv.text).toContain("bescheid-haddad.pdf");
    expect(csv.text).not.toContain(bescheid.id);
    const members = await ctx.services.surveyAnalysis.rawCsv(p("analyst"), form.id, { repeat: "mitglied" });
    expect(members.text).toContain("ausweis.png");

    // the API body carries files as base64, at the question's form field
    const byApi = await ctx.services.surveys.submitInCase(p("cw"), fx.caseId, form.id, {
      ...input,
      submissionId: randomUUID(),
      answers: { "q.hat_bescheid": "ja" },
      files: [
        { field: "q.bescheid", fileName: "bescheid-api.pdf", content: Buffer.from(PDF).toString("base64") },
      ],
    });
    const apiRead = await ctx.services.surveys.getResponse(p("cw"), byApi.responseId);
    expect(apiRead.files.map((f) => [f.question, f.fileName])).toEqual([["bescheid", "bescheid-api.pdf"]]);
    expect(apiRead.answers.bescheid).toBe(apiRead.files[0]!.id);

    // erasing the person erases the response and its files
    const counts: Record<string, number> = {};
    await ctx.handle.db.transaction((tx) =>
      ctx.services.surveys.dataSubject.eraseSubject(
        tx,
        { tenantId: fx.tenantId, personIds: [fx.personIds[0]!], caseIds: [] },
        counts,
      ),
    );
    expect(counts.surveyFiles).toBe(5);
    expect(
      await rowsOf(ctx, sql`select id from survey_files where response_id = ${saved.responseId}`),
    ).toEqual([]);
  });
});
