import { defineModule } from "#app/server/modules.ts";
import { registerGuideApi } from "./api.ts";

/** The guide module (welcome information, issue 23) as the platform sees it (decision 026). */
export const guideModule = defineModule({
  name: "guide",
  namespaces: ["guide"],
  actions: ["guide.read", "guide.edit", "guide.publish", "guide.translate", "guide.package"],
  pages: ["/staff/guide", "/staff/guide/package"],
  http: { api: [registerGuideApi] },
});
