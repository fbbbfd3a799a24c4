import type { CoreDeps } from "../../server/deps.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AreaService } from "../areas/service.ts";
import type { AuditService } from "../audit/service.ts";
import type { JobQueue } from "../jobs/queue.ts";
import type { MailService } from "../mail/service.ts";
import type { TenantService } from "../tenants/service.ts";
import type { UserService } from "../users/service.ts";

/**
 * What the conflict module needs from others. The optional ports are filled in the composition
 * root: volunteers (mediators with the qualification), network (the steering group's agenda),
 * strategy (measures), case work (cases) and monitoring (figures). Without one, what it serves
 * is refused or left out: no volunteer mediator, no agenda item.
 */
export type ConflictDeps = CoreDeps & {
  audit: AuditService;
  areas: Pick<AreaService, "list">;
  users: Pick<UserService, "staffNames" | "withRole" | "activeWithGrants">;
  mail: Pick<MailService, "send">;
  jobs: JobQueue;
  tenants: Pick<TenantService, "list" | "byId" | "onCreated">;
  /**
   * The volunteer pool (issue 17, decision 103): active volunteers with the conflict-mediation
   * qualification valid on a day, and names of pool members for the log (also after it ran out).
   */
  mediators?: {
    qualified(tenantId: string, onDate: string): Promise<{ id: string; name: string }[]>;
    names(tenantId: string, ids: readonly string[]): Promise<Map<string, string>>;
    /** The pool member linked to a user account: whose mediations the mediator's page shows (decision 113). */
    self(tenantId: string, userId: string): Promise<{ id: string; name: string } | null>;
    /** A pool member's mail address and language, for the mail naming them mediator (decision 113). */
    contact(
      tenantId: string,
      id: string,
    ): Promise<{ name: string; email: string | null; language: string } | null>;
  };
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
  /**
   * Bodies of the network (issue 18, decision 103): an escalation may put a non-public item on
   * the next meeting of the responsible body. The title carries no personal data; null when the
   * body has no meeting ahead.
   */
  agenda?: {
    bodies(tenantId: string): Promise<{ id: string; name: string; kind: string }[]>;
    propose(
      tenantId: string,
      bodyId: string,
      item: { title: string; source: string },
    ): Promise<{ meetingId: string; startsAt: string; number: string } | null>;
  };
};
