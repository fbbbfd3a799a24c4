// A coordinator builds a branch of the goal tree and links an indicator; the matrix drills down
// to its offers; a report round runs from naming the writer to the public report (issue 16).
// axe-clean in German and Arabic.
import { describe, expect, it } from "vitest";
import { message } from "./i18n.ts";
import { expectAxeClean, loginAs, newPage, setupBrowser } from "./support.ts";

setupBrowser();

describe("strategy", () => {
  it("a coordinator adds a goal under Herdecke's 'Sprache und Bildung' and links a Lotse figure to it", async () => {
    const page = await newPage("de");
    await loginAs(page, "coordinator", "de");
    await page.goto("/staff/strategy");
    expect(await page.locator("main").textContent()).toContain("Teilhabe und Engagement");
    await expectAxeClean(page);
    await page.locator("#f-parentId").selectOption({ label: "Leitziel: Sprache und Bildung" });
    await page.locator("#f-kind").selectOption("handlungsziel");
    await page.locator("#f-title").fill("Mehr Abendkurse mit Kinderbetreuung");
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get("created") === "1"),
      page.getByRole("button", { name: message("de", "strategy.create") }).click(),
    ]);
    await page.locator("h1", { hasText: "Handlungsziel: Mehr Abendkurse mit Kinderbetreuung" }).waitFor();
    expect(await page.locator("main nav").textContent()).toContain("Sprache und Bildung");

    // Bad input first: a Lotse figure counts offers, so a percent unit is refused at the field.
    await page.locator("#ind-name").fill("Sprachangebote am Abend");
    await page.locator("#ind-kind").selectOption("lotse");
    await page.locator("#ind-unit").selectOption("percent");
    await page
      .locator("#ind-fig-row")
      .selectOption({ label: "Kategorien der Angebotskarte: Sprachangebote" });
    await page.getByRole("button", { name: message("de", "strategy.indicator_add") }).click();
    await page.locator("#ind-unit-error").waitFor();
    expect(await page.locator("#ind-unit").getAttribute("aria-invalid")).toBe("true");
    await page.locator("#ind-unit").selectOption("count");
    await page.locator("#ind-name").fill("Sprachangebote am Abend");
    await page.locator("#ind-kind").selectOption("lotse");
    await page
      .locator("#ind-fig-row")
      .selectOption({ label: "Kategorien der Angebotskarte: Sprachangebote" });
    await page.getByRole("button", { name: message("de", "strategy.indicator_add") }).click();
    const table = page.locator("table", { hasText: "Sprachangebote am Abend" });
    await table.waitFor();
    expect(await table.textContent()).toContain("lotse:offers_in_cell");
    await expectAxeClean(page);
  });

  it("the matrix in Arabic: a table of published offers by two axes, each cell leading to its offers", async () => {
    const page = await newPage("ar");
    await loginAs(page, "coordinator", "ar");
    await page.goto("/staff/strategy/matrix");
    expect(await page.locator("h1").textContent()).toBe(message("ar", "strategy.matrix_title"));
    await expectAxeClean(page);
    // Seed 001's dozen offers: their cells hold fewer than five, shown as "<5" and still leading to them.
    const cell = page
      .locator("table tbody td a")
      .filter({ hasText: /^<\d+$/ })
      .first();
    await Promise.all([
      page.waitForURL(/\/staff\/strategy\/matrix\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/),
      cell.click(),
    ]);
    await page.locator("main li a").first().waitFor();
    await expectAxeClean(page);
  });
  it("a report round: the coordinator names a writer, the analyst writes in Arabic, the coordinator approves and publishes, the public reads it", async () => {
    const coord = await newPage("de");
    await loginAs(coord, "coordinator", "de");
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const openRound = async () => {
      await coord.goto("/staff/strategy/rounds");
      await coord.locator("#f-deadline").fill(deadline);
      await coord.getByRole("button", { name: message("de", "strategy.rounds_open_submit") }).click();
    };
    // Nobody in the demo is named for a node yet: the round is refused at the year, nothing mailed.
    await openRound();
    await coord.locator("#f-year-error").waitFor();
    expect(await coord.locator("#f-year").getAttribute("aria-invalid")).toBe("true");
    const year = Number(await coord.locator("#f-year").inputValue());

    await coord.goto("/staff/strategy");
    await coord.getByRole("link", { name: "Wohnen und Quartier", exact: true }).click();
    await coord.locator("h1", { hasText: "Wohnen und Quartier" }).waitFor();
    const edit = coord.getByRole("region", { name: message("de", "strategy.edit_title") });
    await edit.getByRole("checkbox", { name: "Demo Sozialplanung" }).check();
    await edit.getByRole("button", { name: message("de", "strategy.save") }).click();
    await edit.getByText(message("de", "strategy.saved")).waitFor();

    await Promise.all([coord.waitForURL(/\/staff\/strategy\/rounds\/[0-9a-f-]{36}$/), openRound()]);
    const roundUrl = coord.url();
    const section = coord.getByRole("region", { name: "Wohnen und Quartier" });
    expect(await section.textContent()).toContain("Demo Sozialplanung");
    await expectAxeClean(coord);

    // The analyst writes the narrative in the Arabic staff UI (German text, isolated).
    const analyst = await newPage("ar");
    await loginAs(analyst, "analyst", "ar");
    await analyst.goto("/staff/strategy/narratives");
    await analyst.getByRole("link", { name: "Wohnen und Quartier" }).click();
    await analyst
      .locator("#f-text")
      .fill("Im Quartier trafen sich die Nachbarn monatlich.\n\nZwei Hausfeste mit 120 Gästen.");
    await analyst.getByRole("button", { name: message("ar", "strategy.narrative_submit") }).click();
    await analyst.getByText(message("ar", "strategy.narrative_saved_submitted")).waitFor();
    await expectAxeClean(analyst);

    // The coordinator approves it and closes the round.
    await coord.goto(roundUrl);
    await section.getByRole("button", { name: message("de", "strategy.narrative_approve") }).click();
    // The approve button goes with the review form once the narrative is approved.
    await section
      .getByRole("button", { name: message("de", "strategy.narrative_approve") })
      .waitFor({ state: "detached" });
    expect(await section.textContent()).toContain(message("de", "strategy.narrative_status_approved"));
    await coord.getByRole("button", { name: message("de", "strategy.round_close") }).click();
    await coord
      .getByRole("button", { name: message("de", "strategy.round_close") })
      .waitFor({ state: "detached" });
    expect(await coord.locator("main").textContent()).toContain(
      message("de", "strategy.round_status_closed"),
    );

    // The PDF job publishes the year; the staff list offers the file once it is done.
    await coord.goto("/staff/strategy/reports");
    await coord.locator("#f-year").fill(String(year));
    await Promise.all([
      coord.waitForURL((u) => u.searchParams.get("queued") === "1"),
      coord.getByRole("button", { name: message("de", "strategy.reports_request") }).click(),
    ]);
    const pdfLink = coord.getByRole("link", { name: message("de", "strategy.reports_pdf", { year }) });
    for (let i = 0; i < 60 && (await pdfLink.count()) === 0; i++) {
      await coord.waitForTimeout(1000);
      await coord.reload();
    }
    expect(await pdfLink.count()).toBeGreaterThan(0);

    // The public reads the year's report in Arabic: the narrative, without the writer's name.
    const reader = await newPage("ar");
    await reader.goto("/ar/strategy");
    await reader.getByRole("link", { name: message("ar", "strategy.public_year", { year }) }).click();
    await reader.getByText("Zwei Hausfeste mit 120 Gästen.").waitFor();
    expect(await reader.locator("main").textContent()).not.toContain("Demo Sozialplanung");
    await expectAxeClean(reader);
  });
});
