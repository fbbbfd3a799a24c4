import type { CoreDeps } from "../../server/deps.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import type { PublicDirectory } from "../directory/service.ts";
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
  };
  /** Offers an editor may link to (the directory's picker list). */
  offerChoices(principal: Principal): Promise<OwnerChoice[]>;
};
