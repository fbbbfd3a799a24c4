import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "#app/server/errors.ts";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import { createRequestInput, createVolunteerInput } from "./contracts.ts";
import { claimInput } from "./expense-contracts.ts";
import { acknowledgeRulesInput, publishRulesInput } from "./rule-contracts.ts";
import { volunteerRuleAcknowledgements } from "./schema.ts";
import { registerTandemInput } from "./tandem-contracts.ts";

let ctx: TestContext;
let tenantId: string;
const who: Record<string, Principal> = {};
const userIds: Record<string, string> = {};
const emails: Record<string, string> = {};

async function person(key: string, role: Role) {
  const { user } = await createUserWithRole(ctx.services, tenantId, role);
  who[key] = {
    userId: user.id,
    tenantId,
    sessionId: "s",
    grants: [{ role, scopeType: "tenant", scopeId: null }],
    mfaSatisfied: true,
  };
  userIds[key] = user.id;
  emails[key] = user.email;
}
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (!isAppError(e)) throw e;
    return e.code === "validation_failed" ? (e.fields?.[0]?.code ?? e.code) : e.code;
  }
}
const svc = () => ctx.services.volunteers;

let amina: string;
let boris: string;

beforeAll(async () => {
  // Monday 2026-06-01 in Unna.
  ctx = await createTestContext({ now: new Date("2026-06-01T08:00:00Z") });
  tenantId = (await ctx.services.tenants.create({ slug: "unna-m", name: "Kreis Unna", kind: "county" })).id;
  await person("coordinator", "volunteer_coordinator");
  await person("amina", "volunteer");
  await person("boris", "volunteer");
  await person("unlinked", "volunteer");
  await person("analyst", "analyst");
  await person("admin", "admin");
  const base = {
    uiLanguage: "de",
    status: "active",
    areas: ["Unna"],
    modes: ["on_site", "phone"],
    settings: ["family", "kita"],
    certificates: [
      { kind: "training", issuedOn: "2025-05-10", validUntil: null },
      { kind: "confidentiality_pledge", issuedOn: "2025-05-10", validUntil: null },
    ],
    availability: [{ weekday: 1, from: 8 * 60, to: 16 * 60 }],
    absences: [],
  };
  const create = async (name: string, userId: string | undefined, code: string) =>
    (
      await svc().create(
        who.coordinator!,
        parseInput(createVolunteerInput, {
          ...base,
          name,
          userId,
          languages: [
            { code, level: "native", oral: true, written: true },
            { code: "de", level: "C1", oral: true, written: true },
          ],
        }),
      )
    ).id;
  amina = await create("Amina Warsame", userIds.amina, "so");
  boris = await create("Boris Iwanow", userIds.boris, "ru");
});
afterAll(() => ctx?.close());

