// Admin pages of the platform: tenant settings (a stale second tab loses nothing and overwrites
// nothing), the audit log view (filters work without JavaScript) and the mail outbox.
import { describe, expect, it } from "vitest";
import { message } from "./i18n.ts";
import { expectAxeClean, loginAs, newPage, setupBrowser } from "./support.ts";

setupBrowser();

describe("tenant settings", () => {
  it("a stale second tab gets a conflict message and keeps its input", async () => {
    const tabA = await newPage("de");
    const tabB = await newPage("de");
    await loginAs(tabA, "admin", "de");
    await loginAs(tabB, "admin", "de");
    await tabA.goto("/staff/settings");
    await tabB.goto("/staff/settings");
    await expectAxeClean(tabA);

    await tabA.locator('input[name="contactEmail"]').fill("tab-a@unna.example");
    await tabA.getByRole("button", { name: message("de", "common.save") }).click();
    await expect.poll(() => tabA.getByRole("status").textContent()).toBe(message("de", "settings.saved"));

    await tabB.locator('input[name="contactEmail"]').fill("tab-b@unna.example");
    await tabB.getByRole("button", { name: message("de", "common.save") }).click();
    const alert = tabB.getByRole("alert");
    await expect.poll(() => alert.textContent()).toContain(message("de", "settings.conflict_title"));
    expect(await alert.textContent()).toContain("tab-a@unna.example");
    // Nothing lost: the second tab still shows what was typed there.
    expect(await tabB.locator('input[name="contactEmail"]').inputValue()).toBe("tab-b@unna.example");
    await expectAxeClean(tabB);

    // Saving again, knowingly, replaces the other tab's value.
    await tabB.getByRole("button", { name: message("de", "settings.save_anyway") }).click();
    await expect.poll(() => tabB.getByRole("status").textContent()).toBe(message("de", "settings.saved"));
    await tabB.reload();
    expect(await tabB.locator('input[name="contactEmail"]').inputValue()).toBe("tab-b@unna.example");

    // A field error shows beside the field; then clean up.
    await tabB.locator('input[name="contactEmail"]').fill("not an address");
    await tabB.getByRole("button", { name: message("de", "common.save") }).click();
    await expect
      .poll(() => tabB.locator("#f-contactEmail-error").textContent())
      .toBe(message("de", "validation.invalid_email"));
    expect(await tabB.locator('input[name="contactEmail"]').getAttribute("aria-invalid")).toBe("true");
    await tabB.locator('input[name="contactEmail"]').fill("");
    await tabB.getByRole("button", { name: message("de", "common.save") }).click();
    await expect.poll(() => tabB.getByRole("status").textContent()).toBe(message("de", "settings.saved"));
  });

  it("the small-cell rule is set on the page, with errors per field", async () => {
    const page = await newPage("de");
    await loginAs(page, "admin", "de");
    await page.goto("/staff/settings");
    const minCount = page.locator('input[name="smallCells.minCount"]');
    expect(await minCount.inputValue()).toBe("5");
    await minCount.fill("fünf");
    await page.locator('input[name="smallCells.minNumerator"]').fill("0");
    await page.getByRole("button", { name: message("de", "common.save") }).click();
    await expect.poll(() => page.locator('[id="f-smallCells.minCount-error"]').count()).toBe(1);
    expect(await page.locator('[id="f-smallCells.minNumerator-error"]').count()).toBe(1);
    // What was typed stays in the form.
    expect(await minCount.inputValue()).toBe("fünf");
    expect(await minCount.getAttribute("aria-invalid")).toBe("true");
    await expectAxeClean(page);

    await minCount.fill("7");
    await page.locator('input[name="smallCells.minNumerator"]').fill("3");
    await page.getByRole("button", { name: message("de", "common.save") }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe(message("de", "settings.saved"));
    await page.reload();
    expect(await minCount.inputValue()).toBe("7");
    // Back to the default, so other tests see the demo's rule.
    await minCount.fill("5");
    await page.getByRole("button", { name: message("de", "common.save") }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe(message("de", "settings.saved"));
  });

  it("coordinators see the settings read-only", async () => {
    const page = await newPage("ar");
    await loginAs(page, "coordinator", "ar");
    await page.goto("/staff/settings");
    expect(await page.locator("h1").textContent()).toBe(message("ar", "settings.title"));
    expect(
      await page.locator('button[type="submit"]', { hasText: message("ar", "common.save") }).count(),
    ).toBe(0);
    await expectAxeClean(page);
  });
});

describe("audit log view", () => {
  it("filters with a plain GET form (no JavaScript) and shows old → new", async () => {
    const page = await newPage("de", { javaScriptEnabled: false });
    await loginAs(page, "admin", "de");
    await page.goto("/staff/audit");
    await page.locator('input[name="entityType"]').fill("tenant");
    // The demo seed created the tenant: that entry always exists.
    await page.locator('input[name="action"]').fill("create");
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get("entityType") === "tenant"),
      page.getByRole("button", { name: message("de", "audit.filter_submit") }).click(),
    ]);
    const rows = page.locator("table.audit-table tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.count()).toBe(1);
    const row = await rows.first().textContent();
    expect(row).toContain("Kreisstadt Unna");
    expect(row).toContain(message("de", "audit.action_create"));
    // (axe needs JavaScript in the page; the JavaScript-enabled audit page is checked below.)

    await page.goto("/staff/audit?from=2026-02-30");
    expect(await page.locator("#f-from-error").textContent()).toBe(message("de", "validation.invalid_date"));
  });

  it("is right-to-left in Arabic and axe-clean", async () => {
    const page = await newPage("ar");
    await loginAs(page, "admin", "ar");
    await page.goto("/staff/audit");
    expect(await page.locator("h1").textContent()).toBe(message("ar", "audit.title"));
    await expectAxeClean(page);
  });
});

describe("mail outbox", () => {
  it("lists mails and opens one", async () => {
    const page = await newPage("de");
    await loginAs(page, "admin", "de");
    // A password-reset request produces a mail into the outbox (no SMTP in the test server).
    const res = await page.request.post("/api/v1/auth/password-reset/request", {
      data: { email: "volunteer@demo.lotse.example" },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(res.status()).toBeLessThan(300);
    await page.goto("/staff/outbox");
    await expect
      .poll(async () => {
        await page.reload();
        return page.locator("table tbody tr").count();
      })
      .toBeGreaterThan(0);
    await expectAxeClean(page);
    await page.locator("table tbody tr a").first().click();
    await page.waitForURL((u) => /\/staff\/outbox\/.+/.test(u.pathname));
    expect(await page.locator("pre.mail-body").first().textContent()).toBeTruthy();
    await expectAxeClean(page);
  });
});
