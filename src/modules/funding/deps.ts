import type { CoreDeps } from "../../server/deps.ts";
import type { AuditService } from "../audit/service.ts";
import type { FrameworkService } from "../framework/service.ts";
import type { JobQueue } from "../jobs/queue.ts";
import type { MailService } from "../mail/service.ts";
import type { SurveyService } from "../surveys/service.ts";
import type { TenantService } from "../tenants/service.ts";
import type { UserService } from "../users/service.ts";

/** A file of an image, audio or file answer of the report questionnaire, as the page posts it. */
export type ReportUpload = NonNullable<Parameters<SurveyService["foreign"]["submit"]>[3]>[number];

/**
 * What the funding service needs. Strategy measures (issue 16) and network meetings (issue 18)
 * are built in parallel: their links come through these optional ports, wired in
 * composition/services.ts once those modules exist. Without a port a link is refused.
 */
export type FundingDeps = CoreDeps & {
  audit: AuditService;
  mail: MailService;
  framework: FrameworkService;
  tenants: TenantService;
  /** Decision letters are rendered, and retention runs daily, in jobs. */
  jobs: JobQueue;
  users: UserService;
  /** The tenant's areas: an application names the one it works in (numbers per area). */
  areas: { list(tenantId: string): Promise<{ id: string; name: string }[]> };
  measures?: {
    exists(tenantId: string, id: string): Promise<boolean>;
    refs(tenantId: string, ids: readonly string[]): Promise<{ id: string; title: string; path: string[] }[]>;
  };
  /** Directory offers by id (the directory's referral-target service): names of those that exist. */
  offers?: { names(tenantId: string, ids: string[]): Promise<Map<string, string>> };
  meetings?: { exists(tenantId: string, id: string): Promise<boolean> };
  /**
   * The surveys module's responses kept by another module (decision 131): the call's narrative
   * report questionnaire. Without it a call cannot name one and reports stay free text.
   */
  reports?: SurveyService["foreign"];
};
