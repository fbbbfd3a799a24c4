import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseInput } from "#app/server/validation.ts";
import { TEST_BASE_URL } from "../../../tests/setup/test-db.ts";
import { drawWaveInput } from "./contracts.ts";
import {
  createSurveyFixture,
  errorOf,
  outcomeAnswers,
  rowsOf,
  type SurveyFixture,
  submission,
} from "./test-fixture.ts";

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
      formId: fx.outcomeForm,
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
    const design = parseInput(drawWaveInput, {
      label: "Welle 1",
      size: 20,
      reserve: 6,
      stratifyBy: ["sex"],
      seed: "luenen-2017",
    });
    const w1 = await ctx.services.surveys.drawWave(p("coord"), surveyId, design);
    const w2 = await ctx.services.surveys.drawWave(p("coord"), surveyId, {
      ...design,
      label: "Wiederholung",
    });
    const m1 = await rowsOf(
      ctx,
      sql`select person_id, stratum, rank, reserve from survey_sample_members where wave_id = ${w1.id} order by stratum, rank`,
    );
    const m2 = await rowsOf(
      ctx,
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
    const m3 = await rowsOf(
      ctx,
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
    const audited = await rowsOf(
      ctx,
      sql`select count(*)::int as n from audit_log where reason = 'survey_sample'`,
    );
    expect(Number(audited[0]!.n)).toBeGreaterThan(0);

    // Responses through the wave's links: women attend language courses less.
    const links = await ctx.services.surveys.createWaveLinks(p("coord"), w1.id, { lang: "de" });
    expect(links.length).toBe(20);
    const after = await ctx.services.surveys.getWave(p("coord"), w1.id);
    for (const l of links) {
      const member = after.members.find((m) => m.personId === l.personId)!;
      const woman = member.stratum === "sex=female";
      await ctx.services.surveys.submitByLink(
        fx.tenantId,
        l.token,
        submission({
          formVersion: 1,
          submissionId: randomUUID(),
          lang: "de",
          entries: outcomeAnswers(woman && member.rank % 2 === 0 ? "no" : "yes"),
        }),
      );
    }
    const rates = (await ctx.services.surveys.getWave(p("coord"), w1.id)).strata;
    expect(rates.find((s) => s.key === "sex=male")!.responded).toBe(10);

    const tab = await ctx.services.surveyAnalysis.crossTab(
      p("board"),
      { formId: fx.outcomeForm, question: "language_course_attended", by: "wave", surveyId },
      "de",
    );
    expect(tab.columns.map((c) => c.label)).toEqual(["Welle 1", "Wiederholung", "Anderer Seed"]);
    expect(tab.columnTotals[0]!.value).toBe(20);
  });

  it("cross-tabs pass the small-cell rule: no count below 5 leaves, and none can be worked out", async () => {
    const tab = await ctx.services.surveyAnalysis.crossTab(
      p("board"),
      { formId: fx.outcomeForm, question: "language_course_attended", by: "sex" },
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
      `${TEST_BASE_URL}/api/v1/surveys/results?formId=${fx.outcomeForm}&question=language_course_attended&by=sex&format=csv`,
      { headers: { cookie: fx.who.board!.cookie, "accept-language": "de" } },
    );
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain("weiblich");
    const hiddenCounts = tab.cells.flat().filter((c) => c.suppressed);
    if (hiddenCounts.length) expect(text).toMatch(/<5|•/);
  });

  it("raw answers leave only for the analyst, audited", async () => {
    const denied = await errorOf(ctx.services.surveyAnalysis.rawCsv(p("coord"), fx.outcomeForm));
    expect(denied.code).toBe("forbidden");
    const raw = await ctx.services.surveyAnalysis.rawCsv(p("analyst"), fx.outcomeForm);
    expect(raw.text.split("\r\n")[0]).toContain("language_course_attended");
    expect(raw.text).not.toContain("Amal");
    const [a] = await rowsOf(
      ctx,
      sql`select count(*)::int as n from audit_log where action = 'survey.raw_export'`,
    );
    expect(Number(a!.n)).toBe(1);
  });

  it("publishes a result as a monitoring indicator by sex and area (working values)", async () => {
    const year = ctx.services.surveys.today().slice(0, 4);
    const r = await ctx.services.surveyAnalysis.publish(p("analyst"), {
      formId: fx.outcomeForm,
      question: "language_course_attended",
      answer: "yes",
      period: year,
    });
    expect(r.areas).toBe(2);
    const values = await rowsOf(
      ctx,
      sql`
      select e.code, v.breakdown, sum(v.value)::int as n from monitoring_values v
      join monitoring_elements e on e.tenant_id = v.tenant_id and e.id = v.element_id
      where e.code like 'survey_%' and v.period = ${year} group by 1, 2 order by 1, 2`,
    );
    const base = values.find((v) => String(v.code).endsWith("_base") && v.breakdown === "")!;
    const counted = values.find((v) => String(v.code).endsWith("_n") && v.breakdown === "")!;
    const [answered] = await rowsOf(
      ctx,
      sql`select count(*)::int as n, (count(*) filter (where answers->>'language_course_attended' = 'yes'))::int as yes from survey_responses where form_id = ${fx.outcomeForm} and area_id is not null`,
    );
    expect(Number(base.n)).toBe(Number(answered!.n));
    expect(Number(counted.n)).toBe(Number(answered!.yes));
    const indicators = await rowsOf(
      ctx,
      sql`select code, public from monitoring_indicators where template = 'survey' order by code`,
    );
    expect(indicators.map((i) => i.code)).toHaveLength(3);
    expect(indicators.every((i) => i.public === false)).toBe(true);
    const e = await errorOf(
      ctx.services.surveyAnalysis.publish(p("coord"), {
        formId: fx.outcomeForm,
        question: "language_course_attended",
        answer: "yes",
        period: year,
      }),
    );
    expect(e.code).toBe("forbidden");
  });
});

