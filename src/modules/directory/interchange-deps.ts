import type { CoreDeps } from "../../server/deps.ts";
import type { AreaService } from "../areas/service.ts";
import type { FrameworkService } from "../framework/service.ts";
import type { TranslationService } from "../translations/service.ts";
import type { DirectoryService } from "./service.ts";

/** What the interchange (HSDS, exports) and the import get; apart so that both can name it without a cycle. */
export type InterchangeDeps = CoreDeps & {
  translations: TranslationService;
  framework: FrameworkService;
  directory: DirectoryService;
  areas: AreaService;
};
