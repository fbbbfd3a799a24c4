// The form kit renders plain HTML that posts without JavaScript and ties every message to its
// field. Rendered on the server as a page without JavaScript gets it.
import { createElement as h, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { ComboBox } from "./combobox.tsx";
import { CheckboxGroup, ErrorSummary, fieldId, findError, RadioGroup, Select, TextField } from "./index.ts";

function html(element: ReactElement): string {
  const router = createMemoryRouter([{ id: "root", path: "/", element }]);
  return renderToStaticMarkup(h(RouterProvider, { router }));
}

const errors = {
  title: "Bitte prüfen",
  code: "validation_failed",
  fields: { "persons.0.languages.1.level": "Stufe fehlt", email: "Keine Adresse" },
};

describe("form kit", () => {
  it("finds a field's message at its path or below it, exact first", () => {
    expect(findError(errors, ["persons.0.languages"])?.message).toBe("Stufe fehlt");
    expect(findError({ a: "exact", "a.b": "nested" }, ["a"])?.message).toBe("exact");
    expect(findError(errors, ["persons.0.language"])).toBeUndefined();
    expect(fieldId("openingHours.weekly.1.0.closes")).toBe("f-openingHours-weekly-1-0-closes");
  });

  it("ties label, hint and message to the input", () => {
    const out = html(h(TextField, { name: "email", label: "E-Mail", hint: "Dienstlich", errors }));
    expect(out).toContain('<label for="f-email">E-Mail</label>');
    expect(out).toContain('aria-invalid="true"');
    expect(out).toContain('aria-describedby="f-email-hint f-email-error"');
    expect(out).toContain('<p class="field-error" id="f-email-error">Keine Adresse</p>');
    expect(out).toContain('name="email"');
  });

  it("links the summary to each field, also where the input name differs from the error path", () => {
    const summary = html(h(ErrorSummary, { errors, labels: { email: "E-Mail" } }));
    expect(summary).toContain('href="#f-email"');
    expect(summary).toContain('href="#f-persons-0-languages-1-level"');
    expect(summary).toContain("Bitte prüfen");
    const field = html(
      h(TextField, { name: "p0_languages", errorPath: "persons.0.languages", label: "Sprachen", errors }),
    );
    expect(field).toContain('id="f-persons-0-languages-1-level"');
    expect(field).toContain('id="f-p0_languages"');
    const clean = html(
      h(TextField, { name: "p0_languages", errorPath: "persons.0.languages", label: "Sprachen" }),
    );
    expect(clean).not.toContain("f-persons-0-languages");
  });

  it("renders groups as fieldsets of named native inputs", () => {
    const options = [
      { value: "ar", label: "Arabisch" },
      { value: "de", label: "Deutsch" },
    ];
    const boxes = html(
      h(CheckboxGroup, { name: "langs", legend: "Sprachen", options, defaultValue: ["de"] }),
    );
    expect(boxes).toMatch(/<fieldset[^>]*id="f-langs"/);
    expect(boxes).toContain("<legend>Sprachen</legend>");
    expect(boxes).toMatch(/<input type="checkbox" id="f-langs-de" name="langs" checked="" value="de"\/>/);
    expect(boxes).toMatch(/<input type="checkbox" id="f-langs-ar" name="langs" value="ar"\/>/);
    const radios = html(
      h(RadioGroup, { name: "lang", legend: "Sprache", options, errors: { lang: "Bitte wählen" } }),
    );
    expect(radios).toContain(
      '<input type="radio" id="f-lang-ar" aria-invalid="true" name="lang" value="ar"/>',
    );
    expect(radios).toContain('aria-describedby="f-lang-error"');
    expect(radios).toContain("Bitte wählen");
  });

  it("keeps a hidden option in the form, so a cascading filter can show it again", () => {
    const out = html(
      h(RadioGroup, {
        name: "quarter",
        legend: "Quartier",
        options: [
          { value: "q1", label: "Altstadt" },
          { value: "q2", label: "Hafen", hidden: true },
        ],
      }),
    );
    expect(out).toContain('<div class="choice"><input type="radio" id="f-quarter-q1"');
    expect(out).toContain('<div class="choice" hidden=""><input type="radio" id="f-quarter-q2"');
  });

  it("renders the combobox as a native select on the server, so it posts without JavaScript", () => {
    const props = {
      name: "staffId",
      label: "Verantwortlich",
      empty: "—",
      defaultValue: "u2",
      options: [
        { value: "u1", label: "Anna" },
        { value: "u2", label: "Bora" },
      ],
    };
    const combo = html(h(ComboBox, props));
    expect(combo).toBe(html(h(Select, props)));
    expect(combo).toMatch(/<select id="f-staffId" name="staffId"/);
    expect(combo).toContain('<option value="u2" selected="">Bora</option>');
  });
});
