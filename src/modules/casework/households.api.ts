import {
  type ApiRouter,
  AppError,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  problemResponses,
  z,
} from "#app/server/http/api.ts";
import {
  addPersonInput,
  householdIntakeInput,
  mergeHouseholdsInput,
  relationInput,
  updateHouseholdInput,
  updatePersonInput,
} from "./contracts.ts";
import type { DuplicateReport } from "./model.ts";
import { householdDetailOut, personOut } from "./responses.ts";
import { householdDetailView, intakeCreatedView, mergedView, personView, writtenView } from "./views.ts";

/**
 * Households and persons (issue 4). Every route names its permission; the need-to-know rule
 * (which household, which case) is decided in the service (`access.ts` through `guard.ts`),
 * and every read is audited there.
 */

export const idParam = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });
export const Person = named(personView, "Person");
export const Written = named(writtenView, "Written");
const tags = ["casework"];

/** A resemblance to existing persons: 409 with the candidates the user may see (no names of others). */
function duplicateConflict(duplicates: DuplicateReport): never {
  throw new AppError("possible_duplicate", { extra: { duplicates } });
}

export function registerHouseholdApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "post",
      path: "/households",
      permission: "cases.write",
      tags,
      summary:
        "Intake: a household with its persons and optionally a first case. 409 possible_duplicate lists similar persons (allowDuplicate: true creates anyway)",
      request: { body: jsonBody(named(householdIntakeInput, "HouseholdIntake")) },
      responses: { 201: ok(named(intakeCreatedView, "HouseholdCreated"), "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.casework.households.intake(principal, c.req.valid("json"), { requestId });
      if (r.status === "duplicates") duplicateConflict(r.duplicates);
      return c.json({ householdId: r.householdId, personIds: r.personIds, caseId: r.caseId }, 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/households/{id}",
      permission: "cases.read",
      tags,
      summary: "A household, its persons and the cases you may see (audited read)",
      request: { params: idParam },
      responses: { 200: ok(named(householdDetailView, "HouseholdDetail")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const h = await services.casework.households.get(principal, c.req.valid("param").id, { requestId });
      return c.json(householdDetailOut(h), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/households/{id}",
      permission: "cases.write",
      tags,
      summary: "Change a household (address re-places area and office); send the version you read",
      request: { params: idParam, body: jsonBody(named(updateHouseholdInput, "HouseholdUpdate")) },
      responses: { 200: ok(Written), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const h = await services.casework.households.update(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        {
          requestId,
        },
      );
      return c.json({ id: h.id, version: h.version }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/households/{id}/merge",
      permission: "cases.assign",
      tags,
      summary: "Merge a duplicate household into this one (persons and cases move; audited)",
      request: {
        params: idParam,
        body: jsonBody(named(mergeHouseholdsInput.omit({ survivorId: true }), "HouseholdMerge")),
      },
      responses: { 200: ok(named(mergedView, "HouseholdMerged")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const input = { survivorId: c.req.valid("param").id, ...c.req.valid("json") };
      return c.json(await services.casework.households.merge(principal, input, { requestId }), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/households/{id}/persons",
      permission: "cases.write",
      tags,
      summary: "Add a person to a household (409 possible_duplicate unless allowDuplicate)",
      request: { params: idParam, body: jsonBody(named(addPersonInput, "PersonCreate")) },
      responses: { 201: ok(Person, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.casework.persons.add(principal, c.req.valid("param").id, c.req.valid("json"), {
        requestId,
      });
      if (r.status === "duplicates") duplicateConflict(r.duplicates);
      return c.json(personOut(r.person), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/persons/{id}",
      permission: "cases.read",
      tags,
      summary: "One person (audited read)",
      request: { params: idParam },
      responses: { 200: ok(Person), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        personOut(await services.casework.persons.get(principal, c.req.valid("param").id, { requestId })),
        200,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/persons/{id}",
      permission: "cases.write",
      tags,
      summary: "Change a person (send the version you read)",
      request: { params: idParam, body: jsonBody(named(updatePersonInput, "PersonUpdate")) },
      responses: { 200: ok(Person), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const p = await services.casework.persons.update(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        {
          requestId,
        },
      );
      return c.json(personOut(p), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/persons/{id}/relations",
      permission: "cases.write",
      tags,
      summary: "Record a family relation to another person",
      request: { params: idParam, body: jsonBody(named(relationInput, "FamilyRelationCreate")) },
      responses: { 201: ok(Written, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.casework.persons.addRelation(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        {
          requestId,
        },
      );
      return c.json({ id: r.id }, 201);
    },
  );
}
