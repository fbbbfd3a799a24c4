import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import { labelFor } from "./engine.ts";
import { linkInput, submission } from "./test-fixture.ts";
import type { FormDefinition } from "./types.ts";

/**
 * Survey data under GDPR Art. 15 / Art. 17 and retention (issue 5 × issue 4): the subject-access
 * document shows a person's responses (decrypted, with the form's German labels), erasure and the
 * retention job leave no response, link or sample membership of the deleted persons and cases.
 */

let ctx: TestContext;
let tenantId: string;
let outcomeForm: string;
let definition: FormDefinition;
const who: Record<string, { principal: Principal; userId: string }> = {};
const P = (k: string) => who[k]!.principal;

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

async function user(key: string, role: Role) {
  const { user: u } = await createUserWithRole(ctx.services, tenantId, role);
  who[key] = {
    userId: u.id,
    principal: {
      userId: u.id,
      tenantId,
      sessionId: "s",
      grants: [{ role, scopeType: "tenant", scopeId: null }],
      mfaSatisfied: true,
    },
  };
}

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const r = (await ctx.handle.db.execute(query)) as unknown as { rows: { n: number }[] };
  return Number(r.rows[0]!.n);
}

const api = async (key: string, method: string, path: string, body?: unknown) => {
  const cookie = await sessionCookieFor(ctx.services, tenantId, who[key]!.userId);
  const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1${path}`, {
    method,
    headers: { origin: TEST_BASE_URL, cookie, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, unknown> | null };
};

/** The outcome survey's answers as form fields; `feel` is the free-text answer (stored encrypted). */
const entries = (feel: string): [string, string][] => [
  ["q.residence_status", "recognised"],
  ["q.language_course_attended", "no"],
  ["q.main_activity", "job_seeking"],
  ["q.stay_in_town", "yes_probably"],
  ["q.feel_at_home", feel],
];

/** A household of the given persons (all assigned in `year`) with an open case. */
async function household(label: string, names: string[], year: number) {
  const r = await ctx.services.casework.createHousehold(P("cw"), {
    household: { label, lon: 2, lat: 5, accommodationKind: "shared_accommodation" },
    persons: names.map((n, i) => ({
      givenName: n,
      familyName: "Befragt",
      birthDate: `198${i}-05-01`,
      sex: i % 2 === 0 ? "female" : "male",
      assignedToMunicipalityOn: `${year}-04-01`,
    })),
    case: { caseType: "integration" },
    allowDuplicate: true,
  });
  if (r.status !== "created") throw new Error("household");
  return { caseId: r.caseId!, personIds: r.personIds, householdId: r.householdId! };
}

/** A response in the case (for a person, or for the case as a whole). */
async function answerInCase(caseId: string, personId: string | null, feel: string) {
  const r = await ctx.services.surveys.submitInCase(
    P("cw"),
    caseId,
    outcomeForm,
    submission({ formVersion: 1, submissionId: randomUUID(), personId, lang: "de", entries: entries(feel) }),
  );
  return r.responseId;
}

/** A survey of everyone assigned in `year`, with a wave sampling all of them; returns the wave id. */
async function sampleYear(year: number, size: number) {
  const s = await ctx.services.surveys.createSurvey(P("coord"), {
    title: `Befragung ${year}`,
    formId: outcomeForm,
    assignedYear: year,
  });
  const w = await ctx.services.surveys.drawWave(P("coord"), s.id, {
    label: "Welle 1",
    size,
    reserve: 0,
    stratifyBy: [],
    seed: `privacy-${year}`,
  });
  return w.id;
}

/** A one-time link for a person in a survey wave, answered by the respondent. */
async function answerByWaveLink(waveId: string, personId: string, feel: string) {
  const link = await ctx.services.surveys.createLink(
    P("coord"),
    linkInput({ formId: outcomeForm, waveId, personId, lang: "de" }),
  );
  const r = await ctx.services.surveys.submitByLink(
    tenantId,
    link.token,
    submission({ formVersion: 1, submissionId: randomUUID(), lang: "de", entries: entries(feel) }),
  );
  return { responseId: r.responseId, linkId: link.linkId };
}

const surveyRowsOf = async (opts: { personIds?: string[]; caseIds?: string[] }) => {
  const persons = opts.personIds ?? [];
  const casesIn = opts.caseIds ?? [];
  const anyOf = (col: string, ids: string[]) =>
    ids.length ? sql`${sql.raw(col)} IN (${sql.join(ids, sql`, `)})` : sql`false`;
  return {
    responses: await count(
      sql`SELECT count(*)::int AS n FROM survey_responses WHERE ${anyOf("person_id", persons)} OR ${anyOf("case_id", casesIn)}`,
    ),
    links: await count(
      sql`SELECT count(*)::int AS n FROM survey_links WHERE ${anyOf("person_id", persons)} OR ${anyOf("case_id", casesIn)}`,
    ),
    samples: await count(
      sql`SELECT count(*)::int AS n FROM survey_sample_members WHERE ${anyOf("person_id", persons)}`,
    ),
  };
};

beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-03-02T09:00:00Z") });
  tenantId = (
    await ctx.services.tenants.create({
      slug: ctx.services.core.config.defaultTenant,
      name: "Befragung und Datenschutz",
      kind: "municipality",
    })
  ).id;
  await ctx.services.areas.commitImport(
    { kind: "system" },
    tenantId,
    JSON.stringify({
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { code: "C", name: "Stadt", level: "city" },
          geometry: rect(0, 0, 10, 10),
        },
        {
          type: "Feature",
          properties: { code: "W", name: "West", level: "social_area", parent: "C" },
          geometry: rect(0, 0, 10, 10),
        },
      ],
    }),
  );
  await user("cw", "case_worker");
  await user("coord", "coordinator");
  await user("dpo", "data_protection_officer");
  outcomeForm = (await ctx.services.surveys.createFromTemplate(P("coord"), "luenen_outcome_2017")).id;
  definition = (await ctx.services.surveys.getForm(P("coord"), outcomeForm)).definition;
});
afterAll(() => ctx?.close());

/** The German label of a question (or of one of its choices) in the outcome form. */
function label(name: string, choice?: string): string {
  const find = (nodes: FormDefinition["nodes"]): FormDefinition["nodes"][number] | undefined => {
    for (const n of nodes) {
      if (n.name === name) return n;
      const inner = n.children ? find(n.children) : undefined;
      if (inner) return inner;
    }
    return undefined;
  };
  const node = find(definition.nodes)!;
  if (choice === undefined) return labelFor(node.label, "de", definition);
  const c = definition.choices[node.listName!]!.find((x) => x.name === choice)!;
  return labelFor(c.label, "de", definition);
}

describe("Art. 15 with survey data", () => {
  it("the subject-access document holds the person's responses (decrypted, German labels), links and samples", async () => {
    const h = await household("Familie Auskunft", ["Amal", "Omar"], 2015);
    const [amal, omar] = h.personIds as [string, string];
    const inCase = await answerInCase(h.caseId, amal, "Ja, sehr");
    await answerInCase(h.caseId, omar, "Omars eigene Antwort");
    const waveId = await sampleYear(2015, 2);
    const byLink = await answerByWaveLink(waveId, amal, "Nachbarn kennenlernen");
    // A read of the response by the case worker shows up in the document's access log.
    await ctx.services.surveys.getResponse(P("cw"), inCase);

    const res = await api("dpo", "GET", `/privacy/persons/${amal}/export`);
    expect(res.status).toBe(200);
    type Doc = {
      surveys: {
        responses: {
          id: string;
          form: string;
          formVersion: number;
          channel: string;
          submittedAt: string;
          caseReference: string | null;
          answers: Record<string, unknown>;
        }[];
        links: { id: string; usedAt: string | null }[];
        samples: { survey: string; wave: string; contactStatus: string }[];
      };
      accessLog: { entityType: string; entityId: string }[];
    };
    const doc = res.json as unknown as Doc;
    const responses = doc.surveys.responses;
    expect(responses.map((r) => r.id).sort()).toEqual([inCase, byLink.responseId].sort());
    const first = responses.find((r) => r.id === inCase)!;
    expect(first).toMatchObject({ formVersion: 1, channel: "case" });
    expect(first.form).toContain("2017");
    expect(first.caseReference).toMatch(/\d/);
    expect(Date.parse(first.submittedAt)).not.toBeNaN();
    // Free text decrypted, under the German question text; choices and yes/no readable.
    expect(first.answers[label("feel_at_home")]).toBe("Ja, sehr");
    expect(label("feel_at_home")).toContain("zu Hause");
    expect(first.answers[label("residence_status")]).toBe(label("residence_status", "recognised"));
    expect(first.answers[label("language_course_attended")]).toBe(false);
    const viaLink = responses.find((r) => r.id === byLink.responseId)!;
    expect(viaLink.channel).toBe("link");
    expect(viaLink.answers[label("feel_at_home")]).toBe("Nachbarn kennenlernen");
    // Another household member's answers are theirs, not Amal's.
    expect(JSON.stringify(doc)).not.toContain("Omars eigene Antwort");
    expect(doc.surveys.links.map((l) => l.id)).toEqual([byLink.linkId]);
    expect(doc.surveys.links[0]!.usedAt).not.toBeNull();
    expect(doc.surveys.samples).toEqual([
      expect.objectContaining({ survey: "Befragung 2015", wave: "Welle 1", contactStatus: "responded" }),
    ]);
    expect(doc.accessLog.some((e) => e.entityType === "survey_response" && e.entityId === inCase)).toBe(true);
  });
});

describe("Art. 17 with survey data", () => {
  it("erasing a person removes their responses, links and sample rows; erasing the last one removes the case's too", async () => {
    const h = await household("Familie Löschung", ["Lina", "Karim"], 2016);
    const [lina, karim] = h.personIds as [string, string];
    const linaInCase = await answerInCase(h.caseId, lina, "Linas Antwort");
    const karimInCase = await answerInCase(h.caseId, karim, "Karims Antwort");
    const caseLevel = await answerInCase(h.caseId, null, "Antwort des Haushalts");
    await ctx.services.surveys.createLink(
      P("cw"),
      linkInput({ formId: outcomeForm, caseId: h.caseId, lang: "ar" }),
    );
    const waveId = await sampleYear(2016, 2);
    const linaByLink = await answerByWaveLink(waveId, lina, "Linas Link-Antwort");
    // An unanswered link for Lina in her case.
    await ctx.services.surveys.createLink(
      P("cw"),
      linkInput({ formId: outcomeForm, caseId: h.caseId, personId: lina, lang: "de" }),
    );
    expect(await surveyRowsOf({ personIds: [lina] })).toEqual({ responses: 2, links: 2, samples: 1 });

    const erased = await api("dpo", "POST", `/privacy/persons/${lina}/erase`, { confirm: true });
    expect(erased.status).toBe(200);
    expect(erased.json!.deleted).toMatchObject({
      persons: 1,
      surveyResponses: 2,
      surveyLinks: 2,
      surveySamples: 1,
    });
    expect(await surveyRowsOf({ personIds: [lina] })).toEqual({ responses: 0, links: 0, samples: 0 });
    // Karim and the case stay, with their survey data.
    expect(await surveyRowsOf({ personIds: [karim] })).toEqual({ responses: 1, links: 0, samples: 1 });
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM survey_responses WHERE id IN (${karimInCase}, ${caseLevel})`,
      ),
    ).toBe(2);
    // Earlier audit entries about Lina's responses keep their ids only.
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_id IN (${linaInCase}, ${linaByLink.responseId}) AND changes IS NOT NULL`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_id IN (${linaInCase}, ${linaByLink.responseId})`,
      ),
    ).toBeGreaterThan(0);

    // Karim is the last one: the household goes with its case and every survey trace of both.
    const last = await api("dpo", "POST", `/privacy/persons/${karim}/erase`, { confirm: true });
    expect(last.status).toBe(200);
    expect(last.json!.deleted).toMatchObject({ households: 1, cases: 1, surveyResponses: 2, surveyLinks: 1 });
    expect(await surveyRowsOf({ personIds: [lina, karim], caseIds: [h.caseId] })).toEqual({
      responses: 0,
      links: 0,
      samples: 0,
    });
  });
});

