import { describe, expect, it } from "vitest";
import { LIFE_DOMAINS } from "../casework/model.ts";
import { checkAnswers, checkDefinition, needsFrom, questions } from "./engine.ts";
import { FORM_TEMPLATE_KEYS, FORM_TEMPLATES, type FormTemplateKey, TEMPLATE_LANGUAGES } from "./templates.ts";
import type { Answers, FormDefinition, FormNode, LocalizedText } from "./types.ts";

const ctx = { today: "2017-10-16" };

function template(key: FormTemplateKey): FormDefinition {
  const found = FORM_TEMPLATES.find((t) => t.key === key);
  if (!found) throw new Error(`no template ${key}`);
  return found.definition;
}

function allNodes(nodes: FormNode[]): FormNode[] {
  return nodes.flatMap((n) => [n, ...allNodes(n.children ?? [])]);
}

/** Every localized text of a definition, with where it sits (for readable failures). */
function texts(def: FormDefinition): [string, LocalizedText][] {
  const out: [string, LocalizedText][] = [["title", def.title]];
  for (const n of allNodes(def.nodes)) {
    for (const field of ["label", "hint", "requiredMessage", "constraintMessage"] as const) {
      const text = n[field];
      if (text) out.push([`${n.name}.${field}`, text]);
    }
  }
  for (const [list, choices] of Object.entries(def.choices))
    for (const c of choices) out.push([`choices.${list}.${c.name}`, c.label]);
  return out;
}

const ARABIC_SCRIPT = /[\u0600-\u06FF]/;
const CYRILLIC = /[\u0400-\u04FF]/;

describe.each(FORM_TEMPLATE_KEYS)("template %s", (key) => {
  const def = template(key);

  it("is a valid form definition", () => {
    expect(def.formId).toBe(key);
    expect(def.defaultLanguage).toBe("de");
    expect(def.languages).toEqual([...TEMPLATE_LANGUAGES]);
    expect(checkDefinition(def)).toEqual([]);
  });

  it("gives every text in all seven languages", () => {
    for (const [where, text] of texts(def)) {
      expect(Object.keys(text).sort(), where).toEqual([...TEMPLATE_LANGUAGES].sort());
      for (const lang of TEMPLATE_LANGUAGES) expect(text[lang]?.trim(), `${where}.${lang}`).not.toBe("");
    }
  });

  it("labels every shown node and explains every constraint", () => {
    for (const n of allNodes(def.nodes)) {
      if (n.type !== "calculate") expect(n.label, n.name).toBeDefined();
      if (n.constraint) expect(n.constraintMessage, n.name).toBeDefined();
    }
  });

  it("writes each language in its own script and spelling", () => {
    for (const [where, text] of texts(def)) {
      const values = Object.values(text);
      if (values.every((v) => v === values[0])) continue; // codes such as "B1"
      expect(text.ar, where).toMatch(ARABIC_SCRIPT);
      expect(text.fa, where).toMatch(ARABIC_SCRIPT);
      expect(text.ru, where).toMatch(CYRILLIC);
      expect(text.uk, where).toMatch(CYRILLIC);
      // Persian uses ی and ک, Arabic ي and ك; Ukrainian has no ы э ъ ё, Russian no і ї є ґ.
      expect(text.fa, where).not.toMatch(/[يك]/);
      expect(text.ar, where).not.toMatch(/[یک]/);
      expect(text.uk, where).not.toMatch(/[ыэъё]/i);
      expect(text.ru, where).not.toMatch(/[іїєґ]/i);
      expect(text.de, where).not.toBe(text.tr);
    }
  });

  it("maps needs only to life domains", () => {
    for (const n of allNodes(def.nodes)) {
      if (!n.need) continue;
      if (n.need === "choices") {
        for (const c of def.choices[n.listName ?? ""] ?? []) expect(LIFE_DOMAINS).toContain(c.name);
      } else expect(LIFE_DOMAINS, n.name).toContain(n.need);
    }
  });
});

