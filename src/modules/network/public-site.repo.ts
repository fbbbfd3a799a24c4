import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import {
  networkAgreements as agreements,
  networkBodies as bodies,
  networkMeetings as meetings,
  networkSignatories as signatories,
} from "./schema.ts";

const publicBodyJoin = and(
  eq(bodies.tenantId, meetings.tenantId),
  eq(bodies.id, meetings.bodyId),
  eq(bodies.publicBody, true),
);
const meetingColumns = {
  id: meetings.id,
  bodyId: meetings.bodyId,
  title: meetings.title,
  startsAt: meetings.startsAt,
  endsAt: meetings.endsAt,
  placeId: meetings.placeId,
  onlineUrl: meetings.onlineUrl,
  state: meetings.state,
  minutesState: meetings.minutesState,
  updatedAt: meetings.updatedAt,
  bodyName: bodies.name,
  bodyKind: bodies.kind,
};

/** What the public site reads: meetings of public bodies, published declarations. */
export const publicSiteRepo = {
  /** Meetings of public bodies starting in [from, to), earliest first. */
  async meetingsBetween(db: DbOrTx, tenantId: string, from: Date, to: Date) {
    return db
      .select(meetingColumns)
      .from(meetings)
      .innerJoin(bodies, publicBodyJoin)
      .where(and(eq(meetings.tenantId, tenantId), gte(meetings.startsAt, from), lt(meetings.startsAt, to)))
      .orderBy(asc(meetings.startsAt), asc(meetings.id));
  },
  async meeting(db: DbOrTx, tenantId: string, id: string) {
    const [row] = await db
      .select(meetingColumns)
      .from(meetings)
      .innerJoin(bodies, publicBodyJoin)
      .where(and(eq(meetings.tenantId, tenantId), eq(meetings.id, id)));
    return row;
  },
  async publishedDeclarations(db: DbOrTx, tenantId: string) {
    return db
      .select()
      .from(agreements)
      .where(
        and(
          eq(agreements.tenantId, tenantId),
          eq(agreements.kind, "declaration"),
          eq(agreements.published, true),
        ),
      )
      .orderBy(asc(agreements.startDate), asc(agreements.title));
  },
  /** The signing organizations only: a declaration's public list names no persons. */
  async signingOrganizations(db: DbOrTx, tenantId: string, agreementIds: readonly string[]) {
    if (!agreementIds.length) return [];
    return db
      .select({
        agreementId: signatories.agreementId,
        organizationId: signatories.organizationId,
        signedOn: signatories.signedOn,
      })
      .from(signatories)
      .where(and(eq(signatories.tenantId, tenantId), inArray(signatories.agreementId, [...agreementIds])))
      .orderBy(asc(signatories.signedOn), asc(signatories.id));
  },
};
export type PublicMeetingRow = Awaited<ReturnType<typeof publicSiteRepo.meetingsBetween>>[number];
