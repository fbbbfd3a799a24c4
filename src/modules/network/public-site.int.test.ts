// The public site of the network module (issue 18 "What must work" 6) on the demo tenant, on
// PGlite and PostgreSQL: the month calendar, a meeting's public agenda and published minutes,
// the iCal feed, published declarations. Non-public bodies and agenda items never appear.

import { eq } from "drizzle-orm";
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageContext } from "#app/app/context.ts";
import { action as pollAction, loader as pollLoader } from "#app/app/routes/public/date-poll.tsx";
import { loader as declarationsLoader } from "#app/app/routes/public/declarations.tsx";
import { loader as meetingLoader } from "#app/app/routes/public/meeting.tsx";
import { loader as meetingsLoader } from "#app/app/routes/public/meetings.tsx";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import type { Language } from "#app/i18n/languages.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { DEMO_PLACES } from "#app/modules/demo/directory-content.ts";
import { mailOutbox } from "#app/server/db/schema.ts";
import type { AppError } from "#app/server/errors.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import { redactLinks } from "#app/server/redact.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { pdfText } from "../../../tests/setup/pdf-text.ts";
import { createDemoContext, type DemoContext, TEST_BASE_URL } from "../../../tests/setup/test-db.ts";
import { addMemberInput, scheduleMeetingInput } from "./contracts.ts";
import { createDatePollInput } from "./date-polls.contracts.ts";

let ctx: DemoContext;
let tenantId: string;
const system = () => ({ kind: "system" as const, tenantId });

beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
});
afterAll(() => ctx.close());

async function pageArgs(path: string, lang: Language = "de", params: Record<string, string> = {}) {
  const context = new RouterContextProvider();
  context.set(pageContext, {
    requestId: "req-public-meetings",
    log: ctx.services.core.logger,
    services: ctx.services,
    tenant: (await ctx.services.tenants.byId(tenantId))!,
    principal: null,
    lang,
    t: createTranslator(lang, catalogs().get(lang) ?? {}, catalogs().get("de")),
  } as never);
  const url = new URL(`${TEST_BASE_URL}${path}`);
  return {
    context,
    request: new Request(url),
    url,
    pattern: url.pathname,
    params: { lang, id: "", ...params },
  };
}
const bodyNamed = async (name: string) =>
  (await ctx.services.network.bodies(tenantId)).find((b) => b.name === name)!;

/** A meeting on 14 April 2026: a public and a non-public item. */
async function aprilMeeting(bodyName: string, title: string) {
  const body = await bodyNamed(bodyName);
  const m = await ctx.services.network.scheduleMeeting(
    system(),
    body.id,
    parseInput(scheduleMeetingInput, {
      title,
      startsAt: "2026-04-14T18:00",
      onlineUrl: "https://meet.example.org/lotse",
      agenda: [
        { number: "1", title: `${title}: öffentlicher Punkt`, public: true },
        { number: "2", title: `${title}: vertraulicher Punkt`, public: false },
      ],
    }),
  );
  return m;
}

describe("the public meeting calendar", () => {
  it("lists a month's meetings of public bodies by day, never the planning group's", async () => {
    const open = await aprilMeeting("AG Arbeit und Wirtschaft", "Öffentliche AG-Sitzung April");
    await aprilMeeting("Planungsgruppe der Verwaltung", "Interne Planungssitzung April");
    const page = await meetingsLoader(await pageArgs("/de/meetings?month=2026-04"));
    expect(page).toMatchObject({ month: "2026-04", prev: "2026-03", next: "2026-05", invalid: false });
    const titles = page.days.flatMap((d) => d.meetings.map((m) => m.title));
    expect(titles).toContain("Öffentliche AG-Sitzung April");
    expect(titles).not.toContain("Interne Planungssitzung April");
    const day = page.days.find((d) => d.meetings.some((m) => m.id === open.id))!;
    expect(day.date).toBe("2026-04-14");
    expect(day.meetings.find((m) => m.id === open.id)).toMatchObject({
      bodyName: "AG Arbeit und Wirtschaft",
      bodyKind: "working_group",
      onlineUrl: "https://meet.example.org/lotse",
      minutesPublished: false,
    });
  });

  it("shows the current month when the month is not understood, and says so", async () => {
    const page = await meetingsLoader(await pageArgs("/ar/meetings?month=2026-13", "ar"));
    expect(page).toMatchObject({ month: "2026-03", invalid: true, prev: "2026-02", next: "2026-04" });
    expect(page.title).toBe("الاجتماعات والمشاركة");
    // The demo's upcoming steering group meeting (in four weeks) is in this month.
    expect(page.days.flatMap((d) => d.meetings.map((m) => m.title))).toContain("Sitzung der Lenkungsgruppe");
  });
});

