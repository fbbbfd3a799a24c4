import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox } from "#app/server/db/schema.ts";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { pdfText } from "../../../tests/setup/pdf-text.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import type { CrisisPlanInput, PreventionPlanInput } from "./plan-contracts.ts";

/**
 * Round 4 of the plans (decision 080): the tagged PDFs rendered in a job, statement templates
 * per crisis type and language with checked placeholders, alert mails in each contact's language.
 */
let ctx: TestContext;
let tenantId: string;
let contactPoint: Principal;
let board: Principal;

async function principalWith(role: Role): Promise<Principal> {
  const { user } = await createUserWithRole(ctx.services, tenantId, role);
  return {
    userId: user.id,
    tenantId,
    sessionId: "s",
    grants: [{ role, scopeType: "tenant", scopeId: null }],
    mfaSatisfied: true,
  };
}

const contact = (n: number, email: string, language?: "de" | "en" | "tr") => ({
  role: `Rolle ${n}`,
  name: `Glied ${n}`,
  userId: null,
  organization: n === 1 ? "Stadt Unna" : null,
  phone: `02303 555-${n}00`,
  email,
  deputyName: null,
  deputyPhone: null,
  ...(language ? { language } : {}),
});

const TYPE = "Angriff auf einen Gebetsort";
const crisis = (over: Partial<CrisisPlanInput> = {}): CrisisPlanInput => ({
  version: 0,
  title: "Ablaufplan Krisenfall",
  purpose: "Was im Krisenfall zu tun ist.",
  reviewOn: "2026-12-01",
  contacts: [contact(1, "erste@krise.example", "en"), contact(2, "zweite@krise.example")],
  scenarios: [
    {
      type: TYPE,
      steps: ["Polizei verständigen", "Gemeinde anrufen"],
      statements: {
        de: "Die {municipality} verurteilt den Vorfall vom {date} ({type}) auf das Schärfste.",
        en: null,
      },
    },
  ],
  ...over,
});

const prevention = (): PreventionPlanInput => ({
  version: 0,
  title: "Präventionsplan Zusammenhalt",
  structure: "Lenkungsgruppe und Konfliktanlaufstelle arbeiten zusammen.",
  reviewOn: "2027-01-31",
  measures: [
    {
      title: "Runder Tisch der Religionsgemeinschaften",
      description: null,
      responsible: "Integrationsrat",
      measureId: null,
      reviewOn: "2026-10-01",
    },
  ],
});

async function mailsTo(email: string) {
  return ctx.handle.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.tenantId, tenantId), eq(mailOutbox.to, email)));
}

beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-03-06T09:00:00Z") });
  tenantId = (
    await ctx.services.tenants.create({ slug: "unna", name: "Kreisstadt Unna", kind: "municipality" })
  ).id;
  contactPoint = await principalWith("coordinator");
  board = await principalWith("board_member");
});
afterAll(() => ctx.close());

