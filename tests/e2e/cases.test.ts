// Case work in the browser: the demo case worker (team of "Willkommensbüro Unna-Mitte") takes in
// a household with a person and a case, records a home visit and needs, and changes the phase.
// Every page on the way is axe-clean.
import { randomBytes } from "node:crypto";
import { describe, it } from "vitest";
import { message } from "./i18n.ts";
import { expectAxeClean, loginAs, newPage, setupBrowser } from "./support.ts";

setupBrowser();

const berlinDay = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(d);

describe("case work", () => {
  it("a case worker runs a household from intake to the next phase", async () => {
    const page = await newPage("de");
    await loginAs(page, "case_worker", "de");

    // The case list (empty filters) is reachable from the navigation.
    await page.getByRole("link", { name: message("de", "cases.nav") }).click();
    await page.waitForURL((u) => u.pathname === "/staff/cases");
    await expectAxeClean(page);

    // Intake: household in Unna-Mitte (placed automatically), one person, an integration case.
    await page.getByRole("link", { name: message("de", "cases.new_button") }).click();
    await page.waitForURL((u) => u.pathname === "/staff/cases/new");
    await expectAxeClean(page);
    // Letters only (a unique name per run, so the duplicate warning does not interfere).
    const tag = randomBytes(4)
      .toString("hex")
      .replace(/\d/g, (d) => "bcdfghjklm"[Number(d)]!);
    await page.locator("#f-label").fill(`Familie Test ${tag}`);
    await page.locator("#f-street").fill("Bahnhofstraße 1");
    await page.locator("#f-postcode").fill("59423");
    await page.locator("#f-city").fill("Unna");
    await page.locator("#f-lat").fill("51.537");
    await page.locator("#f-lon").fill("7.690");
    await page.locator("#f-p0_givenName").fill(`Nour ${tag}`);
    await page.locator("#f-p0_familyName").fill(`Haddad ${tag}`);
    await page.locator("#f-p0_birthDate").fill("1990-04-01");
    // The page runs once the add buttons of the person rows appear (decision 093); a country and a
    // language with its level are picked by name.
    await page.getByRole("button", { name: message("de", "cases.language_add") }).waitFor();
    const field = (key: string) =>
      page.getByRole("combobox", { name: message("de", key, { n: 1 }), exact: true });
    await field("cases.nationality_n").selectOption({ label: "Syrien" });
    await field("cases.language_n").selectOption({ label: "Arabisch" });
    await field("cases.language_level_n").selectOption("native");
    // A second person is added and removed in place: no reload, nothing typed is lost.
    await page.getByRole("button", { name: message("de", "cases.add_person") }).click();
    await page.locator("#f-p1_givenName").fill("Nur kurz");
    await page.getByRole("button", { name: message("de", "cases.remove_person_n", { n: 2 }) }).click();
    await page.locator("#f-p1_givenName").waitFor({ state: "detached" });
    if ((await page.locator("#f-p0_givenName").inputValue()) !== `Nour ${tag}`) throw new Error("lost input");
    await page.locator("#f-p0_residenceStatus").selectOption("aufenthaltserlaubnis");
    await page.locator("#f-p0_arrivedInGermanyOn").fill("2023-05-10");
    await page.locator("#f-p0_assignedToMunicipalityOn").fill("2023-06-01");
    await Promise.all([
      page.waitForURL((u) => /^\/staff\/cases\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 30_000 }),
      page.getByRole("button", { name: message("de", "cases.create") }).click(),
    ]).catch(async (e) => {
      throw new Error(`${e}\n${await page.locator(".error-summary, .field-error").allInnerTexts()}`);
    });
    await page.getByText(message("de", "cases.created")).waitFor();
    // The address placed the household with the responsible office.
    await page.locator(".case-facts").getByText("Willkommensbüro Unna-Mitte (Demo)").first().waitFor();
    await page.locator(".case-facts").getByText("Ankommen").first().waitFor();
    await expectAxeClean(page);

    // Home visit (yesterday, 10:00 Berlin time).
    const yesterday = berlinDay(new Date(Date.now() - 86_400_000));
    await page.locator("#contact-kind").selectOption("home_visit");
    await page.locator("#contact-at").fill(`${yesterday}T10:00`);
    await page.locator("#contact-duration").fill("60");
    await page.locator("#contact-note").fill("Erster Hausbesuch, Familie gut angekommen.");
    await page.locator("form:has(#contact-kind)").getByRole("button").click();
    const contacts = page.getByRole("table", { name: message("de", "cases.contacts_caption") });
    await contacts.getByText(message("de", "cases.contact_home_visit")).first().waitFor();
    await contacts.getByText("Erster Hausbesuch").first().waitFor();

    // Needs: language and housing.
    for (const domain of ["language", "housing"] as const) {
      await page.locator("#need-domain").selectOption(domain);
      await page
        .locator("#need-note")
        .fill(domain === "language" ? "Sprachkurs B1 gesucht" : "Wohnung zu klein");
      await page.locator("form:has(#need-domain)").getByRole("button").click();
      await page
        .getByRole("table", { name: message("de", "cases.needs_caption") })
        .getByText(message("de", `cases.domain_${domain}`))
        .first()
        .waitFor();
    }
    await expectAxeClean(page);

    // Phase change Ankommen → Orientierung, with a date and a reason.
    await page.locator("#f-toPhase").selectOption("orientierung");
    await page.locator("#f-reason").fill("Erstversorgung abgeschlossen");
    await page.locator("form:has(#f-toPhase)").getByRole("button").click();
    await page.getByText(message("de", "cases.phase_current", { phase: "Orientierung" })).waitFor();
    const history = page.getByRole("table", { name: message("de", "cases.phase_history") });
    await history.getByText("Erstversorgung abgeschlossen").first().waitFor();
    await expectAxeClean(page);

    // The household page lists the person and the case.
    await page.getByRole("link", { name: message("de", "cases.household_open") }).click();
    await page.waitForURL((u) => u.pathname.startsWith("/staff/households/"));
    await page
      .getByRole("heading", {
        level: 1,
        name: message("de", "cases.household_title", { label: `Familie Test ${tag}` }),
      })
      .waitFor();
    await page.locator("summary").getByText(`Nour ${tag} Haddad ${tag}`).waitFor();
    await expectAxeClean(page);

    // The case shows in the worker's filtered list.
    await page.goto(`/staff/cases?q=${encodeURIComponent(tag)}`);
    await page.getByRole("table").getByText(`Familie Test ${tag}`).first().waitFor();
    await expectAxeClean(page);
  });

  it("a stale second save gets a conflict message and overwrites nothing", async () => {
    const page = await newPage("de");
    await loginAs(page, "case_worker", "de");
    await page.goto("/staff/cases");
    const first = page.locator("tbody th a").first();
    await first.click();
    await page.waitForURL((u) => /^\/staff\/cases\/[0-9a-f-]{36}$/.test(u.pathname));
    // A second tab saves first.
    const other = await page.context().newPage();
    await other.goto(page.url());
    await other.locator("form:has(#f-caseType) #f-caseType").selectOption("case_management");
    await other.locator("form:has(#f-caseType)").getByRole("button").click();
    await other.getByText(message("de", "cases.saved")).first().waitFor();
    // This tab still holds the old version.
    await page.locator("form:has(#f-caseType) #f-caseType").selectOption("young_adults_help_plan");
    await page.locator("form:has(#f-caseType)").getByRole("button").click();
    await page.getByText(message("de", "errors.version_conflict")).waitFor();
    await expectAxeClean(page);
    await other.reload();
    await other
      .locator(".case-facts")
      .getByText(message("de", "cases.type_case_management"))
      .first()
      .waitFor();
  });

  it("offices, households and case-work settings pages are axe-clean", async () => {
    const coordinator = await newPage("de");
    await loginAs(coordinator, "coordinator", "de");
    await coordinator.goto("/staff/offices");
    await coordinator.getByRole("link", { name: "Willkommensbüro Unna-Mitte (Demo)" }).click();
    await coordinator.waitForURL((u) => /^\/staff\/offices\/[0-9a-f-]{36}$/.test(u.pathname));
    await coordinator.getByRole("heading", { level: 1, name: "Willkommensbüro Unna-Mitte (Demo)" }).waitFor();
    await expectAxeClean(coordinator);
    await coordinator.goto("/staff/offices");
    await expectAxeClean(coordinator);

    const worker = await newPage("ar");
    await loginAs(worker, "case_worker", "ar");
    await worker.goto("/staff/households");
    await worker.getByRole("heading", { level: 1, name: message("ar", "cases.households_title") }).waitFor();
    await expectAxeClean(worker);

    const admin = await newPage("de");
    await loginAs(admin, "admin", "de");
    await admin.goto("/staff/settings/casework");
    await admin.getByRole("heading", { level: 1, name: message("de", "cases.settings_title") }).waitFor();
    await admin.getByRole("rowheader", { name: "eingewoehnung" }).waitFor();
    await expectAxeClean(admin);
  });
});
