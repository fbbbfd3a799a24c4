import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import { createFrameworkTermInput } from "./contracts.ts";
import { FRAMEWORK_TEMPLATES } from "./templates/index.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const asRole = (tenantId: string, role: Principal["grants"][number]["role"]): Principal => ({
  userId: "00000000-0000-7000-8000-00000000000a",
  tenantId,
  sessionId: "s",
  grants: [{ role, scopeType: "tenant", scopeId: null }],
  mfaSatisfied: true,
});

async function countsPerAxis(tenantId: string) {
  const axes = await ctx.services.framework.list(tenantId, "de");
  return Object.fromEntries(axes.map((a) => [a.kind, a.terms.length]));
}

describe("framework templates", () => {
  it("are offered for tenant creation", () => {
    expect(FRAMEWORK_TEMPLATES.map((t) => t.key)).toEqual(["luenen", "unna", "herdecke", "luener-dialog"]);
  });

  it("Unna: seven milestones, five fields, two cross-cutting themes, six map categories — applied on tenant creation", async () => {
    const t = await ctx.services.tenants.create({
      slug: "unna-t",
      name: "Kreisstadt Unna",
      kind: "municipality",
      frameworkTemplate: "unna",
    });
    const counts = await countsPerAxis(t.id);
    expect(counts).toMatchObject({
      life_phase: 7,
      field_of_action: 5,
      cross_cutting_theme: 2,
      offer_category: 6,
    });
    const axes = await ctx.services.framework.list(t.id, "de");
    const categories = axes.find((a) => a.kind === "offer_category")!.terms.map((x) => x.label?.text);
    expect(categories).toEqual([
      "Beratungs- und Integrationsangebote",
      "Sprachangebote",
      "Politik und Behörden",
      "Freizeit und Austausch",
      "Bildung und Beruf",
      "Religion",
    ]);
    const milestones = axes.find((a) => a.kind === "life_phase")!.terms;
    expect(milestones[0]!.label?.text).toBe("Eintritt in die Elternschaft / Geburt");
    expect(milestones[6]!.label?.text).toBe("Übergang in den Ruhestand");
  });

  it("Lünen: six fields HF1–HF6 and the integration phases up to detachment", async () => {
    const t = await ctx.services.tenants.create({
      slug: "luenen-t",
      name: "Stadt Lünen",
      kind: "municipality",
      frameworkTemplate: "luenen",
    });
    expect(await countsPerAxis(t.id)).toMatchObject({ field_of_action: 6, integration_phase: 5 });
    const axes = await ctx.services.framework.list(t.id, "de");
    const fields = axes.find((a) => a.kind === "field_of_action")!.terms;
    expect(fields.map((f) => f.code)).toEqual(["HF1", "HF2", "HF3", "HF4", "HF5", "HF6"]);
    expect(fields[0]!.label?.text).toBe("Frühe Hilfen");
    const phases = axes.find((a) => a.kind === "integration_phase")!.terms.map((p) => p.label?.text);
    expect(phases).toEqual(["Ankommen", "Orientierung", "Eingewöhnung", "Integration", "Ablösung"]);
  });

  it("Herdecke and the Lüner Dialog: four fields each", async () => {
    for (const [slug, template] of [
      ["herdecke-t", "herdecke"],
      ["dialog-t", "luener-dialog"],
    ] as const) {
      const t = await ctx.services.tenants.create({
        slug,
        name: slug,
        kind: "municipality",
        frameworkTemplate: template,
      });
      expect(await countsPerAxis(t.id)).toMatchObject({ field_of_action: 4 });
    }
  });

  it("ships every text in all seven languages as drafts, and applying twice changes nothing", async () => {
    const t = await ctx.services.tenants.create({
      slug: "unna-ar",
      name: "Unna AR",
      kind: "municipality",
      frameworkTemplate: "unna",
    });
    const ar = await ctx.services.framework.list(t.id, "ar");
    const lang = ar.find((a) => a.kind === "cross_cutting_theme")!;
    expect(lang.label).toMatchObject({
      text: "المواضيع الشاملة",
      lang: "ar",
      status: "draft",
      isFallback: false,
    });
    expect(lang.terms[1]!.label?.text).toBe("اللغة");
    for (const a of ar) for (const term of a.terms) expect(term.label?.isFallback).toBe(false);
    // Einfache Sprache is not shipped: it falls back to German.
    const simple = await ctx.services.framework.list(t.id, "de-simple");
    expect(simple[0]!.terms[0]!.label).toMatchObject({ lang: "de", isFallback: true });

    expect(await ctx.services.framework.applyTemplate(t.id, "unna")).toEqual({ axes: 0, terms: 0 });
    expect((await countsPerAxis(t.id)).offer_category).toBe(6);
  });

  it("an unknown template refuses the tenant with a field error and leaves nothing behind", async () => {
    await expect(
      ctx.services.tenants.create({
        slug: "nowhere",
        name: "X",
        kind: "municipality",
        frameworkTemplate: "atlantis",
      }),
    ).rejects.toMatchObject({ code: "validation_failed", fields: [{ field: "frameworkTemplate" }] });
    expect(await ctx.services.tenants.bySlug("nowhere")).toBeUndefined();
  });
});

