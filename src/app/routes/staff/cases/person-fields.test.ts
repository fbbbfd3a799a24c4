// A person's nationalities and languages render as named native selects (decision 093): the
// stored rows plus an empty one, so they post without JavaScript and nothing asks for a code.
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it } from "vitest";
import type { Translate } from "#app/i18n/translator.ts";
import { PersonFields, personFromForm } from "./person-fields.tsx";

const t = ((key: string, p?: Record<string, unknown>) =>
  p ? `${key}:${JSON.stringify(p)}` : key) as Translate;
const choices = {
  countries: [
    { value: "IQ", label: "Irak" },
    { value: "SY", label: "Syrien" },
  ],
  languages: [{ value: "ar", label: "Arabisch" }],
};

describe("person fields", () => {
  it("render stored nationalities and languages as selects by name, plus an empty row, without buttons", () => {
    const element = h(PersonFields, {
      prefix: "p0_",
      path: "persons.0",
      idPrefix: "p0_",
      t,
      errors: undefined,
      choices,
      values: { nationalities: ["SY"], languages: [{ lang: "ar", level: "native" }] },
    });
    const router = createMemoryRouter([{ path: "/", element }]);
    const html = renderToStaticMarkup(h(RouterProvider, { router }));
    expect(html.match(/<select id="f-p0_nat-\d" name="p0_nationalities">/g)).toHaveLength(2);
    expect(html).toContain('<option value="SY" selected="">Syrien</option>');
    expect(html.match(/name="p0_lang"/g)).toHaveLength(2);
    expect(html).toContain('<option value="native" selected="">cases.level_native</option>');
    // Add and remove buttons appear once the page runs; the server's page has none.
    expect(html).not.toContain("cases.nationality_add");
  });

  it("show an unusual birth date at the field, described by it, with the field's own confirmation", () => {
    const element = h(PersonFields, {
      prefix: "p1_",
      path: "persons.1",
      idPrefix: "p1_",
      t,
      errors: undefined,
      choices,
      values: { birthDate: "1999-04-01", householdRelation: "child" },
      birthWarning: {
        text: "Person 2 ist als Kind eingetragen, ist aber nicht jünger als Person 1.",
        keys: "p1.child_not_younger.0",
        label: "Das Geburtsdatum von Person 2 stimmt",
        confirmed: false,
      },
    });
    const router = createMemoryRouter([{ path: "/", element }]);
    const html = renderToStaticMarkup(h(RouterProvider, { router }));
    expect(html).toContain('aria-describedby="f-p1_birthDate-hint"');
    expect(html).toContain("nicht jünger als Person 1.</span>");
    expect(html).toMatch(
      /<input type="checkbox" id="[^"]+" name="confirmWarning" value="p1.child_not_younger.0"/,
    );
    expect(html).not.toContain("checked");
    expect(html).toContain("Das Geburtsdatum von Person 2 stimmt");
  });

  it("read repeated rows from the form and leave empty ones out", () => {
    const form = new FormData();
    for (const [k, v] of [
      ["p0_nationalities", "SY"],
      ["p0_nationalities", ""],
      ["p0_lang", "ar"],
      ["p0_level", "native"],
      ["p0_lang", ""],
      ["p0_level", ""],
      ["p0_lang", ""],
      ["p0_level", "B1"],
    ])
      form.append(k as string, v as string);
    const p = personFromForm(form, "p0_");
    expect(p.nationalities).toEqual(["SY"]);
    expect(p.languages).toEqual([
      { lang: "ar", level: "native" },
      { lang: "", level: "B1" },
    ]);
  });
});
