/**
 * OParl 1.1 mapping (decision 050): Lotse's rows as OParl objects. Pure functions; the read
 * model (oparl.ts) decides what is public. Ids are URLs under `<origin>/api/oparl/v1.1/`:
 * the tenant is the OParl Body, a Lotse body (Gremium) an Organization, a member with public
 * consent a Person, each membership a Membership, a directory place a Location. Decisions and
 * action items, which OParl lacks, go on the AgendaItem as `lotse:` extension properties.
 */
import type { ActionStatus, BodyKind, MeetingState, MemberRole } from "./model.ts";

export const OPARL_SCHEMA = "https://schema.oparl.org/1.1/";
export const OPARL_PAGE_SIZE = 100;

export type OParlUrls = ReturnType<typeof oparlUrls>;
export function oparlUrls(origin: string, tenantId: string) {
  const base = `${origin}/api/oparl/v1.1`;
  const body = `${base}/body/${tenantId}`;
  return {
    system: `${base}/`,
    bodies: `${base}/body`,
    body,
    list: (kind: OParlList) => `${body}/${kind}`,
    object: (kind: OParlObject, id: string) => `${base}/${kind}/${id}`,
  };
}
export const OPARL_LISTS = [
  "organization",
  "person",
  "meeting",
  "paper",
  "agendaItem",
  "membership",
  "location",
] as const;
export type OParlList = (typeof OPARL_LISTS)[number];
export const OPARL_OBJECTS = [
  "organization",
  "person",
  "meeting",
  "agendaItem",
  "membership",
  "location",
] as const;
export type OParlObject = (typeof OPARL_OBJECTS)[number];

/** German labels as a council information system would print them (OParl's data is German). */
const KIND_LABEL: Record<BodyKind, string> = {
  steering_group: "Lenkungsgruppe",
  working_group: "Arbeitsgruppe",
  planning_group: "Planungsgruppe",
  annual_conference: "Jahreskonferenz",
  district_conference: "Stadtteilkonferenz",
  round_table: "Runder Tisch",
  integration_council: "Integrationsrat",
  project_advisory_board: "Projektbeirat",
};
const ROLE_LABEL: Record<MemberRole, string> = {
  chair: "Vorsitz",
  secretary: "Schriftführung",
  member: "Mitglied",
  guest: "Gast",
};
const STATE_LABEL: Record<MeetingState, string> = {
  scheduled: "terminiert",
  invited: "eingeladen",
  held: "durchgeführt",
  cancelled: "abgesagt",
};

const iso = (d: Date) => d.toISOString();
const type = (name: string) => `${OPARL_SCHEMA}${name}`;

export function systemObject(u: OParlUrls, name: string, website: string) {
  return {
    id: u.system,
    type: type("System"),
    oparlVersion: OPARL_SCHEMA,
    body: u.bodies,
    name,
    website,
    vendor: "https://lotse.example.org/",
    product: "https://lotse.example.org/",
  };
}

export function bodyObject(
  u: OParlUrls,
  t: { name: string; createdAt: Date; updatedAt: Date },
  website: string,
) {
  return {
    id: u.body,
    type: type("Body"),
    system: u.system,
    name: t.name,
    website,
    organization: u.list("organization"),
    person: u.list("person"),
    meeting: u.list("meeting"),
    paper: u.list("paper"),
    agendaItem: u.list("agendaItem"),
    membership: u.list("membership"),
    locationList: u.list("location"),
    legislativeTerm: [],
    created: iso(t.createdAt),
    modified: iso(t.updatedAt),
  };
}

export type OrgRow = { id: string; name: string; kind: BodyKind; createdAt: Date; updatedAt: Date };
export function organizationObject(u: OParlUrls, b: OrgRow, membershipIds: string[]) {
  return {
    id: u.object("organization", b.id),
    type: type("Organization"),
    body: u.body,
    name: b.name,
    organizationType: "Gremium",
    classification: KIND_LABEL[b.kind],
    membership: membershipIds.map((id) => u.object("membership", id)),
    meeting: `${u.list("meeting")}?organization=${b.id}`,
    created: iso(b.createdAt),
    modified: iso(b.updatedAt),
  };
}