describe("framework terms", () => {
  it("edits with version checks: a stale edit is refused and nothing is overwritten; German edits outdate translations", async () => {
    const t = await ctx.services.tenants.create({
      slug: "edit-t",
      name: "Edit",
      kind: "municipality",
      frameworkTemplate: "herdecke",
    });
    const coord = asRole(t.id, "coordinator");
    const fw = ctx.services.framework;
    const [axis] = await fw.listForStaff(coord, t.id, "de");
    const term = axis!.terms[0]!;
    expect(term.translations.en!.label!.status).toBe("draft");

    const first = await fw.updateTerm(coord, t.id, term.id, {
      version: term.version,
      label: "Ausbildung, Arbeit und Beruf",
    });
    expect(first.version).toBe(term.version + 1);
    await expect(
      fw.updateTerm(coord, t.id, term.id, { version: term.version, label: "Zweiter Tab" }),
    ).rejects.toMatchObject({ code: "version_conflict" });

    const [after] = await fw.listForStaff(coord, t.id, "en");
    const edited = after!.terms.find((x) => x.id === term.id)!;
    expect(edited.translations.de!.label!.text).toBe("Ausbildung, Arbeit und Beruf");
    expect(edited.translations.en!.label!.status).toBe("outdated");
    expect(edited.label).toMatchObject({ lang: "en", status: "outdated" });

    // Translating again with the version read makes it current; a stale translation version is refused.
    const cell = edited.translations.en!.label!;
    await fw.setTermTranslation(coord, t.id, term.id, "en", {
      field: "label",
      text: "Vocational training, work and career",
      status: "reviewed",
      version: cell.version,
    });
    await expect(
      fw.setTermTranslation(coord, t.id, term.id, "en", {
        field: "label",
        text: "Stale",
        status: "draft",
        version: cell.version,
      }),
    ).rejects.toMatchObject({ code: "version_conflict" });
    const en = await fw.list(t.id, "en");
    expect(en[0]!.terms.find((x) => x.id === term.id)!.label).toMatchObject({
      text: "Vocational training, work and career",
      status: "reviewed",
    });

    const log = await ctx.services.audit.list(
      t.id,
      { entityType: "framework_term", entityId: term.id },
      { limit: 10, offset: 0 },
    );
    expect(log.map((l) => l.action).sort()).toEqual(["translate", "update"]);
    const update = log.find((l) => l.action === "update")!;
    expect(update.changes).toMatchObject({
      label: { old: "Ausbildung und Arbeit", new: "Ausbildung, Arbeit und Beruf" },
    });
  });

  it("adds, deactivates and reorders terms; only admin and coordinator may", async () => {
    const t = await ctx.services.tenants.create({
      slug: "add-t",
      name: "Add",
      kind: "municipality",
      frameworkTemplate: "luener-dialog",
    });
    const fw = ctx.services.framework;
    const admin = asRole(t.id, "admin");
    const axis = (await fw.list(t.id, "de")).find((a) => a.kind === "field_of_action")!;
    await expect(
      fw.createTerm(asRole(t.id, "case_worker"), t.id, { axisId: axis.id, label: "Gesundheit" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    // Raw input goes through the operation's contract, as the API and the page send it.
    const createRaw = (input: unknown) => async () =>
      fw.createTerm(admin, t.id, parseInput(createFrameworkTermInput, input));
    await expect(createRaw({ axisId: axis.id, label: "" })).rejects.toMatchObject({
      fields: [{ field: "label", code: "required" }],
    });
    await expect(createRaw({ axisId: axis.id, label: "x".repeat(201) })).rejects.toMatchObject({
      fields: [{ field: "label", code: "too_long" }],
    });
    const added = await fw.createTerm(admin, t.id, {
      axisId: axis.id,
      label: "Gesundheit und Pflege",
      code: "HF5",
    });
    expect(added).toMatchObject({ key: "gesundheit-und-pflege", sort: 4, code: "HF5" });
    const child = await fw.createTerm(admin, t.id, { axisId: axis.id, label: "Pflege", parentId: added.id });
    await expect(
      fw.updateTerm(admin, t.id, added.id, { version: added.version, parentId: child.id }),
    ).rejects.toMatchObject({
      fields: [{ field: "parentId", code: "invalid_parent" }],
    });
    const inEnglish = await fw.list(t.id, "en");
    expect(inEnglish[0]!.terms.find((x) => x.id === added.id)!.label).toMatchObject({
      text: "Gesundheit und Pflege",
      lang: "de",
      isFallback: true,
    });

    await fw.updateTerm(admin, t.id, child.id, { version: child.version, active: false });
    expect((await fw.list(t.id, "de"))[0]!.terms.map((x) => x.id)).not.toContain(child.id);

    const staff = (await fw.listForStaff(admin, t.id, "de"))[0]!.terms;
    const reversed = [...staff].reverse().map((x) => ({ id: x.id, version: x.version }));
    await fw.reorderTerms(admin, t.id, axis.id, reversed);
    const again = (await fw.listForStaff(admin, t.id, "de"))[0]!.terms;
    expect(again.map((x) => x.id)).toEqual(reversed.map((x) => x.id));
    await expect(fw.reorderTerms(admin, t.id, axis.id, reversed)).rejects.toMatchObject({
      code: "version_conflict",
    });
  });
});

describe("framework API", () => {
  it("lists in the reader's language, edits with versions, and refuses roles without framework.update", async () => {
    const t = await ctx.services.tenants.create({
      slug: "default-api",
      name: "API",
      kind: "municipality",
      frameworkTemplate: "unna",
      hostnames: ["lotse.test"],
    });
    const { user: coordinator } = await createUserWithRole(ctx.services, t.id, "coordinator");
    const { user: volunteer } = await createUserWithRole(ctx.services, t.id, "volunteer");
    const cookie = await sessionCookieFor(ctx.services, t.id, coordinator.id);
    const volunteerCookie = await sessionCookieFor(ctx.services, t.id, volunteer.id);
    const json = { "content-type": "application/json", origin: TEST_BASE_URL };

    const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/framework?lang=tr`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      lang: string;
      axes: {
        kind: string;
        id: string;
        terms: { id: string; version: number; label: { text: string; lang: string } }[];
      }[];
    };
    expect(body.lang).toBe("tr");
    const cats = body.axes.find((a) => a.kind === "offer_category")!;
    expect(cats.terms[5]!.label).toMatchObject({ text: "Din", lang: "tr" });

    const anonymous = await ctx.app.request(`${TEST_BASE_URL}/api/v1/framework`);
    expect(anonymous.status).toBe(401);

    const created = await ctx.app.request(`${TEST_BASE_URL}/api/v1/framework/terms`, {
      method: "POST",
      headers: { ...json, cookie },
      body: JSON.stringify({ axisId: cats.id, label: "Gesundheit" }),
    });
    expect(created.status).toBe(201);
    const term = (await created.json()) as { id: string; version: number };

    const forbidden = await ctx.app.request(`${TEST_BASE_URL}/api/v1/framework/terms/${term.id}`, {
      method: "PATCH",
      headers: { ...json, cookie: volunteerCookie },
      body: JSON.stringify({ version: term.version, label: "X" }),
    });
    expect(forbidden.status).toBe(403);

    const patch = (version: number, label: string) =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1/framework/terms/${term.id}`, {
        method: "PATCH",
        headers: { ...json, cookie, "accept-language": "de" },
        body: JSON.stringify({ version, label }),
      });
    expect((await patch(term.version, "Gesundheit und Pflege")).status).toBe(200);
    const stale = await patch(term.version, "Gesundheit (alt)");
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { code: string }).code).toBe("version_conflict");

    const put = await ctx.app.request(`${TEST_BASE_URL}/api/v1/framework/terms/${term.id}/translations/fa`, {
      method: "PUT",
      headers: { ...json, cookie },
      body: JSON.stringify({ field: "label", text: "سلامت و مراقبت", status: "draft", version: 0 }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ lang: "fa", field: "label", status: "draft", version: 1 });

    const tooLong = await ctx.app.request(
      `${TEST_BASE_URL}/api/v1/framework/terms/${term.id}/translations/en`,
      {
        method: "PUT",
        headers: { ...json, cookie },
        body: JSON.stringify({ field: "label", text: "x".repeat(500), status: "draft", version: 0 }),
      },
    );
    expect(tooLong.status).toBe(422);

    const badLang = await ctx.app.request(
      `${TEST_BASE_URL}/api/v1/framework/terms/${term.id}/translations/xx`,
      {
        method: "PUT",
        headers: { ...json, cookie },
        body: JSON.stringify({ field: "label", text: "x", status: "draft", version: 0 }),
      },
    );
    expect(badLang.status).toBe(422);
  });
});
