import type { CoreDeps } from "../../server/deps.ts";
import type { AreaService } from "../areas/service.ts";
import type { CaseworkService } from "../casework/service.ts";
import type { InterchangeService } from "../directory/interchange.ts";
import type { DirectoryService } from "../directory/service.ts";
import type { FrameworkService } from "../framework/service.ts";
import type { MonitoringService } from "../monitoring/service.ts";
import type { NetworkService } from "../network/service.ts";
import type { OfficeService } from "../offices/service.ts";
import type { SurveyAnalysis } from "../surveys/analysis.ts";
import type { SurveyService } from "../surveys/service.ts";
import type { TenantService } from "../tenants/service.ts";
import type { TranslationService } from "../translations/service.ts";
import type { UserService } from "../users/service.ts";

/** The services the demo seeds through (the composition root's container has them all). */
export type DemoServices = {
  core: CoreDeps;
  tenants: TenantService;
  users: UserService;
  areas: AreaService;
  framework: FrameworkService;
  translations: TranslationService;
  offices: OfficeService;
  casework: CaseworkService;
  directory: DirectoryService;
  interchange: InterchangeService;
  monitoring: MonitoringService;
  surveys: SurveyService;
  surveyAnalysis: SurveyAnalysis;
  network: NetworkService;
};
