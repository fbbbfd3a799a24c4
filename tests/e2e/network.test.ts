// Bodies and meetings in the browser: a coordinator schedules a meeting of the Lüner Dialog's
// steering group, invites, runs it (attendance, a decision, an action item) and publishes the
// minutes; a board member follows the open action items in Arabic; a resident reads the public
// meeting calendar and published minutes in Arabic without JavaScript. axe-clean in de and ar.
import { describe, expect, it } from "vitest";
import { message } from "./i18n.ts";
import { expectAxeClean, loginAs, newPage, setupBrowser } from "./support.ts";

setupBrowser();

const m = (key: string, values?: Record<string, string | number>) => message("de", `network.${key}`, values);

describe("network", () => {
  it("schedules, invites, runs a meeting and publishes its minutes", async () => {
    const page = await newPage("de");
    await loginAs(page, "coordinator", "de");
    await page.goto("/staff/network");
    await expectAxeClean(page);
    await page.getByRole("link", { name: "Lenkungsgruppe Lüner Dialog" }).click();
    await page.getByLabel(m("meeting_title")).fill("Sondersitzung Jahreskonferenz");
    const year = new Date().getFullYear() + 1;
    await page.getByLabel(m("starts_at")).fill(`${year}-05-04T18:00`);
    await page.getByLabel(m("place")).selectOption({ index: 1 });
    await page.getByRole("button", { name: m("schedule") }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Sondersitzung Jahreskonferenz");
    await expectAxeClean(page);

    await page.getByLabel(m("item_number")).fill("1");
    await page.getByLabel(m("item_title")).fill("Programm der Jahreskonferenz");
    await page.getByRole("button", { name: m("add_agenda_item") }).click();
    await expect
      .poll(() => page.getByRole("heading", { name: /Programm der Jahreskonferenz/ }).count())
      .toBe(1);
    await page.getByRole("button", { name: m("invite") }).click();
    await expect.poll(() => page.getByText(m("state_invited")).count()).toBeGreaterThan(0);

    await page.getByRole("checkbox", { name: /^Bürgermeister \(Vorsitz\)/ }).check();
    await page.getByRole("checkbox", { name: /^Gleichstellungsbeauftragte/ }).check();
    await page.getByRole("button", { name: m("save_attendance") }).click();
    await expect.poll(() => page.getByText(m("state_held")).count()).toBeGreaterThan(0);

    // The forms of an agenda item sit in a <details> that stays open across submissions.
    const openRecordForm = async () => {
      const details = page.locator("details", { hasText: m("record_for", { number: "1" }) });
      if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
        await details.locator("summary").click();
    };
    // Three votes with two present: refused at the field, nothing saved.
    await openRecordForm();
    await page.getByLabel(m("decision_text")).fill("Die Jahreskonferenz findet im Mai statt.");
    await page.getByLabel(m("votes_yes")).fill("3");
    await page.getByRole("button", { name: m("record_decision") }).click();
    await expect.poll(() => page.locator(".field-invalid, [aria-invalid=true]").count()).toBeGreaterThan(0);
    await expectAxeClean(page);
    await page.getByLabel(m("votes_yes")).fill("2");
    await page.getByRole("button", { name: m("record_decision") }).click();
    await expect.poll(() => page.getByText("Die Jahreskonferenz findet im Mai statt.").count()).toBe(1);

    await openRecordForm();
    await page.getByLabel(m("action_title")).fill("Einladungen zur Jahreskonferenz versenden");
    await page.getByLabel(m("owner")).fill("Büro Bürgermeister");
    await page.getByLabel(m("due_date")).fill(`${year}-04-15`);
    await page.getByRole("button", { name: m("record_action_item") }).click();
    await expect.poll(() => page.getByText(/Einladungen zur Jahreskonferenz versenden/).count()).toBe(1);

    await page.getByRole("button", { name: m("minutes_to_approved") }).click();
    await page.getByRole("button", { name: m("minutes_to_published") }).click();
    await expect.poll(() => page.getByText(m("minutes_published")).count()).toBeGreaterThan(0);
    await expectAxeClean(page);
  });

  it("shows a board member every open action item, overdue first, in Arabic", async () => {
    const page = await newPage("ar");
    await loginAs(page, "board_member", "ar");
    await page.goto("/staff/network/follow-up");
    expect(await page.locator("h1").textContent()).toBe(message("ar", "network.follow_up_title"));
    const firstRow = page.getByRole("row").nth(1);
    expect(await firstRow.textContent()).toContain(message("ar", "network.overdue"));
    await expectAxeClean(page);
  });

  it("shows the public meeting calendar and published minutes in Arabic, without JavaScript", async () => {
    const page = await newPage("ar", { javaScriptEnabled: false });
    // The demo's working group met three weeks ago; its minutes are published.
    const month = new Date(Date.now() - 21 * 86_400_000).toISOString().slice(0, 7);
    const calendar = `/ar/meetings?month=${month}`;
    await page.goto(calendar);
    expect(await page.locator("h1").textContent()).toBe(message("ar", "network.public_title"));
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    await page.getByRole("link", { name: "Arbeitsgruppe Bildung und Sprache" }).first().click();
    await page.waitForURL(/\/ar\/meetings\/[0-9a-f-]{36}$/);
    expect(await page.locator("h1").textContent()).toBe("Arbeitsgruppe Bildung und Sprache");
    expect(
      await page.getByText("Das Leseprojekt wird auf zwei weitere Grundschulen ausgeweitet.").count(),
    ).toBe(1);
    expect(await page.getByText(message("ar", "network.public_minutes_published")).count()).toBeGreaterThan(
      0,
    );
    // axe runs scripts in the page: the same two pages, checked with JavaScript on.
    const meeting = new URL(page.url()).pathname;
    const checked = await newPage("ar");
    for (const path of [calendar, meeting]) {
      await checked.goto(path);
      await expectAxeClean(checked);
    }
  });
});
