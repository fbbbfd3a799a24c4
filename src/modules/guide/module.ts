import { defineModule } from "#app/server/modules.ts";
import { registerGuideApi } from "./api.ts";
import { registerGuideMoreApi } from "./packages.api.ts";
import type { GuideService } from "./service.ts";

/** The guide module (welcome information, issue 23) as the platform sees it (decision 026). */
export const guideModule = defineModule({
  name: "guide",
  // guide_public: the strings of the public guide, search and news pages, with easy German (decision 105).
  namespaces: ["guide", "guide_public"],
  actions: [
    "guide.read",
    "guide.edit",
    "guide.publish",
    "guide.translate",
    "guide.package",
    "guide.packages.manage",
    "guide.handout",
    "guide.news",
    "guide.interchange",
  ],
  pages: ["/staff/guide", "/staff/guide/package", "/staff/guide/news"],
  http: { api: [registerGuideApi, registerGuideMoreApi] },
  // Every tenant has its next daily run (owner reminders) queued (idempotent).
  schedule: (s: { guide: GuideService }) => () => s.guide.daily.scheduleAll(),
});
