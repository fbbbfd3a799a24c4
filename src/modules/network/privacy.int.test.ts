// Members' personal data (decision 061): need-to-know for mail addresses, audited reads once
// each, retention by the daily run, erasure on request with counts (PGlite and PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createDemoContext, type DemoContext, TEST_BASE_URL } from "../../../tests/setup/test-db.ts";
import { monthsBefore } from "./privacy.ts";

let ctx: DemoContext;
let tenantId: string;
let coordinator: string;
let board: string;
let dpo: string;
let bodyId: string;
const ids: Record<"a" | "b" | "c", string> = { a: "", b: "", c: "" };

// biome-ignore lint/suspicious/noExplicitAny: JSON responses, checked by the assertions
type Json = any;
async function api(path: string, cookie: string, method = "GET") {
  const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1${path}`, {
    method,
    headers: { "content-type": "application/json", origin: TEST_BASE_URL, cookie },
  });
  return { status: res.status, body: (await res.json()) as Json };
}
const cookieFor = async (role: "coordinator" | "board_member" | "data_protection_officer") =>
  sessionCookieFor(ctx.services, tenantId, (await createUserWithRole(ctx.services, tenantId, role)).user.id);

beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
  const net = ctx.services.network;
  const system = { kind: "system" as const, tenantId };
  bodyId = (
    await net.createBody(system, {
      name: "Datenschutz-Runde",
      kind: "round_table",
      areaId: null,
      fieldsOfAction: [],
      publicBody: true,
    })
  ).id;
  const add = (name: string, termEnd: string | null) =>
    net.addMember(system, bodyId, {
      name,
      email: `${name.toLowerCase()}@example.org`,
      language: "de",
      role: "member",
      votingRight: true,
      organizationId: null,
      termStart: null,
      termEnd,
      publicConsent: false,
    });
  ids.a = (await add("Anna", "2026-06-30")).id;
  ids.b = (await add("Bernd", "2026-06-30")).id;
  ids.c = (await add("Cem", null)).id;
  // Anna attends a meeting whose minutes are published, Bernd one whose minutes are not.
  const meeting = (startsAt: string) =>
    net.scheduleMeeting(system, bodyId, {
      title: "Sitzung",
      startsAt,
      endsAt: null,
      placeId: null,
      onlineUrl: "https://meet.example.org/runde",
      agenda: [],
    });
  const m1 = await meeting("2026-03-10T18:00");
  const m2 = await meeting("2026-03-11T18:00");
  ctx.clock.set(new Date("2026-03-12T09:00:00Z"));
  let v = (await net.setAttendance(system, m1.id, { version: m1.version, memberIds: [ids.a] })).version;
  await net.setAttendance(system, m2.id, { version: m2.version, memberIds: [ids.b] });
  for (const state of ["comments", "approved", "published"] as const)
    v = (await net.moveMinutes(system, m1.id, { version: v, state })).version;
  // Sessions are made at the clock's time (they expire when it moves on).
  coordinator = await cookieFor("coordinator");
  board = await cookieFor("board_member");
});
afterAll(() => ctx.close());

const members = async () => (await api(`/network/bodies/${bodyId}`, coordinator)).body.members as Json[];

describe("members' personal data", () => {
  it("shows mail addresses only to those who invite, and audits each read once", async () => {
    const asCoordinator = await members();
    expect(asCoordinator.find((m) => m.id === ids.a).email).toBe("anna@example.org");
    const asBoard = (await api(`/network/bodies/${bodyId}`, board)).body.members as Json[];
    expect(asBoard).toHaveLength(3);
    expect(asBoard.every((m) => m.email === null)).toBe(true);
    const reads = await ctx.services.audit.list(
      tenantId,
      { entityType: "network_body", entityId: bodyId, action: "read" },
      { limit: 10, offset: 0 },
    );
    expect(reads).toHaveLength(2);
    expect(JSON.stringify(reads[0]!.changes)).toContain(ids.c);
  });

  it("clears contact data a year after the term, deletes members after three years unless in published minutes", async () => {
    ctx.clock.set(new Date("2027-07-15T09:00:00Z"));
    coordinator = await cookieFor("coordinator");
    const first = await ctx.services.network.privacy.retention(tenantId);
    expect(first.contactsCleared).toBeGreaterThanOrEqual(2);
    let after = await members();
    expect(after.map((m) => [m.name, m.email])).toEqual([
      ["Anna", null],
      ["Bernd", null],
      ["Cem", "cem@example.org"],
    ]);
    ctx.clock.set(new Date("2029-07-15T09:00:00Z"));
    coordinator = await cookieFor("coordinator");
    dpo = await cookieFor("data_protection_officer");
    const second = await ctx.services.network.privacy.retention(tenantId);
    expect(second.membersDeleted).toBeGreaterThanOrEqual(1);
    after = await members();
    // Anna stays in the published attendance list (a public record); Bernd is gone.
    expect(after.map((m) => m.name)).toEqual(["Anna", "Cem"]);
    const entries = await ctx.services.audit.list(
      tenantId,
      { action: "retention_delete", entityType: "network_member" },
      { limit: 10, offset: 0 },
    );
    expect(entries.length).toBeGreaterThanOrEqual(1);
    // The audit entries about Bernd keep ids only.
    const aboutBernd = await ctx.services.audit.list(tenantId, { entityId: ids.b }, { limit: 10, offset: 0 });
    expect(JSON.stringify(aboutBernd)).not.toContain("round_table");
  });

  it("erases a member on request with counts; only the data-protection officer may", async () => {
    expect((await api(`/network/members/${ids.a}`, coordinator, "DELETE")).status).toBe(403);
    const erased = await api(`/network/members/${ids.a}`, dpo, "DELETE");
    expect(erased).toEqual({ status: 200, body: { members: 1, attendance: 1 } });
    expect((await members()).map((m) => m.name)).toEqual(["Cem"]);
    expect((await api(`/network/members/${ids.a}`, dpo, "DELETE")).status).toBe(404);
    const entry = await ctx.services.audit.list(
      tenantId,
      { action: "erase", entityId: ids.a },
      { limit: 5, offset: 0 },
    );
    expect(entry[0]!.changes).toEqual({
      members: { old: 1, new: 0 },
      attendance: { old: 1, new: 0 },
    });
  });

  it("computes the cut-off days", () => {
    expect(monthsBefore("2027-07-15", 12)).toBe("2026-07-15");
    expect(monthsBefore("2029-07-15", 36)).toBe("2026-07-15");
  });
});