describe("retention with survey data", () => {
  it("deleting a case after its retention period removes its responses and links, and the sample rows of its persons", async () => {
    const h = await household("Familie Aufbewahrung", ["Rana"], 2017);
    const [rana] = h.personIds as [string];
    const personal = await answerInCase(h.caseId, rana, "Ranas Antwort");
    const caseLevel = await answerInCase(h.caseId, null, "Antwort im Fall");
    await ctx.services.surveys.createLink(
      P("cw"),
      linkInput({ formId: outcomeForm, caseId: h.caseId, lang: "fa" }),
    );
    const waveId = await sampleYear(2017, 1);
    const byLink = await answerByWaveLink(waveId, rana, "Ranas Link-Antwort");
    expect(await surveyRowsOf({ personIds: [rana], caseIds: [h.caseId] })).toEqual({
      responses: 3,
      links: 2,
      samples: 1,
    });
    await ctx.handle.db.execute(
      sql`UPDATE cases SET status = 'closed', closed_on = '2026-03-01', retention_due_on = '2029-03-01' WHERE id = ${h.caseId}`,
    );
    ctx.clock.set(new Date("2029-03-01T02:00:00Z"));
    try {
      const r = await ctx.services.retention.run(tenantId);
      expect(r).toMatchObject({ deletedCases: 1, deletedHouseholds: 1 });
    } finally {
      ctx.clock.set(new Date("2026-03-02T09:00:00Z"));
    }
    expect(await surveyRowsOf({ personIds: [rana], caseIds: [h.caseId] })).toEqual({
      responses: 0,
      links: 0,
      samples: 0,
    });
    const [entry] = await ctx.services.audit.list(
      tenantId,
      { action: "retention_delete", entityId: h.caseId },
      { limit: 5, offset: 0 },
    );
    expect(entry!.changes).toMatchObject({
      surveyResponses: { old: 3, new: 0 },
      surveyLinks: { old: 2, new: 0 },
      surveySamples: { old: 1, new: 0 },
    });
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_id IN (${personal}, ${caseLevel}, ${byLink.responseId}) AND changes IS NOT NULL`,
      ),
    ).toBe(0);
    // The wave's other data (the survey, the wave) stays; only Rana's traces are gone.
    expect(await count(sql`SELECT count(*)::int AS n FROM survey_waves WHERE id = ${waveId}`)).toBe(1);
  });
});