describe("the volunteer's own year", () => {
  it("shows only their own assignments, tandems and claims, and the allowance left", async () => {
    // A Somali request offered to Amina, a Russian one to Boris.
    const offered = async (language: string, volunteerId: string) => {
      const { request: r } = await svc().createRequest(
        who.coordinator!,
        parseInput(createRequestInput, {
          institutionName: "Kita Sonnenschein",
          contactName: "Frau Berg",
          contactEmail: "berg@example.org",
          language,
          mode: "phone",
          setting: "family",
          topic: "Elterngespräch",
          date: "2026-06-15",
          startTime: "10:00",
          durationMinutes: 60,
        }),
      );
      const checked = await svc().applyEvent(who.coordinator!, r.id, { type: "check", version: r.version });
      return svc().applyEvent(who.coordinator!, r.id, {
        type: "offer",
        volunteerId,
        version: checked.version,
      });
    };
    const forAmina = await offered("so", amina);
    await offered("ru", boris);
    const t = await svc().registerTandem(
      who.coordinator!,
      parseInput(registerTandemInput, {
        newcomerName: "Selam",
        newcomerEmail: "selam@example.org",
        offers: ["ti"],
        wants: ["de"],
      }),
    );
    await svc().startTandem(who.coordinator!, t.id, {
      version: t.version,
      volunteerId: amina,
      startedOn: "2026-05-04",
    });
    await svc().logHours(who.amina!, t.id, { date: "2026-05-11", minutes: 90 });
    await svc().submitClaim(
      who.amina!,
      parseInput(claimInput, { kind: "flat_rate", period: "2026-05", amountCents: "100,00" }),
    );
    await svc().submitClaim(
      who.boris!,
      parseInput(claimInput, { kind: "flat_rate", period: "2026-05", amountCents: "50" }),
    );

    const mine = await svc().myYear(who.amina!, 2026);
    expect(mine).not.toBeNull();
    expect(mine!.volunteer.name).toBe("Amina Warsame");
    expect(mine!.assignments.map((a) => [a.language, a.state])).toEqual([["so", "offered"]]);
    expect(mine!.tandems).toEqual([
      expect.objectContaining({ id: t.id, newcomerName: "Selam", state: "active", wants: ["de"] }),
    ]);
    // Need-to-know: the newcomer's mail address does not reach the volunteer.
    expect(JSON.stringify(mine!.tandems)).not.toContain("selam@example.org");
    expect(mine!.claims.map((c) => c.amountCents)).toEqual([10_000]);
    expect(mine).toMatchObject({
      allowanceCents: 96_000,
      approvedCents: 0,
      pendingCents: 10_000,
      remainingCents: 86_000,
      tandemMinutes: 90,
      assignmentMinutes: 0,
    });

    // Amina accepts her offer; she cannot answer Boris's.
    const accepted = await svc().applyEvent(who.amina!, forAmina.id, {
      type: "accept",
      version: forAmina.version,
    });
    expect(accepted.state).toBe("accepted");
    const boriss = (await svc().myYear(who.boris!, 2026))!.assignments[0]!;
    expect(
      await codeOf(svc().applyEvent(who.amina!, boriss.id, { type: "accept", version: boriss.version })),
    ).toBe("forbidden");

    // An account without a profile sees nothing; a role without claims is refused.
    expect(await svc().myYear(who.unlinked!, 2026)).toBeNull();
    expect(await codeOf(svc().myYear(who.analyst!, 2026))).toBe("forbidden");
  });
});

describe("audited reads once per view", () => {
  it("logs a profile or tandem read again only after the view window", async () => {
    const reads = async (entityType: string, entityId: string) =>
      (
        await ctx.services.audit.list(
          tenantId,
          { actorUserId: userIds.coordinator, action: "read", entityType, entityId },
          { limit: 10, offset: 0 },
        )
      ).length;
    const t = await svc().registerTandem(
      who.coordinator!,
      parseInput(registerTandemInput, { newcomerName: "Dawit", offers: ["ti"], wants: ["de"] }),
    );
    // The page and the page reloaded after a form post: one view, one read each.
    await svc().get(who.coordinator!, boris);
    await svc().getTandem(who.coordinator!, t.id);
    await svc().get(who.coordinator!, boris);
    await svc().getTandem(who.coordinator!, t.id);
    expect(await reads("volunteer", boris)).toBe(1);
    expect(await reads("volunteer_tandem", t.id)).toBe(1);
    // Later, a new view.
    ctx.clock.advance(16 * 60_000);
    await svc().get(who.coordinator!, boris);
    await svc().getTandem(who.coordinator!, t.id);
    expect(await reads("volunteer", boris)).toBe(2);
    expect(await reads("volunteer_tandem", t.id)).toBe(2);
  });
});

