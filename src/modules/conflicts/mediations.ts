import { authorize, rolesFor } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { MediationsView } from "./contracts.ts";
import type { ConflictDeps } from "./deps.ts";
import { mediationRepo } from "./mediation-repo.ts";
import { type ConflictCrypto, createNamer, kindName, mailTranslator } from "./shared.ts";
import { localDate } from "./sla.ts";

/**
 * The mediator's own view (issue 20, roles; decision 113). A volunteer of the pool, signed in,
 * sees the open conflicts whose log names them mediator: reference, kind, area, place, parties
 * (pseudonyms), description, what was tried, the contact point's handler and their own entries.
 * Never the protected details, the reporter or the other log entries; closed conflicts drop out.
 * Each conflict shown is one audited read.
 */
export function createMediations(deps: ConflictDeps, crypto: ConflictCrypto) {
  const { db } = deps;
  const namer = createNamer(deps);
  return {
    /**
     * Mediators to choose from: staff users, and the pool's volunteers whose conflict-mediation
     * qualification is valid today (decision 103; the volunteers service decides who that is).
     */
    async mediators(principal: Principal) {
      authorize(principal, "conflicts.handle");
      const [staff, volunteers] = await Promise.all([
        deps.users.staffNames(principal.tenantId),
        deps.mediators
          ? deps.mediators.qualified(principal.tenantId, localDate(deps.clock.now()))
          : Promise.resolve([]),
      ]);
      return { staff, volunteers: volunteers.map((v) => ({ id: v.id, displayName: v.name })) };
    },

    async myMediations(principal: Principal, requestId?: string): Promise<MediationsView> {
      authorize(principal, "conflicts.mediate");
      const self = deps.mediators ? await deps.mediators.self(principal.tenantId, principal.userId) : null;
      if (!self) return { mediator: null, items: [] };
      const rows = await mediationRepo.openOfVolunteer(db, principal.tenantId, self.id);
      const [entries, names] = await Promise.all([
        mediationRepo.entriesOfVolunteer(
          db,
          principal.tenantId,
          self.id,
          rows.map((r) => r.id),
        ),
        namer(principal.tenantId),
      ]);
      if (rows.length) {
        await deps.audit.recordReads(
          principal,
          rows.map((r) => ({
            entityType: "conflict",
            entityId: r.id,
            exposed: {
              mediation: [self.id],
              logIds: entries.filter((e) => e.conflictId === r.id).map((e) => e.id),
            },
          })),
          { requestId: requestId ?? null },
        );
      }
      return {
        mediator: self,
        items: rows.map((r) => ({
          reference: r.reference,
          kind: r.kind,
          areaName: names.area(r.areaId),
          place: r.place,
          state: r.state,
          parties: r.parties,
          description: crypto.decrypt(r.descriptionEnc),
          tried: crypto.decryptOptional(r.triedEnc),
          handlerName: names.staff(r.handlerUserId),
          entries: entries
            .filter((e) => e.conflictId === r.id)
            .map((e) => ({
              kind: e.kind,
              text: crypto.decrypt(e.textEnc),
              happenedOn: e.happenedOn,
              reviewOn: e.reviewOn,
            })),
        })),
      };
    },
  };
}

/**
 * The mail naming a pool member mediator (decision 113), in their language, in the log entry's
 * transaction: the reference, the kind and the day, and the link to their page — never the
 * parties, the place or the log's text. Without an address nobody is mailed.
 */
export async function mailMediator(
  deps: ConflictDeps,
  tenantId: string,
  volunteerId: string,
  conflict: { reference: string; kind: string },
  day: string,
): Promise<void> {
  const to = deps.mediators ? await deps.mediators.contact(tenantId, volunteerId) : null;
  if (!to?.email) return;
  const { t } = mailTranslator(to.language);
  const values = {
    name: to.name,
    reference: conflict.reference,
    kind: kindName(t, conflict.kind),
    day,
    link: `${deps.config.baseUrl}/staff/conflicts/mediations`,
  };
  await deps.mail.send({
    tenantId,
    to: to.email,
    subject: t("conflicts.mediator_mail_subject", values),
    text: t("conflicts.mediator_mail_text", values),
  });
}

/**
 * The same mail for a staff mediator (decision 120), in their UI language: reference, kind, day.
 * The link goes to the conflict's page only when they may read conflicts (the contact point);
 * anyone else named from the staff list is told that the contact point hands the case over.
 */
export async function mailStaffMediator(
  deps: ConflictDeps,
  tenantId: string,
  userId: string,
  conflict: { id: string; reference: string; kind: string },
  day: string,
): Promise<void> {
  const user = (await deps.users.activeWithGrants(tenantId)).find((u) => u.id === userId);
  if (!user?.email) return;
  const { t } = mailTranslator(user.preferredLanguage);
  const readers = rolesFor("conflicts.read");
  const reads = user.grants.some((g) => g.scopeType === "tenant" && readers.includes(g.role));
  const values = {
    reference: conflict.reference,
    kind: kindName(t, conflict.kind),
    day,
    link: `${deps.config.baseUrl}/staff/conflicts/${conflict.id}`,
  };
  await deps.mail.send({
    tenantId,
    to: user.email,
    subject: t("conflicts.mediator_mail_subject", values),
    text: t(reads ? "conflicts.staff_mediator_mail_text" : "conflicts.staff_mediator_mail_handover", values),
  });
}