describe("template set", () => {
  it("has one template per key, in key order", () => {
    expect(FORM_TEMPLATES.map((t) => t.key)).toEqual([...FORM_TEMPLATE_KEYS]);
  });

  it("cannot be changed through a shared reference", () => {
    const def = template("luenen_needs");
    expect(() => {
      (def.nodes as FormNode[]).push({ type: "note", name: "x" });
    }).toThrow(TypeError);
    const copy = structuredClone(def);
    copy.nodes.push({ type: "note", name: "x", label: { de: "x" } });
    expect(copy.nodes.length).toBe(def.nodes.length + 1);
  });

  it("keeps question names stable (they are analysis keys)", () => {
    const names = (key: FormTemplateKey) => questions(template(key)).map((q) => q.name);
    expect(names("luenen_needs")).toEqual([
      "family_status",
      "spouse_in_germany",
      "family_reunification_advice",
      "member_relation",
      "member_sex",
      "member_age",
      "member_needs_kita",
      "member_needs_school",
      "household_size",
      "school_years",
      "school_qualification",
      "vocational_qualification",
      "worked_before",
      "occupation",
      "certificates_available",
      "recognition_advice_wanted",
      "work_support_wanted",
      "languages_spoken",
      "german_course_attended",
      "can_read_write",
      "latin_script",
      "literacy_course_wanted",
      "language_course_wanted",
      "conversation_group_wanted",
      "leisure_interests",
      "leisure_other",
      "club_contact_wanted",
      "notes",
    ]);
    expect(names("dortmund_home_visit")).toEqual([
      "visit_date",
      "persons_present",
      "interpreting",
      "need_language",
      "need_school",
      "need_kita",
      "need_social_contacts",
      "need_housing",
      "need_leisure",
      "urgent_count",
      "open_needs",
      "other_topics",
      "referral_agreed",
      "referral_to",
      "follow_up_visit",
      "follow_up_date",
      "notes",
    ]);
    expect(names("luenen_outcome_2017")).toEqual([
      "residence_status",
      "language_course_attended",
      "course_types",
      "language_level_reached",
      "reached_b1",
      "no_course_reasons",
      "language_course_wanted",
      "school_qualification",
      "education_in_germany",
      "worked_before",
      "occupation",
      "main_activity",
      "internship_done",
      "career_wish",
      "career_advice_wanted",
      "leisure_activities",
      "club_member",
      "contact_neighbours",
      "contact_locals",
      "contact_colleagues",
      "contact_volunteers",
      "neighbourhood_wellbeing",
      "more_contact_wanted",
      "stay_in_town",
      "move_reasons",
      "feel_at_home",
    ]);
  });
});

describe("Lünen needs questionnaire in the engine", () => {
  const def = template("luenen_needs");
  const base: Answers = {
    family_status: "married",
    spouse_in_germany: "no",
    family_reunification_advice: "yes",
    languages_spoken: [
      { lang: "ar", level: "native" },
      { lang: "de", level: "A1" },
    ],
    can_read_write: "yes",
    latin_script: "no",
    literacy_course_wanted: "yes",
    household_members: [
      { member_relation: "partner", member_sex: "female", member_age: 31 },
      { member_relation: "child", member_sex: "male", member_age: 4, member_needs_kita: "yes" },
      { member_relation: "child", member_sex: "female", member_age: 9, member_needs_school: "yes" },
    ],
  };

  it("accepts a complete interview, counts the household and opens the needs", () => {
    const checked = checkAnswers(def, base, ctx);
    expect(checked.errors).toEqual([]);
    expect(checked.answers.household_size).toBe(4);
    expect(checked.answers.literacy_course_wanted).toBe("yes");
    expect(needsFrom(def, checked.answers)).toEqual(["kita", "language", "residence_legal", "school"]);
  });

  it("asks about a literacy course only of those who cannot read or write the Latin script", () => {
    const checked = checkAnswers(def, { ...base, latin_script: "yes" }, ctx);
    expect(checked.hidden.has("literacy_course_wanted")).toBe(true);
    expect(checked.answers.literacy_course_wanted).toBeUndefined();
    expect(needsFrom(def, checked.answers)).not.toContain("language");
  });

  it("rejects an impossible age with the form's message in the respondent's language", () => {
    const members = [{ member_relation: "child", member_age: 130 }];
    const { errors } = checkAnswers(def, { ...base, household_members: members }, ctx);
    const error = errors.find((e) => e.path === "household_members[0].member_age");
    expect(error?.code).toBe("constraint");
    expect(error?.message?.ar).toBe("يرجى إدخال عمر بين 0 و120 سنة.");
  });

  it("does not allow 'none of these' together with an interest", () => {
    const { errors } = checkAnswers(def, { ...base, leisure_interests: ["none", "sport"] }, ctx);
    expect(errors).toContainEqual(expect.objectContaining({ path: "leisure_interests", code: "constraint" }));
    expect(checkAnswers(def, { ...base, leisure_interests: ["none"] }, ctx).errors).toEqual([]);
  });

  it("requires the core questions", () => {
    const { errors } = checkAnswers(def, {}, ctx);
    expect(errors.filter((e) => e.code === "required").map((e) => e.path)).toEqual([
      "family_status",
      "languages_spoken",
      "can_read_write",
      "latin_script",
    ]);
  });
});

