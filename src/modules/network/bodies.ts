import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type { AddMember, CreateBody, UpdateBody } from "./contracts.ts";
import type { BodySummary, MemberView } from "./model.ts";
import { bodyRepo, meetingRepo, type Page } from "./repo.ts";
import {
  auditActor,
  bodySummary,
  check,
  fail,
  meetingSummary,
  memberView,
  type NetworkActor,
  type NetworkContext,
  tenantOf,
  withoutContact,
} from "./shared.ts";

const FIRST_MEETINGS: Page = { limit: 50, offset: 0 };

/** Bodies (Gremien) and their members. */
export function createBodies(ctx: NetworkContext) {
  const { deps } = ctx;
  const { db } = deps;

  async function checkReferences(tenantId: string, input: CreateBody): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    if (input.areaId && !(await deps.areaIds(tenantId)).has(input.areaId))
      errors.push({ field: "areaId", code: "network_unknown_reference" });
    if (input.fieldsOfAction.length) {
      const terms = await deps.termIds(tenantId);
      input.fieldsOfAction.forEach((id, i) => {
        if (!terms.has(id)) errors.push({ field: `fieldsOfAction.${i}`, code: "network_unknown_reference" });
      });
    }
    return errors;
  }

  async function view(tenantId: string, id: string, page: Page) {
    const body = await ctx.body(tenantId, id);
    const [members, meetings] = await Promise.all([
      bodyRepo.members(db, tenantId, [id]),
      meetingRepo.pageByBody(db, tenantId, id, page),
    ]);
    const today = ctx.today();
    return {
      ...bodySummary(body),
      members: members.map((m) => memberView(m, today)),
      meetings: meetings.rows.map(meetingSummary),
      meetingsTotal: meetings.total,
    };
  }

  return {
    /** The bodies of the tenant (for lists and, later, other modules' agenda pickers). */
    async bodies(tenantId: string): Promise<BodySummary[]> {
      return (await bodyRepo.list(db, tenantId)).map(bodySummary);
    },

    /** One page of the bodies by name (decision 122). */
    async listBodies(principal: Principal, page: Page): Promise<{ items: BodySummary[]; total: number }> {
      authorize(principal, "network.read");
      const { rows, total } = await bodyRepo.page(db, principal.tenantId, page);
      return { items: rows.map(bodySummary), total };
    },

    /** One page of a body's meetings, earliest first (decision 122). */
    async listMeetings(principal: Principal, bodyId: string, page: Page) {
      authorize(principal, "network.read");
      await ctx.body(principal.tenantId, bodyId);
      const { rows, total } = await meetingRepo.pageByBody(db, principal.tenantId, bodyId, page);
      return { items: rows.map(meetingSummary), total };
    },

    /**
     * The body with its members and one page of its meetings (`meetings`, the first by default);
     * the read of the members' data is audited once (decision 061).
     */
    async getBody(principal: Principal, id: string, requestId?: string, meetings: Page = FIRST_MEETINGS) {
      authorize(principal, "network.read");
      const v = await view(principal.tenantId, id, meetings);
      const members = can(principal, "network.manage") ? v.members : v.members.map(withoutContact);
      await deps.audit.recordRead(principal, "network_body", id, {
        requestId: requestId ?? null,
        exposed: { memberIds: members.map((m) => m.id) },
      });
      return { ...v, members };
    },

    async createBody(actor: NetworkActor, input: CreateBody, requestId?: string): Promise<BodySummary> {
      check(actor, "network.manage");
      const tenantId = tenantOf(actor);
      const errors = await checkReferences(tenantId, input);
      if (errors.length) throw fail(...errors);
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const row = await bodyRepo.insert(tx, { tenantId, ...input, createdAt: now, updatedAt: now });
        await deps.audit.record(
          {
            actor: auditActor(actor),
            action: "create",
            entityType: "network_body",
            entityId: row.id,
            changes: diff(null, bodySummary(row)),
            requestId: requestId ?? null,
          },
          tx,
        );
        return bodySummary(row);
      });
    },

    /** Saves only if nobody else saved since `input.version` was read. */
    async updateBody(actor: NetworkActor, id: string, input: UpdateBody, requestId?: string) {
      check(actor, "network.manage");
      const tenantId = tenantOf(actor);
      const before = await ctx.body(tenantId, id);
      const { version, ...patch } = input;
      const errors = await checkReferences(tenantId, patch);
      if (errors.length) throw fail(...errors);
      return db.transaction(async (tx) => {
        const after = await bodyRepo.updateIfVersion(tx, tenantId, id, version, patch, deps.clock.now());
        if (!after) throw AppError.versionConflict(before.version);
        await deps.audit.record(
          {
            actor: auditActor(actor),
            action: "update",
            entityType: "network_body",
            entityId: id,
            changes: diff(bodySummary(before), bodySummary(after)),
            requestId: requestId ?? null,
          },
          tx,
        );
        return bodySummary(after);
      });
    },

    /** A member (or guest); a term that has already ended is refused at its end date. */
    async addMember(
      actor: NetworkActor,
      bodyId: string,
      input: AddMember,
      requestId?: string,
    ): Promise<MemberView> {
      check(actor, "network.manage");
      const tenantId = tenantOf(actor);
      await ctx.body(tenantId, bodyId);
      const today = ctx.today();
      const errors: FieldError[] = [];
      if (input.termStart && input.termEnd && input.termEnd < input.termStart)
        errors.push({ field: "termEnd", code: "date_range" });
      else if (input.termEnd && input.termEnd < today)
        errors.push({ field: "termEnd", code: "network_term_ended" });
      if (input.organizationId) {
        const found = await deps.directory.existingIds(tenantId, "organization", [input.organizationId]);
        if (!found.has(input.organizationId))
          errors.push({ field: "organizationId", code: "network_unknown_reference" });
      }
      if (errors.length) throw fail(...errors);
      // A guest has no vote, whatever the form said.
      const votingRight = input.role === "guest" ? false : input.votingRight;
      return db.transaction(async (tx) => {
        const row = await bodyRepo.insertMember(tx, { tenantId, bodyId, ...input, votingRight });
        await deps.audit.record(
          {
            actor: auditActor(actor),
            action: "create",
            entityType: "network_member",
            entityId: row.id,
            changes: diff(null, { bodyId, role: row.role, votingRight, organizationId: row.organizationId }),
            requestId: requestId ?? null,
          },
          tx,
        );
        return memberView(row, today);
      });
    },
  };
}
