import type { CoreDeps } from "../../server/deps.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import { needRepo as repo } from "./case-records.repo.ts";
import type { CaseRecords } from "./case-records.ts";
import type { NeedInput, UpdateNeed } from "./contracts.ts";
import type { CaseCrypto } from "./crypto.ts";
import type { CaseGuard } from "./guard.ts";
import { type CaseAccess, LIFE_DOMAINS, type LifeDomain } from "./model.ts";
import { type Audited, userActor } from "./support.ts";

const isLifeDomain = (d: string): d is LifeDomain => (LIFE_DOMAINS as readonly string[]).includes(d);

/** Bedarfe: needs per life domain, for the household or one person (the note is encrypted). */
export function createNeedService(
  deps: CoreDeps & { audit: AuditService; records: CaseRecords; crypto: CaseCrypto; guard: CaseGuard },
) {
  const { db, records, crypto } = deps;
  const entity = (action: "create" | "update") => ({ type: "case_need", action });

  return {
    async add(principal: Principal, caseId: string, input: NeedInput, opts: Audited = {}) {
      return records.write(
        principal,
        caseId,
        entity("create"),
        async (c) => {
          await records.checkPerson(principal.tenantId, input.personId, c);
          const now = deps.clock.now();
          const row = await repo.insert(db, {
            tenantId: principal.tenantId,
            caseId,
            personId: input.personId,
            domain: input.domain,
            status: input.status,
            noteEnc: crypto.encryptOptional(input.note),
            createdAt: now,
            updatedAt: now,
          });
          return { id: row.id, result: row, fields: ["domain", "status", ...(input.note ? ["note"] : [])] };
        },
        opts.requestId,
      );
    },

    async update(
      principal: Principal,
      caseId: string,
      needId: string,
      input: UpdateNeed,
      opts: Audited = {},
    ) {
      return records.write(
        principal,
        caseId,
        entity("update"),
        async () => {
          const before = await records.ofCase(repo, principal.tenantId, caseId, needId);
          const after = await records.saveIfVersion(repo, principal.tenantId, before, input.version, {
            status: input.status,
            noteEnc: crypto.encryptOptional(input.note),
          });
          const fields = [
            ...(before.status !== input.status ? ["status"] : []),
            ...(crypto.decryptOptional(before.noteEnc) !== input.note ? ["note"] : []),
          ];
          return { id: needId, result: after, fields };
        },
        opts.requestId,
      );
    },

    /**
     * Opens the needs a questionnaire's answers name, in the transaction that stores the
     * response. The caller holds a write handle of the case. A domain already open (identified
     * or in progress) for the same person — or for the household when no person is named — is
     * left alone, so submitting twice or answering two forms never doubles a need.
     */
    async openFromSurvey(
      principal: Principal,
      access: CaseAccess,
      input: { domains: string[]; personId: string | null; source: string; requestId?: string | null },
    ): Promise<string[]> {
      const { caseId } = deps.guard.check(principal, access, "write");
      const existing = await repo.ofCase(db, principal.tenantId, caseId);
      const open = new Set<string>(
        existing
          .filter(
            (n) => (n.status === "identified" || n.status === "in_progress") && n.personId === input.personId,
          )
          .map((n) => n.domain),
      );
      const now = deps.clock.now();
      const created: string[] = [];
      for (const domain of input.domains) {
        if (open.has(domain) || !isLifeDomain(domain)) continue;
        const need = await repo.insert(db, {
          tenantId: principal.tenantId,
          caseId,
          personId: input.personId,
          domain,
          status: "identified",
          noteEnc: null,
          source: input.source,
          createdAt: now,
          updatedAt: now,
        });
        await deps.audit.record({
          actor: userActor(principal),
          action: "create",
          entityType: "case_need",
          entityId: need.id,
          changes: { caseId: { old: null, new: caseId }, source: { old: null, new: input.source } },
          requestId: input.requestId ?? null,
        });
        open.add(domain);
        created.push(domain);
      }
      return created;
    },
  };
}
export type NeedService = ReturnType<typeof createNeedService>;