export type MembershipRow = {
  id: string;
  bodyId: string;
  name: string;
  role: MemberRole;
  votingRight: boolean;
  termStart: string | null;
  termEnd: string | null;
  createdAt: Date;
};
export function membershipObject(u: OParlUrls, m: MembershipRow) {
  return {
    id: u.object("membership", m.id),
    type: type("Membership"),
    person: u.object("person", m.id),
    organization: u.object("organization", m.bodyId),
    role: ROLE_LABEL[m.role],
    votingRight: m.votingRight,
    ...(m.termStart ? { startDate: m.termStart } : {}),
    ...(m.termEnd ? { endDate: m.termEnd } : {}),
    created: iso(m.createdAt),
    modified: iso(m.createdAt),
  };
}
/** A person is one membership's holder (Lotse keeps members per body); only with public consent. */
export function personObject(u: OParlUrls, m: MembershipRow) {
  return {
    id: u.object("person", m.id),
    type: type("Person"),
    body: u.body,
    name: m.name,
    membership: [membershipObject(u, m)],
    created: iso(m.createdAt),
    modified: iso(m.createdAt),
  };
}

export type PlaceRow = {
  id: string;
  name: string;
  street: string | null;
  postcode: string | null;
  city: string | null;
  lon: number;
  lat: number;
};
export function locationObject(u: OParlUrls, p: PlaceRow) {
  return {
    id: u.object("location", p.id),
    type: type("Location"),
    description: [p.name, p.street, [p.postcode, p.city].filter(Boolean).join(" ")]
      .filter(Boolean)
      .join(", "),
    ...(p.street ? { streetAddress: p.street } : {}),
    ...(p.postcode ? { postalCode: p.postcode } : {}),
    ...(p.city ? { locality: p.city } : {}),
    geojson: {
      type: "Feature",
      geometry: { type: "Point", coordinates: [p.lon, p.lat] },
      properties: { name: p.name },
    },
  };
}

export type OParlDecision = {
  id: string;
  text: string;
  votesYes: number | null;
  votesNo: number | null;
  votesAbstain: number | null;
  measureId: string | null;
};
export type OParlAction = {
  id: string;
  title: string;
  owner: string;
  dueDate: string | null;
  status: ActionStatus;
};
export type AgendaRowForOParl = {
  id: string;
  meetingId: string;
  number: string;
  position: number;
  title: string;
  createdAt: Date;
};
/** A public agenda item; its results only once the minutes are published. */
export function agendaItemObject(
  u: OParlUrls,
  a: AgendaRowForOParl,
  results: { decisions: OParlDecision[]; actions: OParlAction[] } | null,
  modified: Date,
) {
  return {
    id: u.object("agendaItem", a.id),
    type: type("AgendaItem"),
    meeting: u.object("meeting", a.meetingId),
    number: a.number,
    order: a.position,
    name: a.title,
    public: true,
    ...(results?.decisions.length
      ? {
          result: "beschlossen",
          resolutionText: results.decisions.map((d) => d.text).join("\n\n"),
          "lotse:decisions": results.decisions,
        }
      : {}),
    ...(results?.actions.length ? { "lotse:actionItems": results.actions } : {}),
    created: iso(a.createdAt),
    modified: iso(modified),
  };
}

export type MeetingRowForOParl = {
  id: string;
  bodyId: string;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  state: MeetingState;
  onlineUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
};
export function meetingObject(
  u: OParlUrls,
  m: MeetingRowForOParl,
  agenda: ReturnType<typeof agendaItemObject>[],
  location: ReturnType<typeof locationObject> | null,
  minutesPublished: boolean,
  /** Members present with public consent, once the minutes are published (decision 126). */
  participantIds: readonly string[] = [],
) {
  return {
    id: u.object("meeting", m.id),
    type: type("Meeting"),
    name: m.title,
    meetingState: STATE_LABEL[m.state],
    cancelled: m.state === "cancelled",
    start: iso(m.startsAt),
    ...(m.endsAt ? { end: iso(m.endsAt) } : {}),
    ...(location ? { location } : {}),
    organization: [u.object("organization", m.bodyId)],
    ...(participantIds.length ? { participant: participantIds.map((id) => u.object("person", id)) } : {}),
    agendaItem: agenda,
    ...(m.onlineUrl ? { "lotse:onlineUrl": m.onlineUrl } : {}),
    "lotse:minutesPublished": minutesPublished,
    created: iso(m.createdAt),
    modified: iso(m.updatedAt),
  };
}

/** One page of an external object list, as OParl 1.1 section 2.5 describes it. */
export function listPage<T>(
  selfUrl: string,
  data: T[],
  opts: { total: number; limit: number; nextAfter: string | null },
) {
  const url = new URL(selfUrl);
  const first = new URL(url);
  first.searchParams.delete("after");
  const links: Record<string, string> = { first: first.toString(), self: url.toString() };
  if (opts.nextAfter) {
    const next = new URL(url);
    next.searchParams.set("after", opts.nextAfter);
    links.next = next.toString();
  }
  return {
    data,
    pagination: {
      totalElements: opts.total,
      elementsPerPage: opts.limit,
      totalPages: Math.max(1, Math.ceil(opts.total / opts.limit)),
    },
    links,
  };
}