describe("numbers for steering", () => {
  it("counts the pool, requests per language and hours per quarter through the small-cell rule", async () => {
    for (let i = 0; i < 5; i++)
      await svc().createRequest(
        who.coordinator!,
        parseInput(createRequestInput, {
          institutionName: `Grundschule ${i}`,
          contactName: "Herr Kaya",
          contactEmail: "kaya@example.org",
          language: "ar",
          mode: "video",
          setting: "family",
          topic: "Elterngespräch",
          date: "2026-06-16",
          startTime: "09:00",
          durationMinutes: 45,
        }),
      );
    const n = await svc().numbers(who.analyst!, 2026);
    expect(n.minCount).toBe(5);
    // Two volunteers: below the rule, hidden.
    expect(n.pool.total).toEqual({ value: null, suppressed: "primary" });
    const ar = n.requestsByLanguage.find((l) => l.language === "ar")!;
    expect(ar.open).toEqual({ value: 5, suppressed: null });
    expect(ar.requests.value).toBe(5);
    const so = n.requestsByLanguage.find((l) => l.language === "so")!;
    expect(so.served).toEqual({ value: null, suppressed: "primary" });
    // Quarter 2 holds 7 requests; quarter 1 none (zero is published); tandem hours of one person hidden.
    expect(n.quarters.map((q) => q.requests.value)).toEqual([0, 7, 0, 0]);
    expect(n.quarters[1]!.tandemHours).toEqual({ value: null, suppressed: "primary" });
    expect(n.activeByLanguage.map((l) => l.language).sort()).toEqual(["de", "ru", "so"]);
    expect(n.activeByLanguage.every((l) => l.count.value === null)).toBe(true);
    expect(await codeOf(svc().numbers(who.amina!, 2026))).toBe("forbidden");
  });
});

describe("mail at every step", () => {
  it("tells the institution, the mediator and the coordinators whoever must act next", async () => {
    const subjects = async (to: string) =>
      (await ctx.services.mail.list(who.admin!, { limit: 200, offset: 0 })).items
        .filter((m) => m.to === to)
        .map((m) => m.subject);
    const { request: r } = await svc().createRequest(
      who.coordinator!,
      parseInput(createRequestInput, {
        institutionName: "Familienbüro Kamen",
        contactName: "Frau Roth",
        contactEmail: "roth@example.org",
        language: "so",
        mode: "phone",
        setting: "family",
        topic: "Beratung",
        date: "2026-06-22",
        startTime: "11:00",
        durationMinutes: 60,
      }),
    );
    expect(await subjects("roth@example.org")).toEqual([expect.stringContaining("eingegangen")]);
    const checked = await svc().applyEvent(who.coordinator!, r.id, { type: "check", version: r.version });
    const offered = await svc().applyEvent(who.coordinator!, r.id, {
      type: "offer",
      volunteerId: amina,
      version: checked.version,
    });
    const accepted = await svc().applyEvent(who.amina!, r.id, { type: "accept", version: offered.version });
    expect(await subjects(emails.coordinator!)).toContain("Zusage: so am 2026-06-22");
    const confirmed = await svc().applyEvent(who.coordinator!, r.id, {
      type: "confirm",
      version: accepted.version,
    });
    expect(await subjects("roth@example.org")).toContain("Sprachmittlung bestätigt: 2026-06-22");
    await svc().applyEvent(who.amina!, r.id, { type: "cancel", by: "mediator", version: confirmed.version });
    expect(await subjects(emails.coordinator!)).toContain("Sprachmittler:in hat abgesagt: so am 2026-06-22");
    expect(await subjects("roth@example.org")).toContain("Sprachmittlung am 2026-06-22 abgesagt");
  });
});

