import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type { CreateVolunteer, UpdateVolunteer, VolunteerView } from "./contracts.ts";
import type { Audited, VolunteerDeps } from "./deps.ts";
import { type CertificateKind, REQUIRED_CERTIFICATES } from "./model.ts";
import { createReadAudit } from "./read-audit.ts";
import { type VolunteerRow, volunteerRepo } from "./repo.ts";

export const VOLUNTEER_ENTITY = "volunteer";

export function toVolunteerView(v: VolunteerRow): VolunteerView {
  return {
    id: v.id,
    version: v.version,
    name: v.name,
    userId: v.userId,
    email: v.email,
    phone: v.phone,
    uiLanguage: v.uiLanguage as VolunteerView["uiLanguage"],
    status: v.status,
    languages: v.languages,
    areas: v.areas,
    modes: v.modes,
    settings: v.settings,
    travelMode: v.travelMode,
    certificates: v.certificates,
    availability: v.availability,
    absences: v.absences,
  };
}

/** What the audit log keeps of a profile change: which parts changed, not the personal data. */
const auditShape = (v: Partial<CreateVolunteer> | VolunteerRow) => ({
  status: v.status,
  languages: v.languages?.map((l) => `${l.code}:${l.level}`).join(","),
  certificates: v.certificates?.map((c) => `${c.kind}:${c.validUntil ?? "-"}`).join(","),
});

/** The day a volunteer left: kept while inactive, set on leaving, cleared on return (decision 060). */
function leftOnOf(status: VolunteerRow["status"], before: string | null, today: string): string | null {
  return status === "inactive" ? (before ?? today) : null;
}

/** Volunteers' profiles (issue 17, What must work 1): personal data, need-to-know, reads audited. */
export function createProfiles(deps: VolunteerDeps) {
  const { db } = deps;
  const recordView = createReadAudit(deps);
  return {
    /** The pool list: names, languages, modes and certificate state; no contact data. */
    async list(principal: Principal) {
      authorize(principal, "volunteers.read");
      const today = deps.clock.now().toISOString().slice(0, 10);
      return (await volunteerRepo.list(db, principal.tenantId)).map((v) => {
        const required = v.certificates.filter(
          (c) => REQUIRED_CERTIFICATES.includes(c.kind) && (c.validUntil === null || c.validUntil >= today),
        );
        const expiries = required.flatMap((c) => (c.validUntil ? [c.validUntil] : [])).sort();
        return {
          id: v.id,
          name: v.name,
          status: v.status,
          languages: v.languages.map((l) => l.code),
          modes: v.modes,
          certificatesValidUntil: expiries[0] ?? null,
          certificatesComplete: REQUIRED_CERTIFICATES.every((k) => required.some((c) => c.kind === k)),
          appliedAt: v.appliedAt?.toISOString() ?? null,
        };
      });
    },

    /** One profile with contact data and certificates: audited once per view (`read-audit.ts`). */
    async get(principal: Principal, id: string, opts: Audited = {}): Promise<VolunteerView> {
      authorize(principal, "volunteers.read");
      const row = await volunteerRepo.byId(db, principal.tenantId, id);
      if (!row) throw AppError.notFound();
      await recordView(principal, VOLUNTEER_ENTITY, id, opts);
      return toVolunteerView(row);
    },

    async create(principal: Principal, input: CreateVolunteer, opts: Audited = {}): Promise<VolunteerView> {
      authorize(principal, "volunteers.manage");
      return db.transaction(async (tx) => {
        const today = deps.clock.now().toLocaleDateString("sv-SE", { timeZone: "Europe/Berlin" });
        const row = await volunteerRepo.insert(tx, {
          tenantId: principal.tenantId,
          ...input,
          leftOn: leftOnOf(input.status, null, today),
        });
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "create",
            entityType: VOLUNTEER_ENTITY,
            entityId: row.id,
            changes: diff(null, auditShape(input)),
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return toVolunteerView(row);
      });
    },

    /** Saves a profile only if nobody saved it since `version` was read. */
    async update(
      principal: Principal,
      id: string,
      input: UpdateVolunteer,
      opts: Audited = {},
    ): Promise<VolunteerView> {
      authorize(principal, "volunteers.manage");
      const { version, ...patch } = input;
      return db.transaction(async (tx) => {
        const before = await volunteerRepo.byId(tx, principal.tenantId, id);
        if (!before) throw AppError.notFound();
        const after = await volunteerRepo.updateIfVersion(
          tx,
          principal.tenantId,
          id,
          version,
          {
            ...patch,
            leftOn: leftOnOf(
              patch.status,
              before.leftOn,
              deps.clock.now().toLocaleDateString("sv-SE", { timeZone: "Europe/Berlin" }),
            ),
          },
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(before.version);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "update",
            entityType: VOLUNTEER_ENTITY,
            entityId: id,
            changes: diff(auditShape(before), auditShape(after)),
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return toVolunteerView(after);
      });
    },

    /**
     * Active volunteers holding a qualification valid on `onDate` (the conflicts module asks for
     * mediators). Names and languages only; the caller's own policy decides who sees them.
     */
    async withQualification(tenantId: string, kind: CertificateKind, onDate: string) {
      const rows = await volunteerRepo.list(db, tenantId, "active");
      return rows
        .filter((v) =>
          v.certificates.some(
            (c) =>
              c.kind === kind && c.issuedOn <= onDate && (c.validUntil === null || c.validUntil >= onDate),
          ),
        )
        .map((v) => ({ id: v.id, name: v.name, languages: v.languages.map((l) => l.code) }));
    },
  };
}