describe("a public meeting", () => {
  it("shows public agenda items only, and no results before the minutes are published", async () => {
    const m = await aprilMeeting("AG Beteiligung und Dialog", "Beteiligungs-AG");
    const page = await meetingLoader(await pageArgs(`/de/meetings/${m.id}`, "de", { id: m.id }));
    expect(page.agenda.map((a) => a.title)).toEqual(["Beteiligungs-AG: öffentlicher Punkt"]);
    expect(page.agenda[0]!.minutes).toBeNull();
  });

  it("shows the public part of published minutes: discussion, decisions, action items", async () => {
    const jan = await meetingsLoader(await pageArgs("/de/meetings?month=2026-01"));
    const steering = jan.days
      .flatMap((d) => d.meetings)
      .find((m) => m.bodyName === "Lenkungsgruppe Lüner Dialog")!;
    expect(steering.minutesPublished).toBe(true);
    const page = await meetingLoader(
      await pageArgs(`/de/meetings/${steering.id}`, "de", { id: steering.id }),
    );
    const json = JSON.stringify(page);
    expect(page.agenda.map((a) => a.number)).toEqual(["1", "2"]);
    expect(json).toContain("Die Jahreskonferenz findet im Frühjahr statt");
    expect(json).toContain("Einladung und Programm der Jahreskonferenz entwerfen");
    // The non-public item and its action item stay internal.
    expect(json).not.toContain("Personalangelegenheiten");
    expect(json).not.toContain("Stellenbesetzung");
    // Attendance (decision 122): counted in full, named only where the member agreed to be public.
    expect(page.attendance).toMatchObject({ present: 4, votingPresent: 4, guests: 0, unnamed: 2 });
    expect(page.attendance!.named).toEqual([
      { name: "Bürgermeister", role: "chair" },
      { name: "Büro des Bürgermeisters", role: "secretary" },
    ]);
    expect(json).not.toContain("Gleichstellungsbeauftragte");
    expect(json).not.toContain("Migrationsrates");
  });

  it("answers 404 for a meeting of a non-public body and for what is not a meeting", async () => {
    const internal = await aprilMeeting("Planungsgruppe der Verwaltung", "Noch eine interne Sitzung");
    for (const id of [internal.id, "not-a-uuid", "019a0000-0000-7000-8000-000000000000"]) {
      const refused = await meetingLoader(await pageArgs(`/de/meetings/${id}`, "de", { id })).then(
        () => null,
        (e: unknown) => e,
      );
      expect(refused).toMatchObject({ init: { status: 404 } });
    }
  });
});

