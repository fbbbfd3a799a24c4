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
import { readSurveyPost } from "../server/survey-form.server.ts";
import { SurveyForm, SurveyFormFields } from "./survey-form.tsx";

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

describe("image, audio and file questions on the page (decision 116)", () => {
  const media: FormDefinition = {
    ...def,
    formId: "media",
    nodes: [
      { type: "image", name: "foto", label: { de: "Foto" }, parameters: "max-pixels=1024" },
      {
        type: "repeat",
        name: "mitglied",
        label: { de: "Mitglied" },
        children: [{ type: "audio", name: "nachricht", label: { de: "Nachricht" } }],
      },
    ],
  };

  it("posts multipart with a plain file input per question, so it works without JavaScript", () => {
    const element = createElement(SurveyForm, {
      action: "/de/survey/x",
      definition: media,
      lang: "de",
      formVersion: 1,
      submissionId: "s",
      again: null,
      errors: undefined,
      today: "2026-03-01",
      submitLabel: "Senden",
    });
    const router = createMemoryRouter([{ path: "/", element }]);
    const html = renderToString(createElement(RouterProvider, { router }));
    // HTML attribute names are case-insensitive; React writes encType
    expect(html).toMatch(/<form [^>]*enctype="multipart\/form-data"[^>]*method="post"/i);
    expect(html).toContain(
      '<input id="f-q-foto" type="file" accept="image/png,image/jpeg" aria-describedby="f-q-foto-limits" name="q.foto"/>',
    );
    expect(html).toMatch(
      /<input id="f-q-mitglied-0--nachricht" type="file" accept="audio\/mpeg[^"]*"[^>]*name="q.mitglied.0.nachricht"/,
    );
    // the plain text form of a form without media questions stays as it was
    expect(render({})).not.toContain('type="file"');
  });

  it("reads the posted files by field, leaving out file inputs the respondent left empty", async () => {
    const form = new FormData();
    form.set("submissionId", "s");
    form.set("formVersion", "1");
    form.append(
      "q.foto",
      new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "foto.png", { type: "image/png" }),
    );
    form.append("q.mitglied.0.nachricht", new File([], ""));
    form.append("q.mitglied.0.name", "Amal");
    const post = await readSurveyPost(new Request("http://x/", { method: "POST", body: form }));
    // an empty file input arrives as an empty value: no answer, and no upload
    expect(post.entries).toEqual([
      ["q.mitglied.0.nachricht", ""],
      ["q.mitglied.0.name", "Amal"],
    ]);
    expect(post.uploads).toEqual([
      { path: "foto", fileName: "foto.png", content: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) },
    ]);
  });
});
