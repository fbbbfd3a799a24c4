import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSurveyFixture,
  errorOf,
  outcomeAnswers,
  rowsOf,
  type SurveyFixture,
  submission,
} from "./test-fixture.ts";
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
