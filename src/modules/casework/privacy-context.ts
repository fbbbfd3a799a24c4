import { z } from "zod";
import type { CoreDeps } from "../../server/deps.ts";
import { AppError } from "../../server/errors.ts";
import type { DataSubjectHooks } from "../../server/modules.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import type { MailService } from "../mail/service.ts";
import type { TenantService } from "../tenants/service.ts";
import type { UserService } from "../users/service.ts";
import { createCaseCrypto } from "./crypto.ts";
import { privacyRepo } from "./privacy.repo.ts";

export type PrivacyDeps = CoreDeps & {
  audit: AuditService;
  mail: MailService;
  users: UserService;
  tenants: TenantService;
  /** Every module's part of a data subject's rights (filled by the composition root, decision 026). */
  dataSubjects: readonly DataSubjectHooks[];
};

export const uuid = z.uuid();

/** What the parts of the privacy service share: the clock, decryption and the common lookups. */
export function createPrivacyContext(deps: PrivacyDeps) {
  const { db, config } = deps;
  const crypto = createCaseCrypto(config);
  const now = () => deps.clock.now();
  /** Decrypts an optional column; a value that no key opens reads as null (never a 500). */
  const dec = (v: string | null | undefined): string | null => {
    if (v === null || v === undefined) return null;
    try {
      return crypto.decrypt(v);
    } catch {
      return null;
    }
  };

  /** The other modules' sections of the Art. 15 export, with the ids their access log covers. */
  async function subjectSections(
    tenantId: string,
    d: { person: { id: string }; cases: { id: string; reference: string }[] },
  ) {
    const cases = d.cases.map((c) => ({ id: c.id, reference: c.reference }));
    const sections = await Promise.all(
      deps.dataSubjects.map((h) => h.subjectData?.({ tenantId, personId: d.person.id, cases })),
    );
    return sections.filter((x) => x !== undefined);
  }

  async function staffNames(tenantId: string): Promise<Map<string, string>> {
    return new Map((await deps.users.staffNames(tenantId)).map((u) => [u.id, u.displayName]));
  }

  async function findCase(tenantId: string, ref: string) {
    const byRef = await privacyRepo.caseByReference(db, tenantId, ref);
    if (byRef) return byRef;
    if (!uuid.safeParse(ref).success) return undefined;
    const c = await privacyRepo.caseById(db, tenantId, ref);
    return c ? { id: c.id, officeId: c.officeId, reference: c.reference } : undefined;
  }

  /** The person, 404 when unknown; a supervisor's grant must cover the household's office. */
  async function personFor(
    principal: Principal,
    action: "privacy.subject_access" | "privacy.erase",
    personId: string,
  ) {
    authorize(principal, action);
    const p = uuid.safeParse(personId).success
      ? await privacyRepo.person(db, principal.tenantId, personId)
      : undefined;
    if (!p) throw AppError.notFound();
    const dossier = await privacyRepo.dossier(db, principal.tenantId, p.id);
    if (!dossier) throw AppError.notFound();
    if (!can(principal, action, { officeId: dossier.household?.officeId ?? null }))
      throw AppError.forbidden();
    return dossier;
  }

  return { deps, db, now, dec, subjectSections, staffNames, findCase, personFor };
}

export type PrivacyContext = ReturnType<typeof createPrivacyContext>;
