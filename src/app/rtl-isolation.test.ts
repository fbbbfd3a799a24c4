// Values of another script on right-to-left pages are isolated (issue 15 §8, decisions 094 and
// 117): the offices, meeting, survey-wave and conflict pages rendered in Arabic with Latin
// names, titles and addresses, each occurrence inside `<bdi>`, an element with `dir` (isolated by
// the browser's style sheet), or FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE.
import { type ComponentType, createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createMemoryRouter, RouterProvider, useLoaderData } from "react-router";
import { describe, expect, it } from "vitest";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { ServerI18n } from "./i18n.tsx";
import MediationStatus from "./routes/public/mediation-status.tsx";
import PublicMeeting from "./routes/public/meeting.tsx";
import PublicOffices from "./routes/public/offices.tsx";
import ConflictDetail from "./routes/staff/conflicts/detail.tsx";
import StaffMeeting from "./routes/staff/network/meeting.tsx";
import OfficeEdit from "./routes/staff/offices/edit.tsx";
import OfficeList from "./routes/staff/offices/list.tsx";
import Wave from "./routes/staff/surveys/wave.tsx";

/** A route's page in Arabic with `loaderData`, as the server renders it. */
function renderAr(Page: ComponentType<never>, loaderData: unknown): string {
  const all = catalogs();
  const t = createTranslator("ar", all.get("ar") ?? {}, all.get("de"));
  function Route() {
    // Framework routes receive their data as props; a plain data router hands it by hook.
    const data = useLoaderData();
    return h(Page, { loaderData: data, actionData: undefined, params: {}, matches: [] } as never);
  }
  const router = createMemoryRouter([{ id: "page", path: "/", Component: Route }], {
    hydrationData: { loaderData: { page: loaderData } },
  });
  return renderToStaticMarkup(
    h(ServerI18n.Provider, { value: { lang: "ar", t } }, h(RouterProvider, { router })),
  );
}

const VOID = new Set(["br", "input", "img", "meta", "link", "hr", "source", "col", "wbr"]);
const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/**
 * Where `value` appears in the text of `html`: how often, and how often not isolated. Attributes
 * are not looked at (a value in an `aria-label` or `title` is plain text, isolated by `isolate()`).
 */
function isolationOf(html: string, value: string): { found: number; bare: number } {
  const stack: boolean[] = [];
  let found = 0;
  let bare = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>|([^<]+)/g)) {
    const [, closing, tag, attrs, text] = m;
    if (text !== undefined) {
      const plain = decode(text);
      let at = plain.indexOf(value);
      while (at >= 0) {
        found++;
        const marked = plain[at - 1] === "\u2068" && plain[at + value.length] === "\u2069";
        if (!marked && !stack.some(Boolean)) bare++;
        at = plain.indexOf(value, at + value.length);
      }
    } else if (closing) stack.pop();
    else if (!VOID.has(tag!.toLowerCase()) && !attrs!.trimEnd().endsWith("/"))
      stack.push(tag === "bdi" || /\sdir="/.test(attrs!));
  }
  return { found, bare };
}

/** Every value is on the page, and every occurrence of it is isolated. */
function expectIsolated(html: string, values: string[]) {
  for (const value of values)
    expect({ value, ...isolationOf(html, value) }).toMatchObject({ value, bare: 0 });
  for (const value of values) expect(isolationOf(html, value).found, value).toBeGreaterThan(0);
}

