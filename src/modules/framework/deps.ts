import type { CoreDeps } from "../../server/deps.ts";
import type { AuditService } from "../audit/service.ts";
import type { TranslationService } from "../translations/service.ts";

/** What every part of the framework service receives. */
export type FrameworkDeps = CoreDeps & { audit: AuditService; translations: TranslationService };
