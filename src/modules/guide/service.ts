import type { Principal } from "../../server/policy/roles.ts";
import type { GuideDeps } from "./deps.ts";
import type { OwnerKind } from "./model.ts";
import { createPages } from "./pages.ts";
import { createReading } from "./reading.ts";
import { applyTemplate } from "./template.ts";
import { createTranslate } from "./translate.ts";

export type { GuideDeps, OwnerChoice } from "./deps.ts";
export type { PublicText } from "./reading.ts";
export { GUIDE_TEMPLATE } from "./template.ts";

/**
 * Welcome information (issue 23): the page tree with its review workflow and versions
 * (pages.ts), translations per language (translate.ts) and the public guide (reading.ts).
 */
export function createGuideService(deps: GuideDeps) {
  const pages = createPages(deps);
  return {
    ...pages,
    /** Adds the seed template's missing pages (headings only) as drafts owned by `owner`. */
    applyTemplate: (principal: Principal, owner: { ownerKind: OwnerKind; ownerId: string }) =>
      applyTemplate(pages, principal, owner),
    ...createTranslate(deps),
    ...createReading(deps),
  };
}
export type GuideService = ReturnType<typeof createGuideService>;