describe("the pool's rules, versioned and acknowledged", () => {
  it("publishes versions, records each volunteer's acknowledgement and asks again on a new one", async () => {
    const overview = () => svc().rulesOverview(who.coordinator!);
    // Nothing published: every active volunteer is missing, none acknowledged ever.
    const empty = await overview();
    expect(empty.current).toBeNull();
    expect(empty.missing.map((m) => m.name)).toEqual(["Amina Warsame", "Boris Iwanow"]);
    expect((await svc().myRules(who.amina!)).current).toBeNull();

    // Only the coordinator publishes; bad input is a field error, never stored.
    const draft = {
      title: "Verhaltenskodex",
      body: "Ich bin neutral.\n\nIch schweige über das Gehörte.",
      basedOn: 0,
    };
    expect(await codeOf(svc().publishRules(who.amina!, parseInput(publishRulesInput, draft)))).toBe(
      "forbidden",
    );
    expect(await codeOf((async () => parseInput(publishRulesInput, { ...draft, title: "  " }))())).toBe(
      "required",
    );
    // A mediator with a mail address is asked by mail, in their language.
    await svc().create(
      who.coordinator!,
      parseInput(createVolunteerInput, {
        name: "Chiara Demir",
        email: "chiara@example.org",
        uiLanguage: "tr",
        status: "active",
        languages: [{ code: "tr", level: "native", oral: true, written: true }],
        areas: ["Kamen"],
        modes: ["phone"],
        settings: ["school"],
        certificates: [],
        availability: [],
        absences: [],
      }),
    );
    const v1 = await svc().publishRules(who.coordinator!, parseInput(publishRulesInput, draft));
    expect(v1.seq).toBe(1);
    const mail = (await ctx.services.mail.list(who.admin!, { limit: 200, offset: 0 })).items.find(
      (m) => m.to === "chiara@example.org",
    );
    expect(mail?.subject).toBe("Dil aracıları havuzunun yeni kuralları (sürüm 1)");
    // A second coordinator's form still based on "nothing" does not overwrite version 1.
    expect(await codeOf(svc().publishRules(who.coordinator!, parseInput(publishRulesInput, draft)))).toBe(
      "version_conflict",
    );

    // The staff home asks the volunteer until they acknowledge.
    const home = async (p: Principal) =>
      (await svc().home.items(p, "2026-06-01")).map((i) => [i.kind, i.count, i.entries.map((e) => e.title)]);
    expect(await home(who.amina!)).toEqual([["volunteers.rules_to_acknowledge", 1, ["Verhaltenskodex"]]]);
    // Amina acknowledges; a repeat keeps the first date.
    const mine = await svc().myRules(who.amina!);
    expect(mine).toMatchObject({
      linked: true,
      current: { seq: 1, title: "Verhaltenskodex" },
      acknowledgedAt: null,
    });
    const first = await svc().acknowledgeRules(
      who.amina!,
      parseInput(acknowledgeRulesInput, { versionId: v1.id, language: "de" }),
    );
    expect(first.acknowledgedAt).toBe(ctx.clock.now().toISOString());
    ctx.clock.advance(60_000);
    const again = await svc().acknowledgeRules(
      who.amina!,
      parseInput(acknowledgeRulesInput, { versionId: v1.id, language: "de" }),
    );
    expect(again.acknowledgedAt).toBe(first.acknowledgedAt);
    const acks = await ctx.services.audit.list(
      tenantId,
      { action: "acknowledge", entityType: "volunteer_rules", entityId: v1.id },
      { limit: 10, offset: 0 },
    );
    expect(acks).toHaveLength(1);
    const after1 = await overview();
    expect(after1.current).toMatchObject({ seq: 1, acknowledged: 1 });
    expect(after1.missing.map((m) => m.name)).toEqual(["Boris Iwanow", "Chiara Demir"]);
    expect(await home(who.amina!)).toEqual([]);
    expect(await home(who.coordinator!)).toEqual([
      ["volunteers.rules_missing", 2, ["Boris Iwanow", "Chiara Demir"]],
    ]);
    expect(await home(who.analyst!)).toEqual([]);

    // Version 2 asks everyone again; Amina's page left open on version 1 is refused.
    const v2 = await svc().publishRules(
      who.coordinator!,
      parseInput(publishRulesInput, { ...draft, body: `${draft.body}\n\nKeine Fotos.`, basedOn: 1 }),
    );
    expect(v2.seq).toBe(2);
    expect((await svc().myRules(who.amina!)).acknowledgedAt).toBeNull();
    expect(
      await codeOf(
        svc().acknowledgeRules(
          who.amina!,
          parseInput(acknowledgeRulesInput, { versionId: v1.id, language: "de" }),
        ),
      ),
    ).toBe("volunteers_rules_outdated");
    const after2 = await overview();
    expect(after2.versions.map((v) => [v.seq, v.acknowledged])).toEqual([
      [2, 0],
      [1, 1],
    ]);
    expect(after2.missing.find((m) => m.name === "Amina Warsame")).toMatchObject({
      lastSeq: 1,
      lastAt: first.acknowledgedAt,
    });

    // An account without a profile acknowledges nothing; the numbers stay the coordinator's.
    expect((await svc().myRules(who.unlinked!)).linked).toBe(false);
    expect(
      await codeOf(
        svc().acknowledgeRules(
          who.unlinked!,
          parseInput(acknowledgeRulesInput, { versionId: v2.id, language: "de" }),
        ),
      ),
    ).toBe("not_found");
    expect(await codeOf(svc().rulesOverview(who.amina!))).toBe("forbidden");
    expect(await codeOf(svc().myRules(who.analyst!))).toBe("forbidden");

    // Art. 15 lists the acknowledgements with their dates; Art. 17 takes them with the profile.
    await svc().acknowledgeRules(
      who.amina!,
      parseInput(acknowledgeRulesInput, { versionId: v2.id, language: "de" }),
    );
    const doc = (await svc().exportData(who.coordinator!, amina)) as {
      ruleAcknowledgements: { version: number; acknowledgedAt: string }[];
    };
    expect(doc.ruleAcknowledgements.map((a) => a.version)).toEqual([1, 2]);
    expect(doc.ruleAcknowledgements[0]!.acknowledgedAt).toBe(first.acknowledgedAt);
    await svc().erase(who.coordinator!, amina);
    const left = await ctx.handle.db
      .select()
      .from(volunteerRuleAcknowledgements)
      .where(eq(volunteerRuleAcknowledgements.volunteerId, amina));
    expect(left).toEqual([]);
    expect((await overview()).versions.map((v) => v.acknowledged)).toEqual([0, 0]);
  });

  it("answers the API: a volunteer reads and acknowledges, bad input is a field error", async () => {
    const cookie = await sessionCookieFor(ctx.services, tenantId, userIds.boris!);
    const api = (path: string, init: { method?: string; json?: unknown } = {}) =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1${path}`, {
        method: init.method ?? "GET",
        ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
        headers: {
          "content-type": "application/json",
          origin: TEST_BASE_URL,
          "accept-language": "de",
          cookie,
        },
      });
    expect((await api("/volunteer-rules")).status).toBe(403);
    const mine = (await (await api("/volunteer-rules/mine")).json()) as {
      current: { id: string; seq: number };
    };
    expect(mine.current.seq).toBe(2);
    const bad = await api("/volunteer-rules/mine/acknowledgement", {
      method: "POST",
      json: { versionId: "x" },
    });
    expect(bad.status).toBe(422);
    const ok = await api("/volunteer-rules/mine/acknowledgement", {
      method: "POST",
      json: { versionId: mine.current.id, language: "de" },
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { acknowledgedAt: string | null }).acknowledgedAt).toBe(
      ctx.clock.now().toISOString(),
    );
  });

  it("shows a version in the reader's language and blocks offers once its grace period has passed", async () => {
    // A translation needs title and text: one without the other is a field error at the blank one.
    const draft = { title: "Verhaltenskodex", body: "Ich bin neutral.", basedOn: 2 };
    let field = "";
    try {
      parseInput(publishRulesInput, { ...draft, translations: { ar: { title: "مدونة السلوك", body: " " } } });
    } catch (e) {
      field = isAppError(e) ? `${e.fields?.[0]?.field} ${e.fields?.[0]?.code}` : "";
    }
    expect(field).toBe("translations.ar.body required");
    const v3 = await svc().publishRules(
      who.coordinator!,
      parseInput(publishRulesInput, {
        ...draft,
        translations: {
          tr: { title: "Davranış kuralları", body: "Tarafsızım." },
          ar: { title: "مدونة السلوك", body: "أنا محايد." },
          ru: { title: "", body: "" },
        },
      }),
    );
    expect(v3.languages).toEqual(["de", "ar", "tr"]);
    // The coordinator's next version starts from these translations.
    expect((await svc().rulesOverview(who.coordinator!)).currentTranslations).toEqual([
      { language: "ar", title: "مدونة السلوك", body: "أنا محايد." },
      { language: "tr", title: "Davranış kuralları", body: "Tarafsızım." },
    ]);

    // Boris's profile is German; the page in Turkish shows the Turkish text and the German beside it.
    expect((await svc().myRules(who.boris!)).current).toMatchObject({ language: "de", source: null });
    const tr = await svc().myRules(who.boris!, "tr");
    expect(tr.current).toMatchObject({
      language: "tr",
      title: "Davranış kuralları",
      source: { title: "Verhaltenskodex", body: "Ich bin neutral." },
    });
    expect(tr.blocked).toBe(false);
    expect((await svc().myRules(who.boris!, "fa")).current?.language).toBe("de");
    expect(
      await codeOf(
        svc().acknowledgeRules(
          who.boris!,
          parseInput(acknowledgeRulesInput, { versionId: v3.id, language: "fa" }),
        ),
      ),
    ).toBe("volunteers_rules_language");

    // Inside the grace period Boris is still proposed for a Russian request.
    const { request: r } = await svc().createRequest(
      who.coordinator!,
      parseInput(createRequestInput, {
        institutionName: "Familienbüro Unna",
        contactName: "Herr Kurz",
        contactEmail: "kurz@example.org",
        language: "ru",
        mode: "phone",
        setting: "family",
        topic: "Beratung",
        date: "2026-06-29",
        startTime: "10:00",
        durationMinutes: 60,
      }),
    );
    const checked = await svc().applyEvent(who.coordinator!, r.id, { type: "check", version: r.version });
    const proposal = async () => {
      const m = await svc().proposeMatching(who.coordinator!);
      return {
        proposed: m.proposals.find((p) => p.requestId === r.id)?.volunteerId ?? null,
        unserved: m.unserved.find((u) => u.requestId === r.id) ?? null,
      };
    };
    expect((await proposal()).proposed).toBe(boris);

    // Fifteen days later the version binds: no proposal, no individual offer, a notice on his page.
    ctx.clock.advance(15 * 86_400_000);
    expect(await proposal()).toMatchObject({
      proposed: null,
      unserved: { reason: "none_fit", blocker: "rules" },
    });
    let why: unknown;
    try {
      await svc().applyEvent(who.coordinator!, r.id, {
        type: "offer",
        volunteerId: boris,
        version: checked.version,
      });
    } catch (e) {
      why = isAppError(e) ? e.fields?.[0] : e;
    }
    expect(why).toMatchObject({ code: "volunteers_unfit", params: { why: "rules" } });
    expect((await svc().myRules(who.boris!)).blocked).toBe(true);

    // He acknowledges the Turkish text: recorded with its language, and offers work again.
    const ack = await svc().acknowledgeRules(
      who.boris!,
      parseInput(acknowledgeRulesInput, { versionId: v3.id, language: "tr" }),
    );
    expect(ack).toMatchObject({ acknowledgedLanguage: "tr", blocked: false, current: { language: "tr" } });
    const offered = await svc().applyEvent(who.coordinator!, r.id, {
      type: "offer",
      volunteerId: boris,
      version: checked.version,
    });
    expect(offered.state).toBe("offered");
    const doc = (await svc().exportData(who.coordinator!, boris)) as {
      ruleAcknowledgements: { version: number; language: string }[];
    };
    expect(doc.ruleAcknowledgements.map((a) => [a.version, a.language])).toEqual([
      [2, "de"],
      [3, "tr"],
    ]);
  });
});
