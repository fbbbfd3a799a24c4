import { defineModule } from "#app/server/modules.ts";
import type { HomeService } from "./service.ts";

/**
 * The staff home (decision 092): the items every module's `home` source gives a user, and the
 * notification mails. Its page is the staff index (owned by auth with the shell); the setting
 * sits on the account page.
 */
export const homeModule = defineModule({
  name: "home",
  namespaces: ["home"],
  actions: [],
  pages: [],
  // Every tenant has its next daily digest and its next quarter-hour run queued (idempotent).
  schedule: (s: { home: HomeService }) => () => s.home.scheduleAll(),
});