describe("the minutes as a PDF (decision 111)", () => {
  const get = (path: string, cookie?: string) =>
    ctx.app.request(`${TEST_BASE_URL}${path}`, cookie ? { headers: { cookie } } : {});
  const steeringMeeting = async () =>
    (await meetingsLoader(await pageArgs("/de/meetings?month=2026-01"))).days
      .flatMap((d) => d.meetings)
      .find((m) => m.bodyName === "Lenkungsgruppe Lüner Dialog")!;

  it("gives the public the published minutes' public items, attendance counts and consenting names only", async () => {
    const steering = await steeringMeeting();
    const { user } = await createUserWithRole(ctx.services, tenantId, "coordinator");
    const cookie = await sessionCookieFor(ctx.services, tenantId, user.id);
    // biome-ignore lint/suspicious/noExplicitAny: JSON response, checked by the assertions
    const staff = (await (await get(`/api/v1/network/meetings/${steering.id}`, cookie)).json()) as any;
    const present = staff.members.filter((m: { id: string }) => staff.attendance.includes(m.id));
    expect(present.length).toBeGreaterThan(0);

    const res = await get(`/tr/meetings/${steering.id}/minutes.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.toString("latin1")).toContain("/StructTreeRoot");
    expect(pdf.toString("latin1")).toContain("/Lang (tr-TR)");
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("Die Jahreskonferenz findet im Frühjahr statt");
    expect(text).toContain("Einladung und Programm der Jahreskonferenz entwerfen");
    expect(text).toContain(`Katılan: ${present.length}`);
    expect(text).not.toContain("Personalangelegenheiten");
    expect(text).not.toContain("Stellenbesetzung");
    // Named publicly only with consent (decision 122); the others are counted.
    for (const m of present as { name: string; publicConsent: boolean }[])
      if (m.publicConsent) expect(text).toContain(m.name);
      else expect(text).not.toContain(m.name);
    expect(present.some((m: { publicConsent: boolean }) => !m.publicConsent)).toBe(true);

    // Staff get every item, the non-public one marked, and the names of those present; audited.
    const internal = await get(`/api/v1/network/meetings/${steering.id}/minutes/pdf`, cookie);
    expect(internal.status).toBe(200);
    const all = pdfText(Buffer.from(await internal.arrayBuffer())).replace(/\s+/g, " ");
    expect(all).toContain("Personalangelegenheiten der Geschäftsstelle (nicht öffentlich)");
    for (const m of present) expect(all).toContain(m.name);
    // The demo's functions carry no role of their own: the role is printed once.
    expect(all).toContain("Bürgermeister (Vorsitz)");
    expect(all).not.toContain("(Vorsitz) (Vorsitz)");
    const reads = await ctx.services.audit.list(
      tenantId,
      { action: "read", entityType: "network_meeting", entityId: steering.id },
      { limit: 10, offset: 0 },
    );
    // One for the meeting page's API read above, one for the PDF.
    expect(reads).toHaveLength(2);
    expect((await get(`/api/v1/network/meetings/${steering.id}/minutes/pdf`)).status).toBe(401);
  });

  it("answers 404 for minutes not published, a non-public body's meeting and what is not a meeting", async () => {
    const draft = await aprilMeeting("AG Beteiligung und Dialog", "PDF-Entwurf");
    const internal = await aprilMeeting("Planungsgruppe der Verwaltung", "PDF-intern");
    for (const id of [draft.id, internal.id, "not-a-uuid"])
      expect((await get(`/de/meetings/${id}/minutes.pdf`)).status).toBe(404);
  });
});

describe("the iCal feed of public meetings", () => {
  const get = (path: string) => ctx.app.request(`${TEST_BASE_URL}${path}`);

  it("publishes the public meetings with links to their pages, in the reader's language", async () => {
    const open = await aprilMeeting("AG Bildung und Sprache", "Feed-Sitzung");
    const internal = await aprilMeeting("Planungsgruppe der Verwaltung", "Feed-intern");
    const res = await get("/tr/meetings.ics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    const cal = (await res.text()).replace(/\r\n[ \t]/g, "");
    expect(cal).toContain("METHOD:PUBLISH");
    expect(cal).toContain(`UID:${open.id}@lotse`);
    expect(cal).toContain("SUMMARY:AG Bildung und Sprache: Feed-Sitzung");
    expect(cal).toContain(`URL;VALUE=URI:${new URL(`/tr/meetings/${open.id}`, TEST_BASE_URL).href}`);
    expect(cal).toContain("X-WR-CALNAME:Toplantılar ve katılım");
    expect(cal).not.toContain(internal.id);
    expect(cal).not.toContain("Feed-intern");
    expect(cal).not.toContain("vertraulicher Punkt");
  });

  it("answers 404 for a language Lotse does not have", async () => {
    expect((await get("/xx/meetings.ics")).status).toBe(404);
  });
});

describe("published declarations", () => {
  it("lists the Lüner Erklärung with its signing organizations, never an unpublished one", async () => {
    await ctx.services.network.createAgreement(system(), {
      kind: "declaration",
      title: "Entwurf einer Erklärung",
      subject: "Noch nicht unterzeichnet",
      text: "",
      parties: [],
      startDate: null,
      reviewDate: null,
      meetingId: null,
      measureId: null,
    });
    const page = await declarationsLoader(await pageArgs("/fa/declarations", "fa"));
    expect(page.title).toBe("بیانیه‌ها");
    expect(page.declarations.map((d) => d.title)).toEqual([
      "Lüner Erklärung zur kommunalen Bildungslandschaft",
    ]);
    const [d] = page.declarations;
    expect(d!.signatories).toHaveLength(6);
    expect(d!.signatories.every((s) => s.signedOn === "2009-01-27" && s.organization.length > 0)).toBe(true);
  });
});

describe("date poll before the invitation (decision 126)", () => {
  const coordinator = () =>
    ({
      userId: "00000000-0000-7000-8000-000000000002",
      tenantId,
      sessionId: "test",
      grants: [{ role: "coordinator", scopeType: "tenant", scopeId: null }],
      mfaSatisfied: true,
    }) as Principal;
  const codes = (e: unknown) => (e as AppError).fields.map((f) => `${f.field}:${f.code}`);
  const poll = (over: Record<string, unknown>) =>
    parseInput(createDatePollInput, { title: "Sitzung Mai", placeId: DEMO_PLACES[0]!.id, ...over });

  it("refuses no dates and past dates, mails each member their link, and fixing creates the meeting once", async () => {
    const net = ctx.services.network;
    const body = await net.createBody(system(), {
      name: "Integrationsrat (Termine)",
      kind: "integration_council",
      areaId: null,
      fieldsOfAction: [],
      publicBody: true,
    });
    const add = (name: string, email: string | null, language: string) =>
      net.addMember(system(), body.id, parseInput(addMemberInput, { name, email, language, role: "member" }));
    await add("Vorsitz", "vorsitz@poll.example", "de");
    const tr = await add("Moscheeverein", "moschee@poll.example", "tr");
    const noMail = await add("Ohne Adresse", null, "de");
    expect(
      codes(
        await Promise.resolve()
          .then(() => poll({ options: [] }))
          .catch((e: unknown) => e),
      ),
    ).toEqual(["options:network_poll_no_dates"]);
    const past = await net
      .createDatePoll(system(), body.id, poll({ options: [{ startsAt: "2026-03-01T18:00" }] }))
      .catch((e) => e);
    expect(codes(past)).toEqual(["options.0.startsAt:network_poll_date_past"]);

    const created = await net.createDatePoll(
      system(),
      body.id,
      poll({
        options: [
          { startsAt: "2026-05-20T18:00", endsAt: "2026-05-20T20:00" },
          { startsAt: "2026-05-22T18:00" },
        ],
      }),
    );
    expect(created).toMatchObject({ state: "open", asked: 3, mailed: 2 });
    const [mail] = await ctx.handle.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, "moschee@poll.example"));
    expect(mail!.subject).toContain("Tarih belirleme");
    const token = /\/tr\/date-poll\/([A-Za-z0-9_-]+)/.exec(mail!.text ?? "")![1]!;
    // The outbox view and the logs never show the link's token.
    expect(redactLinks(mail!.text ?? "")).toContain("/tr/date-poll/[redacted]");

    // The member answers on their own page, without an account; they see their own answers only.
    const loaded = (await pollLoader(
      (await pageArgs(`/tr/date-poll/${token}`, "tr", { token })) as never,
    )) as never as {
      data: { poll: { memberName: string; options: { id: string }[] } };
    };
    const shown = loaded.data.poll;
    expect(shown.memberName).toBe("Moscheeverein");
    const [may20, may22] = shown.options;
    const form = new FormData();
    form.set(`answers.${may20!.id}`, "yes");
    form.set(`answers.${may22!.id}`, "maybe");
    const args = await pageArgs(`/tr/date-poll/${token}`, "tr", { token });
    await pollAction({ ...args, request: new Request(args.url, { method: "POST", body: form }) } as never);
    await net.answerDatePoll(system(), created.id, { memberId: noMail.id, answers: { [may20!.id]: "no" } });

    const table = await net.getDatePoll(coordinator(), created.id);
    expect(table.options.map((o) => [o.yes, o.maybe, o.no])).toEqual([
      [1, 0, 1],
      [0, 1, 0],
    ]);
    expect(table.responses.find((r) => r.memberId === tr.id)!.answers).toEqual({
      [may20!.id]: "yes",
      [may22!.id]: "maybe",
    });

    const fixed = await net.fixDatePoll(system(), created.id, {
      optionId: may22!.id,
      version: table.version,
    });
    expect(fixed).toMatchObject({ state: "fixed", fixedOptionId: may22!.id });
    const meeting = await net.getMeeting(coordinator(), fixed.meetingId!);
    expect(meeting).toMatchObject({
      title: "Sitzung Mai",
      startsAt: "2026-05-22T16:00:00.000Z",
      state: "scheduled",
    });
    // Fixing a second time is refused, and the members' links stop working.
    const again = await net
      .fixDatePoll(system(), created.id, { optionId: may20!.id, version: table.version })
      .catch((e) => e);
    expect(codes(again)).toEqual(["optionId:network_poll_fixed"]);
    expect(await net.pollByToken(tenantId, token)).toBeNull();
  });
});
