import { defineModule } from "#app/server/modules.ts";
import { registerStrategyApi } from "./api.ts";
import { registerStrategyEvaluationApi } from "./evaluation.api.ts";
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
  ],
  pages: ["/staff/strategy"],
  http: { api: [registerStrategyApi, registerStrategyEvaluationApi, registerStrategySignalsApi] },
});