describe("statement templates", () => {
  it("refuse an unknown placeholder at its field, naming it and the allowed ones", async () => {
    const bad = crisis();
    bad.scenarios[0]!.statements = { en: "On {datum} in {municipality}: {type} {ort}", tr: "Tamam {type}" };
    // The contract checks it (route and page): one field error with the names for the message.
    const cookie = await sessionCookieFor(ctx.services, tenantId, contactPoint.userId);
    const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/conflicts/plans/crisis`, {
      method: "PUT",
      headers: { cookie, "content-type": "application/json", origin: TEST_BASE_URL },
      body: JSON.stringify(bad),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: { field: string; code: string; detail?: string }[] };
    expect(body.errors.map((e) => [e.field, e.code])).toEqual([
      ["scenarios.0.statements.en", "conflict_unknown_placeholder"],
    ]);
    expect(JSON.stringify(body.errors[0])).toContain("{datum}, {ort}");
  });
});

describe("the plans as tagged PDFs", () => {
  it("are rendered by a job after the save; until then there is none to download", async () => {
    await ctx.services.conflicts.saveCrisisPlan(contactPoint, crisis({ language: "ar" }));
    expect((await ctx.services.conflicts.crisisPlan(contactPoint))!.pdf).toBeNull();
    await expect(ctx.services.conflicts.planPdf(contactPoint, "crisis")).rejects.toMatchObject({
      code: "not_found",
    });
    await ctx.services.jobs.runDue({ limit: 20 });
    const view = (await ctx.services.conflicts.crisisPlan(contactPoint))!;
    expect(view.pdf?.version).toBe(1);
    expect(view.language).toBe("ar");
  });

  it("the crisis plan in Arabic is tagged right to left; a German template keeps its own language", async () => {
    const { pdf, version } = await ctx.services.conflicts.planPdf(board, "crisis");
    expect(version).toBe(1);
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toContain("/Marked true");
    expect(raw).toContain("/Lang (ar)");
    expect(raw).toContain("/DisplayDocTitle true");
    expect(raw).toContain("pdfuaid:part");
    expect(raw).toMatch(/\/S \/H1/);
    expect(raw).toMatch(/\/S \/H3/);
    // The German template is a paragraph of its own language inside the Arabic document.
    expect(raw).toContain("/Lang (de-DE)");
    const text = pdfText(pdf);
    expect(text).toContain("Glied 1");
    expect(text).toContain("02303 555-100");
    expect(text).toContain("Stadt Unna");
  });

  it("each download is an audited read; analysts and case workers get none", async () => {
    const plan = (await ctx.services.conflicts.crisisPlan(contactPoint))!;
    const before = await ctx.services.audit.list(
      tenantId,
      { entityId: plan.id, action: "read", actorUserId: contactPoint.userId },
      { limit: 50, offset: 0 },
    );
    await ctx.services.conflicts.planPdf(contactPoint, "crisis");
    const after = await ctx.services.audit.list(
      tenantId,
      { entityId: plan.id, action: "read", actorUserId: contactPoint.userId },
      { limit: 50, offset: 0 },
    );
    expect(after.length).toBe(before.length + 1);
    for (const role of ["analyst", "case_worker"] as const) {
      await expect(ctx.services.conflicts.planPdf(await principalWith(role), "crisis")).rejects.toMatchObject(
        {
          code: "forbidden",
        },
      );
    }
  });

  it("over HTTP the board downloads the PDF; the prevention plan's names measures and responsibilities", async () => {
    await ctx.services.conflicts.savePreventionPlan(contactPoint, prevention());
    await ctx.services.jobs.runDue({ limit: 20 });
    const cookie = await sessionCookieFor(ctx.services, tenantId, board.userId);
    const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/conflicts/plans/prevention/pdf`, {
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain("praeventionsplan-v1.pdf");
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.toString("latin1")).toContain("/Lang (de-DE)");
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("Präventionsplan: Präventionsplan Zusammenhalt");
    expect(text).toContain("Runder Tisch der Religionsgemeinschaften");
    expect(text).toContain("Verantwortlich: Integrationsrat");
    expect(text).toContain("1. Oktober 2026");
  });
});

describe("a crisis from the plan", () => {
  it("mails each link in its language and offers the plan's statement, else the catalog's", async () => {
    const { id } = await ctx.services.conflicts.activateCrisis(contactPoint, { type: TYPE, drill: false });
    expect((await mailsTo("erste@krise.example")).map((m) => m.subject)).toEqual([`CRISIS: ${TYPE}`]);
    // The plan changes after activation: the crisis keeps the templates of its version.
    const current = (await ctx.services.conflicts.crisisPlan(contactPoint))!;
    await ctx.services.conflicts.saveCrisisPlan(
      contactPoint,
      crisis({
        version: current.version,
        scenarios: [{ type: TYPE, steps: ["Polizei verständigen"], statements: { de: "Neu: {type}" } }],
      }),
    );
    const view = await ctx.services.conflicts.crisis(contactPoint, id);
    const de = view.statements.find((s) => s.lang === "de")!;
    expect(de.source).toBe("plan");
    expect(de.text).toBe(
      `Die Kreisstadt Unna verurteilt den Vorfall vom 6. März 2026 (${TYPE}) auf das Schärfste.`,
    );
    const en = view.statements.find((s) => s.lang === "en")!;
    expect(en.source).toBe("catalog");
    expect(en.text).toContain("Statement by Kreisstadt Unna");

    // The second link acknowledges nothing yet; once the first does, it is mailed in German.
    const token = /\/crisis-alert\/([A-Za-z0-9_-]+)/.exec(
      (await mailsTo("erste@krise.example"))[0]!.text ?? "",
    )![1]!;
    await ctx.services.conflicts.acknowledgeCrisisAlert(tenantId, token);
    expect((await mailsTo("zweite@krise.example")).map((m) => m.subject)).toEqual([`KRISE: ${TYPE}`]);
    expect((await mailsTo("erste@krise.example"))[0]!.text).toContain("/en/crisis-alert/");
  });
});
