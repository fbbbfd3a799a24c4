import type { CoreDeps } from "../../server/deps.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import type { CONTACT_KINDS } from "../casework/model.ts";
import type { PublicDirectory } from "../directory/service.ts";
import type { JobQueue } from "../jobs/queue.ts";
import type { MailService } from "../mail/service.ts";
import type { TenantService } from "../tenants/service.ts";
import type { TranslationService } from "../translations/service.ts";

export type OwnerChoice = { id: string; name: string };

/** What the guide service receives (wired in composition/services.ts). */
export type GuideDeps = CoreDeps & {
  audit: AuditService;
  translations: TranslationService;
  /**
   * The public directory: one offer as the public sees it today (null when archived, unpublished
   * or expired), and its offer and event search for the combined search.
   */
  offers: Pick<PublicDirectory, "offer" | "searchOffers" | "eventsInRange">;
  /** Who may own a page: the organizations the principal may edit for, and the tenant's offices. */
  owners: {
    organizations(principal: Principal): Promise<OwnerChoice[]>;
    offices(tenantId: string): Promise<OwnerChoice[]>;
    /** The tenant's published organizations (the Markdown import maps owners by name, decision 090). */
    organizationsOf(tenantId: string): Promise<OwnerChoice[]>;
  };
  /** Offers an editor may link to (the directory's picker list). */
  offerChoices(principal: Principal): Promise<OwnerChoice[]>;
  /** Case work, for handing a package out from a case (decision 082). */
  casework: GuideCasework;
  /** Mail to a page owner (the check reminder), and the daily job that sends it. */
  mail: Pick<MailService, "send">;
  jobs: JobQueue;
  tenants: Pick<TenantService, "list" | "onCreated">;
  /** Where to reach a page's owner: the organization's or the office's name and e-mail address. */
  ownerContact(
    tenantId: string,
    owner: { kind: "organization" | "office"; id: string },
  ): Promise<{ name: string; email: string | null } | null>;
};

/**
 * What the hand-out needs from case work. Need-to-know is decided there: `household` loads the
 * case for writing (the persons read is audited there) and returns the household's languages;
 * `recordContact` writes the contact through case work's own service.
 */
export type GuideCasework = {
  household(
    principal: Principal,
    caseId: string,
    opts?: { requestId?: string | null },
  ): Promise<{ reference: string; persons: { languages: { lang: string; level: string }[] }[] }>;
  recordContact(
    principal: Principal,
    caseId: string,
    contact: { kind: (typeof CONTACT_KINDS)[number]; occurredAt: string; note: string },
    opts?: { requestId?: string | null },
  ): Promise<{ id: string }>;
};
