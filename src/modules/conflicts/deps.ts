import type { CoreDeps } from "../../server/deps.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AreaService } from "../areas/service.ts";
import type { AuditService } from "../audit/service.ts";
import type { JobQueue } from "../jobs/queue.ts";
import type { MailService } from "../mail/service.ts";
import type { TenantService } from "../tenants/service.ts";
import type { UserService } from "../users/service.ts";

/**
 * What the conflict module needs from others. The ports below are filled once the modules
 * built alongside exist (volunteers: mediators; network: the steering group's agenda); until
 * then mediators are staff users and an escalation is only recorded here.
 */
export type ConflictDeps = CoreDeps & {
  audit: AuditService;
  areas: Pick<AreaService, "list">;
  users: Pick<UserService, "staffNames" | "withRole">;
  mail: Pick<MailService, "send">;
  jobs: JobQueue;
  tenants: Pick<TenantService, "list" | "byId" | "onCreated">;
  /** Volunteers with the mediator qualification (issue 17). */
  mediators?: { exists(tenantId: string, id: string): Promise<boolean> };
  /** Measures of the goal tree (issue 16): the prevention plan's measures link to them. */
  measures?: {
    exists(tenantId: string, id: string): Promise<boolean>;
    refs?(tenantId: string, ids: readonly string[]): Promise<{ id: string; title: string }[]>;
  };
  /**
   * Case work's need-to-know check (issue 4): a party is linked to a case only by someone who
   * may write that case (decision 080). Without it no link is accepted.
   */
  cases?: { access(principal: Principal, caseId: string, mode: "read" | "write"): Promise<unknown> };
  /**
   * Monitoring (issue 6) takes the year's conflicts per area and kind as Lotse figures
   * (decision 088); it owns the element, the indicators and the engine's small-cell rule.
   */
  monitoring?: {
    writeConflictFigures(
      principal: Principal,
      spec: {
        period: string;
        kinds: { key: string; name: string }[];
        counts: { areaId: string | null; kind: string; n: number }[];
      },
    ): Promise<{ values: number; level: string; areas: number; unassigned: number }>;
  };
  /** The steering group's agenda (issue 18): an escalation becomes an agenda item. */
  agenda?: {
    propose(tenantId: string, item: { title: string; reference: string; reason: string }): Promise<void>;
  };
};
