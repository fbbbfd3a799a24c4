/**
 * The setting the survey integration tests share (tests only): a tenant with two social areas
 * (West, Ost), one user per role, a household of two in West with an open case, and the needs
 * and outcome questionnaires from the seed templates.
 */
import type { sql } from "drizzle-orm";
import { isAppError } from "#app/server/errors.ts";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, type TestContext } from "../../../tests/setup/test-db.ts";
import { answerFieldsOf, createLinkInput, submissionInput } from "./contracts.ts";

export type SurveyFixture = {
  ctx: TestContext;
  tenantId: string;
  /** Principal and session cookie per key: cw, coord, analyst, board, admin. */
  who: Record<string, { principal: Principal; cookie: string }>;
  p: (key: string) => Principal;
  caseId: string;
  personIds: string[];
  needsForm: string;
  outcomeForm: string;
  areaIds: Record<string, string>;
};

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

export async function createSurveyFixture(): Promise<SurveyFixture> {
  const ctx = await createTestContext();
  const tenant = await ctx.services.tenants.create({
    slug: ctx.services.core.config.defaultTenant,
    name: "Befragungsstadt",
    kind: "municipality",
  });
  const tenantId = tenant.id;
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
  const areaIds = Object.fromEntries((await ctx.services.areas.list(tenantId)).map((a) => [a.code, a.id]));
  const who: SurveyFixture["who"] = {};
  const roles: [string, Role][] = [
    ["cw", "case_worker"],
    ["coord", "coordinator"],
    ["analyst", "analyst"],
    ["board", "board_member"],
    ["admin", "admin"],
  ];
  for (const [key, role] of roles) {
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
  const p = (key: string) => who[key]!.principal;
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
  const needsForm = (await ctx.services.surveys.createFromTemplate(p("coord"), "luenen_needs")).id;
  const outcomeForm = (await ctx.services.surveys.createFromTemplate(p("coord"), "luenen_outcome_2017")).id;
  return {
    ctx,
    tenantId,
    who,
    p,
    caseId: r.caseId!,
    personIds: r.personIds,
    needsForm,
    outcomeForm,
    areaIds,
  };
}

/** Rows of a query on the test database. */
export async function rowsOf(ctx: TestContext, query: ReturnType<typeof sql>) {
  return ((await ctx.handle.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
}

/** The AppError a call fails with (anything else fails the test). */
export async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error("expected an error");
}

/** A submission as a page sends it: form fields as posted, through the operation's contract. */
export function submission(s: {
  formVersion: number;
  submissionId: string;
  personId?: string | null | undefined;
  lang: string;
  entries: [string, string][];
}) {
  const { entries, ...rest } = s;
  return parseInput(submissionInput, { ...rest, answers: answerFieldsOf(entries) });
}

/** A link request through its contract. */
export function linkInput(input: {
  formId: string;
  caseId?: string;
  waveId?: string;
  personId?: string;
  lang: string;
  days?: number;
}) {
  return parseInput(createLinkInput, input);
}

/** The outcome survey's minimal valid answers as form fields. */
export const outcomeAnswers = (
  attended: "yes" | "no",
  extra: [string, string][] = [],
): [string, string][] => [
  ["q.residence_status", "recognised"],
  ["q.language_course_attended", attended],
  ["q.main_activity", "job_seeking"],
  ["q.stay_in_town", "yes_probably"],
  ...extra,
];
