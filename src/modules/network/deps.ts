import type { CoreDeps } from "../../server/deps.ts";
import type { AuditService } from "../audit/service.ts";
import type { JobQueue } from "../jobs/queue.ts";
import type { MailService } from "../mail/service.ts";
import type { TenantService } from "../tenants/service.ts";

/** The directory entries a body or meeting refers to (organizations, places). */
export type NetworkDirectoryPort = {
  /** Which of these ids exist as entries of the type. */
  existingIds(tenantId: string, type: "organization" | "place", ids: readonly string[]): Promise<Set<string>>;
  /** Names of directory organizations (the signatories of public declarations); unknown ids are left out. */
  organizationNames(tenantId: string, ids: readonly string[]): Promise<Map<string, string>>;
  /** Names and addresses of published places (for OParl Location and the meeting view). */
  places(tenantId: string): Promise<
    {
      id: string;
      name: string;
      street: string | null;
      postcode: string | null;
      city: string | null;
      lon: number;
      lat: number;
    }[]
  >;
};

/** What the network module needs of other modules; the strategy module (issue 16) plugs in `measures`. */
export type NetworkDeps = CoreDeps & {
  audit: AuditService;
  mail: MailService;
  /** The daily retention run (decision 061) is a queued job per tenant. */
  jobs: JobQueue;
  tenants: Pick<TenantService, "list" | "onCreated" | "byId">;
  directory: NetworkDirectoryPort;
  /** Which areas and framework terms exist (checked when a body is saved). */
  areaIds(tenantId: string): Promise<Set<string>>;
  termIds(tenantId: string): Promise<Set<string>>;
  /** Coordinators, who get the daily reminder digest (decision 085). */
  coordinators(tenantId: string): Promise<{ email: string; preferredLanguage: string | null }[]>;
  /** Staff display names (authors of minutes comments). */
  staffNames(tenantId: string): Promise<{ id: string; displayName: string }[]>;
  /** Goal-tree measures (strategy, issue 16); absent until it is wired: a measure link is refused. */
  measures?: { exists(tenantId: string, id: string): Promise<boolean> } | undefined;
};
