import { AppError } from "../../server/errors.ts";
import { type OParlFilter, oparlRepo } from "./oparl.repo.ts";
import {
  type AgendaRowForOParl,
  agendaItemObject,
  bodyObject,
  listPage,
  locationObject,
  type MembershipRow,
  meetingObject,
  membershipObject,
  OPARL_PAGE_SIZE,
  type OParlUrls,
  oparlUrls,
  organizationObject,
  personObject,
  systemObject,
} from "./oparl-map.ts";
import type { NetworkContext } from "./shared.ts";

export type OParlTenant = { id: string; name: string; createdAt: Date; updatedAt: Date };
/** A list request: the page's own URL, where to continue, how many, the filters. */
export type OParlListQuery = { self: string; after: string | null; limit: number; filter: OParlFilter };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => AppError.notFound();

/**
 * The public OParl 1.1 read model (decision 050): only public bodies, their meetings and public
 * agenda items; persons only with consent; results only from published minutes. Everything
 * here is public data, so no policy check: the routes are public.
 */
export function createOParl(ctx: NetworkContext) {
  const { db } = ctx.deps;

  /** Small lists (bodies, persons, places) are paged in memory by id. */
  function pageOf<T extends { id: string }>(all: T[], q: OParlListQuery) {
    const rest = q.after ? all.filter((x) => x.id > q.after!) : all;
    const data = rest.slice(0, q.limit);
    const more = rest.length > q.limit;
    return { data, total: all.length, nextAfter: more ? data[data.length - 1]!.id : null };
  }
  const inRange = (d: Date, f: OParlFilter) =>
    (!f.createdSince || d >= f.createdSince) &&
    (!f.createdUntil || d <= f.createdUntil) &&
    (!f.modifiedSince || d >= f.modifiedSince) &&
    (!f.modifiedUntil || d <= f.modifiedUntil);

  async function members(tenantId: string): Promise<MembershipRow[]> {
    return (await oparlRepo.publicMembers(db, tenantId)).map((r) => r.member);
  }

  async function places(tenantId: string) {
    const [used, all] = await Promise.all([
      oparlRepo.placeIdsOfPublicMeetings(db, tenantId),
      ctx.deps.directory.places(tenantId),
    ]);
    return all.filter((p) => used.has(p.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async function agendaObjects(
    u: OParlUrls,
    tenantId: string,
    rows: Awaited<ReturnType<typeof oparlRepo.agendaPage>>["rows"],
  ) {
    const published = rows.filter((r) => r.minutesState === "published").map((r) => r.item.id);
    const results = await oparlRepo.results(db, tenantId, published);
    return rows.map((r) => {
      const item: AgendaRowForOParl = r.item;
      const open = r.minutesState === "published";
      return agendaItemObject(
        u,
        item,
        open
          ? {
              decisions: results.decisions
                .filter((d) => d.agendaItemId === item.id)
                .map((d) => ({
                  id: d.id,
                  text: d.text,
                  votesYes: d.votesYes,
                  votesNo: d.votesNo,
                  votesAbstain: d.votesAbstain,
                  measureId: d.measureId,
                })),
              actions: results.actions
                .filter((a) => a.agendaItemId === item.id)
                .map((a) => ({
                  id: a.id,
                  title: a.title,
                  owner: a.owner,
                  dueDate: a.dueDate,
                  status: a.status,
                })),
            }
          : null,
        r.modified,
      );
    });
  }

  async function meetingObjects(
    u: OParlUrls,
    tenantId: string,
    rows: Awaited<ReturnType<typeof oparlRepo.meetingPage>>["rows"],
  ) {
    const ids = rows.map((m) => m.id);
    const published = rows.filter((m) => m.minutesState === "published").map((m) => m.id);
    const [agenda, placeList, participants] = await Promise.all([
      oparlRepo.agendaPage(db, tenantId, { after: null, limit: 100_000, meetingIds: ids, filter: {} }),
      rows.some((m) => m.placeId) ? ctx.deps.directory.places(tenantId) : Promise.resolve([]),
      oparlRepo.publicParticipants(db, tenantId, published),
    ]);
    const items = await agendaObjects(u, tenantId, agenda.rows);
    const placeById = new Map(placeList.map((p) => [p.id, p]));
    return rows.map((m) => {
      const place = m.placeId ? placeById.get(m.placeId) : undefined;
      const own = agenda.rows.flatMap((r, i) => (r.item.meetingId === m.id ? [items[i]!] : []));
      return meetingObject(
        u,
        m,
        own,
        place ? locationObject(u, place) : null,
        m.minutesState === "published",
        participants.filter((p) => p.meetingId === m.id).map((p) => p.memberId),
      );
    });
  }

  return {
    urls: oparlUrls,
    system: (origin: string, t: OParlTenant) =>
      systemObject(oparlUrls(origin, t.id), `Lotse – ${t.name}`, origin),
    body: (origin: string, t: OParlTenant) => bodyObject(oparlUrls(origin, t.id), t, origin),
    bodies(origin: string, t: OParlTenant, q: OParlListQuery) {
      const all =
        inRange(t.createdAt, q.filter) || inRange(t.updatedAt, q.filter) ? [this.body(origin, t)] : [];
      return listPage(q.self, all, { total: all.length, limit: q.limit, nextAfter: null });
    },

    async organizations(origin: string, t: OParlTenant, q: OParlListQuery) {
      const u = oparlUrls(origin, t.id);
      const [bodies, ms] = await Promise.all([oparlRepo.publicBodies(db, t.id), members(t.id)]);
      const page = pageOf(
        bodies.filter(
          (b) =>
            inRange(b.createdAt, {
              createdSince: q.filter.createdSince,
              createdUntil: q.filter.createdUntil,
            }) &&
            inRange(b.updatedAt, {
              modifiedSince: q.filter.modifiedSince,
              modifiedUntil: q.filter.modifiedUntil,
            }),
        ),
        q,
      );
      const data = page.data.map((b) =>
        organizationObject(
          u,
          b,
          ms.filter((m) => m.bodyId === b.id).map((m) => m.id),
        ),
      );
      return listPage(q.self, data, { total: page.total, limit: q.limit, nextAfter: page.nextAfter });
    },
    async organization(origin: string, t: OParlTenant, id: string) {
      const u = oparlUrls(origin, t.id);
      const [bodies, ms] = await Promise.all([oparlRepo.publicBodies(db, t.id), members(t.id)]);
      const b = bodies.find((x) => x.id === id);
      if (!b) throw notFound();
      return organizationObject(
        u,
        b,
        ms.filter((m) => m.bodyId === b.id).map((m) => m.id),
      );
    },

    async persons(origin: string, t: OParlTenant, q: OParlListQuery, kind: "person" | "membership") {
      const u = oparlUrls(origin, t.id);
      const page = pageOf(
        (await members(t.id)).filter((m) => inRange(m.createdAt, q.filter)),
        q,
      );
      const map = kind === "person" ? personObject : membershipObject;
      return listPage(
        q.self,
        page.data.map((m) => map(u, m)),
        { total: page.total, limit: q.limit, nextAfter: page.nextAfter },
      );
    },
    async person(origin: string, t: OParlTenant, id: string, kind: "person" | "membership") {
      const m = (await members(t.id)).find((x) => x.id === id);
      if (!m) throw notFound();
      return (kind === "person" ? personObject : membershipObject)(oparlUrls(origin, t.id), m);
    },

    async locations(origin: string, t: OParlTenant, q: OParlListQuery) {
      const u = oparlUrls(origin, t.id);
      const page = pageOf(await places(t.id), q);
      return listPage(
        q.self,
        page.data.map((p) => locationObject(u, p)),
        { total: page.total, limit: q.limit, nextAfter: page.nextAfter },
      );
    },
    async location(origin: string, t: OParlTenant, id: string) {
      const p = (await places(t.id)).find((x) => x.id === id);
      if (!p) throw notFound();
      return locationObject(oparlUrls(origin, t.id), p);
    },

    async meetings(
      origin: string,
      t: OParlTenant,
      q: OParlListQuery & { organization?: string | undefined },
    ) {
      const u = oparlUrls(origin, t.id);
      if (q.organization !== undefined && !UUID.test(q.organization))
        return listPage(q.self, [], { total: 0, limit: q.limit, nextAfter: null });
      const { rows, total } = await oparlRepo.meetingPage(db, t.id, { ...q, bodyId: q.organization });
      const data = await meetingObjects(u, t.id, rows);
      const nextAfter = rows.length === q.limit ? rows[rows.length - 1]!.id : null;
      return listPage(q.self, data, { total, limit: q.limit, nextAfter });
    },
    async meeting(origin: string, t: OParlTenant, id: string) {
      if (!UUID.test(id)) throw notFound();
      const m = await oparlRepo.meeting(db, t.id, id);
      if (!m) throw notFound();
      return (await meetingObjects(oparlUrls(origin, t.id), t.id, [m]))[0]!;
    },

    async agendaItems(origin: string, t: OParlTenant, q: OParlListQuery) {
      const u = oparlUrls(origin, t.id);
      const { rows, total } = await oparlRepo.agendaPage(db, t.id, q);
      const data = await agendaObjects(u, t.id, rows);
      const nextAfter = rows.length === q.limit ? rows[rows.length - 1]!.item.id : null;
      return listPage(q.self, data, { total, limit: q.limit, nextAfter });
    },
    async agendaItem(origin: string, t: OParlTenant, id: string) {
      if (!UUID.test(id)) throw notFound();
      const { rows } = await oparlRepo.agendaPage(db, t.id, { after: null, limit: 1, id, filter: {} });
      if (!rows.length) throw notFound();
      return (await agendaObjects(oparlUrls(origin, t.id), t.id, rows))[0]!;
    },

    /** Lotse keeps no papers (Drucksachen) yet: the list exists and is empty. */
    papers: (q: OParlListQuery) => listPage(q.self, [], { total: 0, limit: q.limit, nextAfter: null }),
    pageSize: OPARL_PAGE_SIZE,
  };
}
export type OParlReadModel = ReturnType<typeof createOParl>;
