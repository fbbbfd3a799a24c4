// One whole case in the browser, with the server's clock injected: a case worker runs a household
// from the first home visit to closure, the partner answers the referral, and the retention run
// deletes the case after the tenant's period (3 years), not before. The audit log is checked at
// every step.
//
// The clock: this file starts its own server with NODE_ENV=test and LOTSE_TEST_CLOCK_FILE (see
// src/composition/runtime.ts, honoured only in test mode); the test moves time by rewriting that file.
// The retention run is triggered the way an administrator can always trigger it
// (POST /api/v1/retention/run); the daily job runs the same code.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "../setup/server-process.ts";
import {
  apiLogin,
  demoUser,
  expectAxeClean,
  newPage,
  seededDataDir,
  setupBrowser,
  submitLoginForm,
} from "./support.ts";

setupBrowser();

let server: ServerProcess;
let dataDir: string;
let clockFile: string;
const DAY = 86_400_000;
let now = new Date();

function setClock(d: Date) {
  now = d;
  fs.writeFileSync(clockFile, d.toISOString());
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lotse-whole-case-"));
  clockFile = path.join(dataDir, "clock.txt");
  // Real time at the start: the browser's cookies must not look expired.
  setClock(new Date());
  server = await startServerProcess({
    dataDir: seededDataDir("", path.join(dataDir, "data")),
    env: { NODE_ENV: "test", LOTSE_TEST_CLOCK_FILE: clockFile, DEMO: "on" },
  });
});
afterAll(async () => {
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const abs = (p: string) => `${server.baseUrl}${p}`;

/** Staff pages hydrate: wait until React owns the forms, or a choice made earlier may be reset. */
async function open(page: Page, p: string) {
  const res = await page.goto(abs(p));
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => {
    const form = document.querySelector("main form");
    return !form || Object.keys(form).some((k) => k.startsWith("__reactFiber$"));
  });
  return res;
}

async function login(role: Parameters<typeof demoUser>[0]): Promise<Page> {
  const page = await newPage("de");
  await page.goto(abs("/de/login"));
  await submitLoginForm(page, demoUser(role));
  return page;
}

type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string | null;
  actorKind: string;
  changes: Record<string, { old: unknown; new: unknown }> | null;
  reason: string | null;
};

/** The audit log as the administrator sees it (a fresh API session each time: the clock moves). */
async function audit(query: Record<string, string>): Promise<AuditEntry[]> {
  const cookie = await apiLogin(server.baseUrl, demoUser("admin"));
  const res = await fetch(abs(`/api/v1/audit?${new URLSearchParams({ limit: "200", ...query })}`), {
    headers: { cookie },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: AuditEntry[] }).items;
}
const aboutCase = (caseId: string) => (e: AuditEntry) =>
  e.entityId === caseId || (e.changes?.caseId?.new as string | undefined) === caseId;

async function submitIntent(
  page: Page,
  intent: string,
  fill: (form: ReturnType<Page["locator"]>) => Promise<void>,
) {
  const form = page.locator(`form:has(input[name="intent"][value="${intent}"])`).first();
  await fill(form);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/staff/")),
    form.locator('button[type="submit"]').first().click(),
  ]);
  await page.waitForLoadState("networkidle");
}

