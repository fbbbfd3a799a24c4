import { defineModule } from "#app/server/modules.ts";

/** The onboarding wizard as the platform sees it (decision 097): one page, one action. */
export const onboardingModule = defineModule({
  name: "onboarding",
  namespaces: ["onboarding"],
  actions: ["onboarding.manage"],
  pages: ["/staff/onboarding"],
});
