import { describe, expect, it } from "vitest";
import {
  agendaItemObject,
  listPage,
  meetingObject,
  membershipObject,
  oparlUrls,
  organizationObject,
  personObject,
} from "./oparl-map.ts";

const u = oparlUrls("https://lotse.example", "t1");
const at = new Date("2026-03-01T10:00:00Z");

describe("OParl mapping", () => {
  it("names objects by URL under /api/oparl/v1.1 with the tenant as the Body", () => {
    expect(u.system).toBe("https://lotse.example/api/oparl/v1.1/");
    expect(u.body).toBe("https://lotse.example/api/oparl/v1.1/body/t1");
    expect(u.list("meeting")).toBe("https://lotse.example/api/oparl/v1.1/body/t1/meeting");
    expect(u.object("agendaItem", "a1")).toBe("https://lotse.example/api/oparl/v1.1/agendaItem/a1");
  });

  it("maps a body to an Organization with its German classification and its meetings' list", () => {
    const o = organizationObject(
      u,
      { id: "b1", name: "Lenkungsgruppe", kind: "steering_group", createdAt: at, updatedAt: at },
      ["m1"],
    );
    expect(o).toMatchObject({
      type: "https://schema.oparl.org/1.1/Organization",
      classification: "Lenkungsgruppe",
      organizationType: "Gremium",
      membership: ["https://lotse.example/api/oparl/v1.1/membership/m1"],
      meeting: "https://lotse.example/api/oparl/v1.1/body/t1/meeting?organization=b1",
    });
  });

  it("maps a member to a Person with one Membership; role in German, term as dates", () => {
    const m = {
      id: "m1",
      bodyId: "b1",
      name: "Vorsitz",
      role: "chair" as const,
      votingRight: true,
      termStart: "2026-01-01",
      termEnd: null,
      createdAt: at,
    };
    expect(membershipObject(u, m)).toMatchObject({
      role: "Vorsitz",
      startDate: "2026-01-01",
      votingRight: true,
    });
    expect(membershipObject(u, m)).not.toHaveProperty("endDate");
    expect(personObject(u, m).membership).toHaveLength(1);
  });

  it("puts results on an agenda item only when given, as resolutionText and the lotse: extension", () => {
    const row = { id: "a1", meetingId: "x", number: "2", position: 1, title: "Haushalt", createdAt: at };
    expect(agendaItemObject(u, row, null, at)).not.toHaveProperty("resolutionText");
    const withResults = agendaItemObject(
      u,
      row,
      {
        decisions: [
          { id: "d1", text: "Beschlossen.", votesYes: 3, votesNo: 0, votesAbstain: 1, measureId: null },
        ],
        actions: [{ id: "x1", title: "Umsetzen", owner: "Amt 50", dueDate: null, status: "open" }],
      },
      at,
    );
    expect(withResults).toMatchObject({
      public: true,
      order: 1,
      resolutionText: "Beschlossen.",
      result: "beschlossen",
    });
    expect(withResults["lotse:actionItems"]).toHaveLength(1);
  });

  it("marks a cancelled meeting and pages lists with first, self and next", () => {
    const m = meetingObject(
      u,
      {
        id: "m1",
        bodyId: "b1",
        title: "Sitzung",
        startsAt: at,
        endsAt: null,
        state: "cancelled",
        onlineUrl: null,
        createdAt: at,
        updatedAt: at,
      },
      [],
      null,
      false,
    );
    expect(m).toMatchObject({
      cancelled: true,
      meetingState: "abgesagt",
      organization: [u.object("organization", "b1")],
    });
    const page = listPage(`${u.list("meeting")}?limit=2&after=a`, [1, 2], {
      total: 5,
      limit: 2,
      nextAfter: "c",
    });
    expect(page.links).toEqual({
      first: `${u.list("meeting")}?limit=2`,
      self: `${u.list("meeting")}?limit=2&after=a`,
      next: `${u.list("meeting")}?limit=2&after=c`,
    });
    expect(page.pagination).toEqual({ totalElements: 5, elementsPerPage: 2, totalPages: 3 });
    expect(
      listPage(u.list("meeting"), [], { total: 0, limit: 100, nextAfter: null }).links,
    ).not.toHaveProperty("next");
  });
});