describe("a whole case, from the first home visit to deletion", () => {
  const suffix = Math.random().toString(36).slice(2, 8);
  const givenName = `Samira${suffix}`;
  let caseId = "";
  let referralId = "";

  it("0. the case worker takes in a household", async () => {
    const page = await login("case_worker");
    await open(page, "/staff/cases/new");
    await page.locator('input[name="label"]').fill(`Familie W., ${suffix}`);
    const office = page.locator('select[name="officeId"]');
    const firstOffice = await office.locator("option").nth(1).getAttribute("value");
    await office.selectOption(firstOffice!);
    await page.locator('input[name="p0_givenName"]').fill(givenName);
    await page.locator('input[name="p0_familyName"]').fill(`Wolf${suffix}`);
    await page.locator('input[name="p0_birthDate"]').fill("1990-04-12");
    await Promise.all([
      page.waitForURL(/\/staff\/cases\/[0-9a-f-]{36}/),
      page.locator('form.case-intake button[type="submit"]').last().click(),
    ]);
    caseId = /\/staff\/cases\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const entries = await audit({ entityType: "case", entityId: caseId });
    expect(entries.some((e) => e.action === "create")).toBe(true);
  });

  it("1. home visit", async () => {
    const page = await login("case_worker");
    await open(page, `/staff/cases/${caseId}`);
    await submitIntent(page, "contact", async (form) => {
      await form.locator('select[name="kind"]').selectOption("home_visit");
      const visit = new Date(now.getTime() - 3 * 3_600_000).toISOString().slice(0, 16);
      await form.locator('input[name="occurredAt"]').fill(visit);
      await form.locator('textarea[name="note"]').fill("Erster Hausbesuch, Familie gut angekommen.");
    });
    const entries = (await audit({ entityType: "case_contact", action: "create" })).filter(aboutCase(caseId));
    expect(entries).toHaveLength(1);
    // The note is encrypted content: the audit entry names fields, not the text.
    expect(JSON.stringify(entries)).not.toContain("Hausbesuch");
  });

  it("2. needs captured", async () => {
    const page = await login("case_worker");
    await open(page, `/staff/cases/${caseId}`);
    await submitIntent(page, "need_add", async (form) => {
      await form.locator('select[name="domain"]').selectOption("language");
    });
    const entries = (await audit({ entityType: "case_need", action: "create" })).filter(aboutCase(caseId));
    expect(entries).toHaveLength(1);
  });

  it("3. referral with consent: blocked first, then sent once the consent is recorded", async () => {
    const page = await login("case_worker");
    await open(page, `/staff/cases/${caseId}/referrals`);
    const target = page.locator('select[name="target"] option', { hasText: "IN VIA Unna e.V." }).first();
    const targetValue = (await target.getAttribute("value"))!;
    const sendReferral = async () => {
      await page.locator('select[name="personId"]').selectOption({ index: 1 });
      await page.locator('select[name="kind"]').selectOption("language_course");
      await page.locator('select[name="target"]').selectOption(targetValue);
      await page.locator('input[name="shareGivenName"]').check();
      await page.locator('textarea[name="note"]').fill("Sucht einen Integrationskurs am Vormittag.");
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.locator('form:has(input[name="intent"][value="create"]) button[type="submit"]').click(),
      ]);
      await page.waitForLoadState("networkidle");
    };
    await sendReferral();
    await page.locator(".error-summary", { hasText: "Einwilligung" }).waitFor();

    await open(page, `/staff/cases/${caseId}/consents`);
    await page.locator('select[name="personId"]').selectOption({ index: 1 });
    await page.locator('select[name="purpose"]').selectOption("referral");
    await page.locator('select[name="recipient"]').selectOption(targetValue);
    await page.locator('select[name="form"]').selectOption("written");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator('form:has(input[name="intent"][value="record"]) button[type="submit"]').click(),
    ]);
    await page.waitForLoadState("networkidle");
    expect(await page.locator(".error-summary, .field-error").allTextContents()).toEqual([]);
    // The list revalidates after the action.
    await page.locator("table", { hasText: "gültig" }).first().waitFor();
    await expectAxeClean(page);

    await open(page, `/staff/cases/${caseId}/referrals`);
    await sendReferral();
    await page.locator("table", { hasText: "gesendet" }).first().waitFor();
    const created = (await audit({ entityType: "referral", action: "create" })).filter(aboutCase(caseId));
    expect(created).toHaveLength(1);
    referralId = created[0]!.entityId!;
    expect(created[0]!.changes?.consentId?.new).toBeTruthy();
    expect((await audit({ entityType: "consent", action: "create" })).length).toBeGreaterThan(0);
  });

  it("4. the partner sees only the shared fields and accepts", async () => {
    const page = await login("partner_staff");
    await open(page, "/staff/referrals");
    const body = (await page.locator("main").textContent()) ?? "";
    expect(body).toContain(givenName);
    expect(body).not.toContain(`Wolf${suffix}`);
    expect(await page.content()).not.toContain(caseId);
    await open(page, `/staff/referrals/${referralId}`);
    await expectAxeClean(page);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator('button[name="decision"][value="accepted"]').click(),
    ]);
    await page.waitForLoadState("networkidle");
    // The partner never reaches the case.
    const res = await open(page, `/staff/cases/${caseId}`);
    expect(res?.status()).toBe(403);
    const entries = await audit({ entityType: "referral", entityId: referralId });
    expect(entries.some((e) => e.action === "accept")).toBe(true);
    expect(entries.some((e) => e.action === "read")).toBe(true);
  });

  it("5. outcome recorded, and the case worker sees it on the case", async () => {
    const page = await login("partner_staff");
    await open(page, `/staff/referrals/${referralId}`);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator('button[name="outcome"][value="completed"]').click(),
    ]);
    await page.waitForLoadState("networkidle");
    const entries = await audit({ entityType: "referral", entityId: referralId, action: "outcome" });
    expect(entries).toHaveLength(1);
    const worker = await login("case_worker");
    await open(worker, `/staff/cases/${caseId}/referrals`);
    await worker.locator("table", { hasText: "abgeschlossen" }).first().waitFor();
  });

  it("6. phase change", async () => {
    const page = await login("case_worker");
    await open(page, `/staff/cases/${caseId}`);
    await submitIntent(page, "phase", async (form) => {
      await form.locator('select[name="toPhase"]').selectOption("orientierung");
      await form.locator('textarea[name="reason"]').fill("Erste Schritte sind geschafft.");
    });
    const entries = await audit({ entityType: "case", entityId: caseId, action: "phase_change" });
    expect(entries).toHaveLength(1);
  });

  it("7. closure", async () => {
    const page = await login("case_worker");
    await open(page, `/staff/cases/${caseId}`);
    await submitIntent(page, "close", async (form) => {
      await form.locator('select[name="reason"]').selectOption({ index: 1 });
    });
    const entries = await audit({ entityType: "case", entityId: caseId, action: "close" });
    expect(entries).toHaveLength(1);
    const due = entries[0]!.changes?.retentionDueOn?.new as string;
    expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("8. the retention run deletes the case after the period, and not before", async () => {
    const closed = (await audit({ entityType: "case", entityId: caseId, action: "close" }))[0]!;
    const due = new Date(`${closed.changes!.retentionDueOn!.new as string}T12:00:00Z`);
    const run = async () => {
      const cookie = await apiLogin(server.baseUrl, demoUser("admin"));
      const res = await fetch(abs("/api/v1/retention/run"), {
        method: "POST",
        headers: { cookie, origin: server.baseUrl },
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { deletedCases: number; today: string };
    };
    // The day before: nothing happens.
    setClock(new Date(due.getTime() - DAY));
    expect((await run()).deletedCases).toBe(0);
    expect(await audit({ entityId: caseId, action: "retention_delete" })).toHaveLength(0);
    // On the due day: the case and everything hanging off it are gone.
    setClock(due);
    const result = await run();
    expect(result.deletedCases).toBeGreaterThanOrEqual(1);
    const deleted = await audit({ entityId: caseId, action: "retention_delete" });
    expect(deleted).toHaveLength(1);
    expect(deleted[0]!.actorKind).toBe("system");
    // No personal data anywhere in the log about it.
    const all = JSON.stringify([
      ...(await audit({ entityType: "person" })),
      ...(await audit({ entityType: "household" })),
      ...(await audit({})),
    ]);
    expect(all).not.toContain(givenName);
    expect(all).not.toContain(`Wolf${suffix}`);
    const page = await login("case_worker");
    const res = await open(page, `/staff/cases/${caseId}`);
    expect(res?.status()).toBe(404);
    expect(now.getTime()).toBe(due.getTime());
  });
});