describe("questions inside repeats (decision 106)", () => {
  const member = (k: number, relation: string, age: number, sex?: string): [string, string][] => [
    [`q.household_members.${k}.member_relation`, relation],
    [`q.household_members.${k}.member_age`, String(age)],
    ...(sex ? [[`q.household_members.${k}.member_sex`, sex] as [string, string]] : []),
  ];
  const submit = (members: [string, number, string?][], spouse = "yes") =>
    ctx.services.surveys.submitInCase(
      p("cw"),
      fx.caseId,
      fx.needsForm,
      submission({
        formVersion: 1,
        submissionId: randomUUID(),
        personId: fx.personIds[0],
        lang: "de",
        entries: [
          ["q.family_status", "married"],
          ["q.spouse_in_germany", spouse],
          ...members.flatMap(([relation, age, sex], k) => member(k, relation, age, sex)),
          ["q.languages_spoken.0.lang", "ar"],
          ["q.languages_spoken.0.level", "native"],
          ["q.can_read_write", "no"],
          ["q.latin_script", "no"],
          ["q.literacy_course_wanted", "yes"],
        ],
      }),
    );
  const relationTab = () =>
    ctx.services.surveyAnalysis.crossTab(
      p("board"),
      { formId: fx.needsForm, question: "member_relation", by: "none" },
      "de",
    );
  const cell = (tab: Awaited<ReturnType<typeof relationTab>>, key: string) =>
    tab.cells[tab.rows.findIndex((r) => r.key === key)]![0]!;

  beforeAll(async () => {
    // one household of six children; five households of a partner and a child each
    await submit(Array.from({ length: 6 }, (): [string, number] => ["child", 0]));
    for (let h = 0; h < 5; h++)
      await submit([
        ["partner", 35],
        ["child", 0],
      ]);
  });

  it("counts instances, one per household member, and lists the question under its repeat", async () => {
    const questions = await ctx.services.surveyAnalysis.analysableQuestions(p("board"), fx.needsForm, "de", {
      inRepeats: true,
    });
    const relation = questions.find((q) => q.name === "member_relation")!;
    expect(relation.repeat).toEqual({
      name: "household_members",
      label: "Weitere Personen in Ihrem Haushalt",
    });
    expect(relation.label).toBe("Weitere Personen in Ihrem Haushalt › Beziehung zu Ihnen");
    const plain = await ctx.services.surveyAnalysis.analysableQuestions(p("board"), fx.needsForm, "de");
    expect(plain.some((q) => q.name === "member_relation")).toBe(false);

    const tab = await relationTab();
    expect(tab.repeat).toEqual({ name: "household_members", label: "Weitere Personen in Ihrem Haushalt" });
    expect(cell(tab, "child")).toEqual({ value: 11, suppressed: null });
    expect(cell(tab, "partner")).toEqual({ value: 5, suppressed: null });
    expect(tab.total).toEqual({ value: 16, suppressed: null });
    // Publishing a share of respondents does not take a question counted per instance.
    const e = await errorOf(
      ctx.services.surveyAnalysis.publish(p("analyst"), {
        formId: fx.needsForm,
        question: "member_relation",
        answer: "child",
        period: ctx.services.surveys.today().slice(0, 4),
      }),
    );
    expect(e.fields).toContainEqual(expect.objectContaining({ field: "question", code: "invalid_choice" }));
  });

  it("hides a count of five or more members that stands for fewer than five households, and what would reveal it", async () => {
    await submit(Array.from({ length: 7 }, (): [string, number] => ["parent", 70]));
    const tab = await relationTab();
    expect(cell(tab, "parent")).toEqual({ value: null, suppressed: "primary" });
    // total 23 and the other rows shown would give the parents away: another cell goes too
    const shown = tab.cells.flat().filter((c) => c.value !== null && c.value > 0);
    const hidden = tab.cells.flat().filter((c) => c.suppressed === "secondary");
    expect(hidden.length + (tab.total.suppressed ? 1 : 0)).toBeGreaterThan(0);
    expect(shown.every((c) => c.value !== 7)).toBe(true);
    const csv = await ctx.app.request(
      `${TEST_BASE_URL}/api/v1/surveys/results?formId=${fx.needsForm}&question=member_relation&by=sex&format=csv`,
      { headers: { cookie: fx.who.board!.cookie, "accept-language": "de" } },
    );
    const text = await csv.text();
    expect(text).toContain("Wiederholung „Weitere Personen in Ihrem Haushalt“");
    expect(text).not.toMatch(/(^|[,;])7([,;]|\r?$)/m);
  });

  it("exports one row per instance, linked to its response, as CSV and as a workbook with a sheet per repeat", async () => {
    const raw = await ctx.services.surveyAnalysis.rawCsv(p("analyst"), fx.needsForm, {
      repeat: "household_members",
    });
    const lines = raw.text.trim().split("\r\n");
    expect(lines[0]).toContain(
      "_index;_parent_table_name;_parent_index;response_id;position;member_relation;member_sex;member_age",
    );
    expect(lines).toHaveLength(1 + 6 + 5 * 2 + 7);
    const main = (await ctx.services.surveyAnalysis.rawCsv(p("analyst"), fx.needsForm)).text
      .trim()
      .split("\r\n");
    const responseIds = main.slice(1).map((l) => l.split(";")[0]);
    const rows = lines.slice(1).map((l) => l.split(";"));
    for (const r of rows) {
      expect(r[1]).toBe("responses");
      // _parent_index is the response's row in the responses table, response_id the same response
      expect(responseIds[Number(r[2]) - 1]).toBe(r[3]);
    }
    expect(rows.filter((r) => r[5] === "parent").map((r) => r[4])).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
    ]);

    const bad = await errorOf(
      ctx.services.surveyAnalysis.rawCsv(p("analyst"), fx.needsForm, { repeat: "family_status" }),
    );
    expect(bad.fields).toContainEqual(expect.objectContaining({ field: "repeat", code: "invalid_choice" }));
    const denied = await errorOf(ctx.services.surveyAnalysis.rawXlsx(p("board"), fx.needsForm));
    expect(denied.code).toBe("forbidden");

    const res = await ctx.app.request(
      `${TEST_BASE_URL}/api/v1/surveys/forms/${fx.needsForm}/responses.xlsx`,
      {
        headers: { cookie: fx.who.analyst!.cookie },
      },
    );
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(["responses", "household_members"]);
    const sheet = wb.getWorksheet("household_members")!;
    expect(sheet.rowCount).toBe(1 + 6 + 5 * 2 + 7);
    expect(sheet.getRow(2).getCell(6).value).toBe("child");
    const audited = await rowsOf(
      ctx,
      sql`select changes from audit_log where action = 'survey.raw_export' and entity_id = ${fx.needsForm} order by at, id`,
    );
    expect(audited.map((a) => (a.changes as { format: { new: string } }).format.new)).toEqual([
      "csv:household_members",
      "csv",
      "xlsx",
    ]);
  });

  it("crosses two questions of the repeat member by member, and a question outside per member, with the responses behind", async () => {
    // five households without a spouse here, each a partner and three children, sex given
    for (let h = 0; h < 5; h++)
      await submit(
        [
          ["partner", 35, "female"],
          ["child", 4, "male"],
          ["child", 6, "male"],
          ["child", 8, "female"],
        ],
        "no",
      );
    const cross = (question: string, byQuestion: string) =>
      ctx.services.surveyAnalysis.crossTab(
        p("board"),
        { formId: fx.needsForm, question, by: "none", byQuestion },
        "de",
      );
    const at = (
      tab: Awaited<ReturnType<typeof cross>>,
      part: "cells" | "responses",
      r: string,
      c: string,
    ) => {
      const i = tab.rows.findIndex((x) => x.key === r);
      const j = tab.columns.findIndex((x) => x.key === c);
      return (part === "cells" ? tab.cells : tab.responses!.cells)[i]![j]!.value;
    };
    // only members with a sex count: the twenty above, ten boys from five households
    const bySex = await cross("member_relation", "member_sex");
    expect(bySex.unit).toBe("instances");
    expect(bySex.repeat?.name).toBe("household_members");
    expect(bySex.byQuestion).toMatchObject({ name: "member_sex", repeat: { name: "household_members" } });
    expect([at(bySex, "cells", "child", "male"), at(bySex, "responses", "child", "male")]).toEqual([10, 5]);
    expect([at(bySex, "cells", "child", "female"), at(bySex, "cells", "partner", "female")]).toEqual([5, 5]);
    expect(at(bySex, "cells", "partner", "male")).toBe(0);
    expect([bySex.total.value, bySex.responses!.total.value]).toEqual([20, 5]);

    // a question outside the repeat meets each member of its response: "no" has only the twenty
    const bySpouse = await cross("spouse_in_germany", "member_relation");
    expect(bySpouse.unit).toBe("instances");
    expect([at(bySpouse, "cells", "no", "child"), at(bySpouse, "responses", "no", "child")]).toEqual([15, 5]);
    // seven parents of one household stay hidden, and what would give them away
    expect(bySpouse.cells[0]![bySpouse.columns.findIndex((c) => c.key === "parent")]).toEqual({
      value: null,
      suppressed: "primary",
    });
    expect(bySpouse.cells.flat().every((c) => c.value !== 7)).toBe(true);

    const multiple = await errorOf(cross("member_relation", "leisure_interests"));
    expect(multiple.fields).toContainEqual(
      expect.objectContaining({ field: "byQuestion", code: "survey_crosstab_multiple" }),
    );
    const both = await errorOf(
      ctx.services.surveyAnalysis.crossTab(
        p("board"),
        { formId: fx.needsForm, question: "member_relation", by: "sex", byQuestion: "member_sex" },
        "de",
      ),
    );
    expect(both.fields).toContainEqual(
      expect.objectContaining({ field: "by", code: "survey_crosstab_by_both" }),
    );

    const csv = await ctx.app.request(
      `${TEST_BASE_URL}/api/v1/surveys/results?formId=${fx.needsForm}&question=member_relation&byQuestion=member_sex&format=csv`,
      { headers: { cookie: fx.who.board!.cookie, "accept-language": "de" } },
    );
    const text = await csv.text();
    expect(text).toContain("Antworten hinter den Zahlen");
    expect(text).toContain("In Klammern steht, aus wie vielen verschiedenen Antworten");
  });
});
