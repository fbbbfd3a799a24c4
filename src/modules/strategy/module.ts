import { defineModule } from "#app/server/modules.ts";
import { registerStrategyApi } from "./api.ts";
import { registerStrategyEvaluationApi } from "./evaluation.api.ts";
import { registerStrategyRoundsApi } from "./rounds.api.ts";
import type { StrategyService } from "./service.ts";
import { registerStrategySignalsApi } from "./signals.api.ts";

/** The strategy module as the platform sees it (decision 026). */
export const strategyModule = defineModule({
  name: "strategy",
  namespaces: ["strategy"],
  actions: [
    "strategy.read",
    "strategy.edit",
    "strategy.adopt",
    "strategy.indicators",
    "strategy.approve",
    "strategy.matrix",
    "strategy.narrate",
  ],
  pages: ["/staff/strategy"],
  http: {
    api: [
      registerStrategyApi,
      registerStrategyEvaluationApi,
      registerStrategySignalsApi,
      registerStrategyRoundsApi,
    ],
  },
  // Each open report round keeps its one reminder before the deadline queued (decision 098).
  schedule: (s: { strategy: StrategyService }) => () => s.strategy.scheduleRoundReminders(),
  home: (s: { strategy: StrategyService }) => s.strategy.home,
});
