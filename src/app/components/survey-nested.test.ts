/**
 * The questionnaire page's markup for repeats in repeats (decision 091): field names, instance
 * counts and "add another" buttons per nested instance, rendered on the server as the page is
 * without JavaScript.
 */
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it } from "vitest";
import type { FormDefinition } from "#app/modules/surveys/types.ts";
import { SurveyFormFields } from "./survey-form.tsx";

const def: FormDefinition = {
  formId: "nested",
  title: { de: "Haushalte" },
  defaultLanguage: "de",
  languages: ["de"],
  choices: {},
  nodes: [
    {
      type: "repeat",
      name: "haushalt",
      label: { de: "Haushalt" },
      children: [
        { type: "text", name: "haushalt_name", label: { de: "Name" } },
        {
          type: "repeat",
          name: "kind",
          label: { de: "Kind" },
          children: [{ type: "text", name: "kind_name", label: { de: "Vorname" } }],
        },
      ],
    },
  ],
};

function render(props: Partial<Parameters<typeof SurveyFormFields>[0]>): string {
  const element = createElement(SurveyFormFields, {
    definition: def,
    lang: "de",
    values: {},
    errors: {},
    today: "2026-03-01",
    ...props,
  });
  const router = createMemoryRouter([{ path: "/", element }]);
  return renderToString(createElement(RouterProvider, { router }));
}

describe("nested repeats on the page", () => {
  it("names each inner field by both instance numbers and offers 'add another' per level", () => {
    const html = render({
      values: { haushalt: [{ haushalt_name: "A", kind: [{ kind_name: "Lina" }, { kind_name: "Omar" }] }] },
      repeatCounts: { haushalt: 2 },
    });
    expect(html).toContain('name="q.haushalt.0.kind.1.kind_name"');
    expect(html).toContain('value="Omar"');
    // the second household shows its own first child
    expect(html).toContain('name="q.haushalt.1.kind.0.kind_name"');
    expect(html).toContain('name="_count.haushalt[0].kind" value="2"');
    expect(html).toContain(`value="haushalt[1].kind" class="button-secondary" formNoValidate="" name="_add"`);
    expect(html).toContain('id="f-q-haushalt-0--kind-1--kind_name"');
  });

  it("shows an error at its nested question", () => {
    const html = render({
      values: { haushalt: [{ kind: [{}] }] },
      errors: { "haushalt[0].kind[0].kind_name": "Bitte ausfüllen" },
    });
    expect(html).toContain("Bitte ausfüllen");
    expect(html).toMatch(/id="f-q-haushalt-0--kind-0--kind_name-error"/);
  });
});
