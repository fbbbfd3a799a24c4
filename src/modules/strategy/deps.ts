import type { CoreDeps } from "../../server/deps.ts";
import type { AreaService } from "../areas/service.ts";
import type { AuditService } from "../audit/service.ts";
import type { CaseFigures } from "../casework/service.ts";
import type { OfferFigures } from "../directory/service.ts";
import type { FrameworkService } from "../framework/service.ts";
import type { JobQueue } from "../jobs/queue.ts";
import type { MailService } from "../mail/service.ts";
import type { MonitoringService } from "../monitoring/service.ts";
import type { SurveyAnalysis } from "../surveys/analysis.ts";
import type { TenantService } from "../tenants/service.ts";
import type { UserService } from "../users/service.ts";

/** What the strategy service receives (wired in composition/services.ts). */
export type StrategyDeps = CoreDeps & {
  audit: AuditService;
  framework: FrameworkService;
  tenants: Pick<TenantService, "byId" | "list">;
  /** The directory's published-offer counts per framework cell and supply per area (directory/figures.ts). */
  offers: OfferFigures;
  /** Approved monitoring releases, for indicators linked to a monitoring indicator. */
  monitoring: Pick<MonitoringService, "series" | "seriesMany">;
  /** Case work's aggregates (open needs per area × life domain, referrals per area × status, persons in need per language). */
  cases: Pick<CaseFigures, "openNeedsByDomain" | "referralsByStatus" | "personsInNeedByLanguage">;
  areas: Pick<AreaService, "list">;
  /** Questionnaire answers counted by district (need signals, decision 079). */
  surveys: Pick<SurveyAnalysis, "crossTab" | "forms" | "analysableQuestions">;
  /** The implementation report's PDF is rendered by a job (decision 063). */
  jobs: JobQueue;
  /** Report rounds (decision 098): who may be asked for a narrative, and the mails asking them. */
  users: Pick<UserService, "withRole">;
  mail: Pick<MailService, "send">;
};