describe("Dortmund home visit in the engine", () => {
  const def = template("dortmund_home_visit");
  const areas: Answers = {
    need_language: "urgent",
    need_school: "some",
    need_kita: "urgent",
    need_social_contacts: "none",
    need_housing: "none",
    need_leisure: "some",
  };

  it("counts urgent areas and opens the chosen needs", () => {
    const answers = { visit_date: "2017-10-16", ...areas, open_needs: ["language", "kita", "housing"] };
    const checked = checkAnswers(def, answers, ctx);
    expect(checked.errors).toEqual([]);
    expect(checked.answers.urgent_count).toBe(2);
    expect(checked.hidden.has("urgent_note")).toBe(false);
    expect(needsFrom(def, checked.answers)).toEqual(["housing", "kita", "language"]);
  });

  it("shows the urgency note only when an area is urgent", () => {
    const calm = { ...areas, need_language: "some", need_kita: "none" };
    const checked = checkAnswers(def, { visit_date: "2017-10-16", ...calm }, ctx);
    expect(checked.answers.urgent_count).toBe(0);
    expect(checked.hidden.has("urgent_note")).toBe(true);
  });

  it("rejects a visit in the future and a follow-up before the visit", () => {
    const answers = {
      visit_date: "2017-10-17",
      ...areas,
      follow_up_visit: "yes",
      follow_up_date: "2017-10-01",
    };
    const { errors } = checkAnswers(def, answers, ctx);
    const paths = errors.filter((e) => e.code === "constraint").map((e) => e.path);
    expect(paths.sort()).toEqual(["follow_up_date", "visit_date"]);
  });

  it("requires a follow-up date only when a follow-up visit is planned", () => {
    const answers = { visit_date: "2017-10-16", ...areas, follow_up_visit: "no" };
    expect(checkAnswers(def, answers, ctx).errors).toEqual([]);
    const planned = checkAnswers(def, { ...answers, follow_up_visit: "yes" }, ctx);
    expect(planned.errors).toEqual([expect.objectContaining({ path: "follow_up_date", code: "required" })]);
  });
});

describe("Lünen outcome survey 2017 in the engine", () => {
  const def = template("luenen_outcome_2017");
  const base: Answers = {
    residence_status: "recognised",
    main_activity: "language_course",
    stay_in_town: "yes_probably",
  };

  it("derives whether B1 was reached and asks course details only of participants", () => {
    const attended = checkAnswers(
      def,
      {
        ...base,
        language_course_attended: "yes",
        course_types: ["integration_course"],
        language_level_reached: "B1",
      },
      ctx,
    );
    expect(attended.errors).toEqual([]);
    expect(attended.answers.reached_b1).toBe("yes");
    expect(attended.hidden.has("no_course_reasons")).toBe(true);

    const notAttended = checkAnswers(
      def,
      {
        ...base,
        language_course_attended: "no",
        language_level_reached: "B2",
        no_course_reasons: ["childcare"],
      },
      ctx,
    );
    expect(notAttended.answers.language_level_reached).toBeUndefined();
    expect(notAttended.answers.reached_b1).toBe("no");
    expect(notAttended.answers.no_course_reasons).toEqual(["childcare"]);
  });

  it("asks for reasons to leave only of those who plan to leave", () => {
    const staying = checkAnswers(
      def,
      { ...base, language_course_attended: "no", move_reasons: ["work"] },
      ctx,
    );
    expect(staying.answers.move_reasons).toBeUndefined();
    const leaving = checkAnswers(
      def,
      { ...base, language_course_attended: "no", stay_in_town: "probably_not", move_reasons: ["work"] },
      ctx,
    );
    expect(leaving.answers.move_reasons).toEqual(["work"]);
  });
});
