import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  problemResponses,
} from "#app/server/http/api.ts";
import { addPhaseInput, updatePhasesInput, updateSettingsInput } from "./contracts.ts";
import { caseworkSettingsView } from "./views.ts";

const Settings = named(caseworkSettingsView, "CaseworkSettings");
const tags = ["casework"];

/** Case-work settings: the retention period and the phase model (each change answers with the settings). */
export function registerSettingsApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/casework/settings",
      permission: "casework.settings",
      tags,
      summary: "Retention period and the phase model",
      responses: { 200: ok(Settings), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.casework.settings.get(principal), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "put",
      path: "/casework/settings",
      permission: "casework.settings",
      tags,
      summary: "Change the retention period in years (send the version you read)",
      request: { body: jsonBody(named(updateSettingsInput, "CaseworkSettingsUpdate")) },
      responses: { 200: ok(Settings), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      await services.casework.settings.update(principal, c.req.valid("json"), { requestId });
      return c.json(await services.casework.settings.get(principal), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/casework/phases",
      permission: "casework.settings",
      tags,
      summary: "Add a phase at the end of the phase model",
      request: { body: jsonBody(named(addPhaseInput, "CasePhaseCreate")) },
      responses: { 200: ok(Settings), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      await services.casework.settings.addPhase(principal, c.req.valid("json"), { requestId });
      return c.json(await services.casework.settings.get(principal), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "put",
      path: "/casework/phases",
      permission: "casework.settings",
      tags,
      summary: "Relabel, reorder or (de)activate phases",
      request: { body: jsonBody(named(updatePhasesInput, "CasePhasesUpdate")) },
      responses: { 200: ok(Settings), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      await services.casework.settings.updatePhases(principal, c.req.valid("json"), { requestId });
      return c.json(await services.casework.settings.get(principal), 200);
    },
  );
}