describe("right-to-left isolation", () => {
  it("tells bare from isolated values", () => {
    expect(isolationOf("<p>IN VIA <bdi>IN VIA</bdi></p>", "IN VIA")).toEqual({ found: 2, bare: 1 });
    expect(isolationOf('<p><span dir="auto">A &amp; B</span><br/>\u2068A & B\u2069</p>', "A & B")).toEqual({
      found: 2,
      bare: 0,
    });
    expect(isolationOf('<p title="X">x</p>', "X")).toEqual({ found: 0, bare: 0 });
  });

  it("isolates office names, areas and addresses on the public offices page", () => {
    const html = renderAr(PublicOffices, {
      near: "Bahnhofstr 5",
      today: "2026-03-02",
      title: "",
      tenant: "",
      finding: {
        notices: [],
        near: { label: "Bahnhofstraße 5, Unna", approximate: false, kind: "address", lon: 7.69, lat: 51.53 },
        offices: [
          {
            id: "o1",
            name: "Willkommensbüro Königsborn",
            kind: "welcome_office",
            areaName: "Königsborn-Süd",
            open: null,
            phone: "02303 1234",
            email: "wb@unna.de",
            place: {
              name: "IN VIA Unna e.V.",
              street: "Mühlenweg 12",
              postcode: "59423",
              city: "Unna-Massen",
              languages: [],
              openingHours: null,
              lat: 51.53,
              lon: 7.69,
            },
          },
        ],
      },
    });
    expectIsolated(html, [
      "Bahnhofstraße 5, Unna",
      "Willkommensbüro Königsborn",
      "Königsborn-Süd",
      "IN VIA Unna e.V.",
      "Mühlenweg 12",
      "59423 Unna-Massen",
      "02303 1234",
    ]);
  });

  it("isolates office names, areas and team members on the staff offices pages", () => {
    expectIsolated(
      renderAr(OfficeList, {
        offices: [
          {
            id: "o1",
            name: "Willkommensbüro Königsborn",
            kind: "welcome_office",
            areaCount: 1,
            memberCount: 2,
          },
        ],
        canManage: false,
      }),
      ["Willkommensbüro Königsborn"],
    );
    const office = {
      id: "o1",
      name: "Willkommensbüro Königsborn",
      kind: "welcome_office",
      email: null,
      phone: null,
      placeId: null,
      version: 1,
      areas: [{ id: "a1", name: "Königsborn-Süd" }],
      members: [{ userId: "u1", displayName: "Jana Schulte", function: "Sozialarbeit" }],
    };
    const html = renderAr(OfficeEdit, { office, areas: [], places: [], staff: [], canManage: false });
    expectIsolated(html, ["Willkommensbüro Königsborn", "Königsborn-Süd", "Jana Schulte", "Sozialarbeit"]);
  });

  it("isolates titles, bodies, decisions, owners, members and comments of a meeting", () => {
    const agenda = {
      id: "i1",
      number: "TOP 3",
      title: "Quartiersfonds Gartenvorstadt",
      public: true,
      discussion: "Frau Demir berichtet.",
      decisions: [{ id: "d1", text: "Antrag angenommen", votesYes: 5, votesNo: 0, votesAbstain: 1 }],
      actionItems: [
        { id: "x1", title: "Flyer drucken", owner: "Stadtteilbüro", dueDate: null, status: "open" },
      ],
    };
    const staff = renderAr(StaffMeeting, {
      meeting: {
        id: "m1",
        body: { id: "b1", name: "Runder Tisch Gartenvorstadt" },
        title: "Sitzung im März",
        startsAt: "2026-03-02T17:00:00Z",
        state: "held",
        minutesState: "published",
        version: 3,
        attendance: [],
        agenda: [agenda],
        members: [{ id: "mm1", name: "Aylin Demir", role: "member" }],
        comments: [{ id: "c1", author: "Jonas Becker", createdAt: "2026-03-03T09:00:00Z", text: "Danke!" }],
      },
      canRun: true,
      canComment: false,
    });
    expectIsolated(staff, [
      "Runder Tisch Gartenvorstadt",
      "Sitzung im März",
      "Quartiersfonds Gartenvorstadt",
      "Frau Demir berichtet.",
      "Antrag angenommen",
      "Flyer drucken",
      "Stadtteilbüro",
      "Aylin Demir",
      "Jonas Becker",
    ]);
    const pub = renderAr(PublicMeeting, {
      meeting: {
        id: "m1",
        title: "Sitzung im März",
        bodyKind: "round_table",
        bodyName: "Runder Tisch Gartenvorstadt",
        startsAt: "2026-03-02T17:00:00Z",
        endsAt: null,
        state: "held",
        minutesPublished: true,
        onlineUrl: null,
        place: { name: "Rathaus", street: "Markt 1", postcode: "59423", city: "Unna" },
      },
      agenda: [
        {
          id: "i1",
          number: "TOP 3",
          title: "Quartiersfonds Gartenvorstadt",
          minutes: {
            discussion: "Frau Demir berichtet.",
            decisions: agenda.decisions,
            actionItems: agenda.actionItems,
          },
        },
      ],
      attendance: {
        members: 5,
        present: 3,
        votingPresent: 3,
        guests: 0,
        named: [{ name: "Ida Kowalski", role: "chair" }],
        unnamed: 2,
      },
      tenant: "",
    });
    expectIsolated(pub, [
      "Ida Kowalski",
      "Sitzung im März",
      "Runder Tisch Gartenvorstadt",
      "Rathaus, Markt 1, 59423 Unna",
      "Quartiersfonds Gartenvorstadt",
      "Antrag angenommen",
      "Stadtteilbüro",
    ]);
  });

  it("isolates the survey, the wave, the persons and their households on a wave's responses", () => {
    const html = renderAr(Wave, {
      survey: { id: "s1", title: "Befragung Neuzugewanderte 2026" },
      wave: { id: "w1", number: 1, label: "Frühjahr", seed: 7, population: 40 },
      strata: [
        {
          key: "k",
          parts: ["Gartenvorstadt"],
          population: 40,
          sample: 10,
          contacted: 4,
          responded: 2,
          refused: 1,
          unreachable: 0,
          active: 10,
        },
      ],
      members: [
        {
          personId: "p1",
          name: "Olena Kovalenko",
          householdLabel: "Familie Kovalenko",
          stratum: ["Gartenvorstadt"],
          rank: 1,
          reserve: false,
          activated: false,
          contactStatus: "responded",
          attempts: 1,
          version: 1,
          link: null,
        },
      ],
      statuses: ["responded"],
    });
    expectIsolated(html, [
      "Befragung Neuzugewanderte 2026",
      "Frühjahr",
      "Gartenvorstadt",
      "Olena Kovalenko",
      "Familie Kovalenko",
    ]);
  });

  it("isolates places, posts, parties, texts and mediators of a conflict", () => {
    const html = renderAr(ConflictDetail, {
      conflict: {
        id: "k1",
        reference: "K-2026-0007",
        state: "in_progress",
        outcome: null,
        areaName: "Gartenvorstadt",
        place: "Spielplatz Hansastraße",
        kind: "neighbourhood",
        urgency: "normal",
        severity: null,
        channel: "post",
        postName: "Quartiersmanagement Nord",
        reportedText: "2. März 2026",
        dueText: "9. März 2026",
        overdue: false,
        firstContactText: null,
        handlerName: "Petra Lange",
        parties: ["Hausgemeinschaft Hansastraße 4", "Jugendtreff"],
        escalationReason: null,
        escalationMeetingId: null,
        description: "Lärm am Abend.",
        tried: null,
        protectedDetails: null,
        reporterEmail: null,
        mergedInto: null,
        mergedFrom: [],
        log: [
          {
            id: "l1",
            atText: "3. März 2026",
            kind: "mediation",
            text: "Gespräch vereinbart",
            happenedOn: null,
            reviewOn: null,
            mediatorName: "Karl Brandt",
            actorName: "Petra Lange",
          },
        ],
      },
      duplicates: [],
      handlers: [],
      mediators: { staff: [], volunteers: [] },
      bodies: [],
      canHandle: false,
      canSeeMeeting: false,
      me: "u1",
      created: false,
    });
    expectIsolated(html, [
      "Gartenvorstadt",
      "Spielplatz Hansastraße",
      "Quartiersmanagement Nord",
      "Petra Lange",
      "Hausgemeinschaft Hansastraße 4",
      "Jugendtreff",
      "Lärm am Abend.",
      "Gespräch vereinbart",
      "Karl Brandt",
    ]);
  });

  it("isolates the institution on a language mediation's public status page", () => {
    const html = renderAr(MediationStatus, {
      status: { institutionName: "Kita Sonnenblume e.V.", requests: [] },
      booked: false,
    });
    expectIsolated(html, ["Kita Sonnenblume e.V."]);
  });
});
