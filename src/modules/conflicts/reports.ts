import { randomToken, sha256Hex } from "../../server/crypto.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { findAddresses, moveAddresses } from "./address.ts";
import type { ReportInput, StatusView } from "./contracts.ts";
import type { ConflictDeps } from "./deps.ts";
import { publicReportRepo } from "./public-report-repo.ts";
import { conflictRepo, type PostRow } from "./repo.ts";
import {
  type ConflictCrypto,
  fieldError,
  iso,
  newReference,
  sendAcknowledgement,
  serviceLevelOf,
} from "./shared.ts";
import { dueAt } from "./sla.ts";

/** Where a report comes from: a fire-alarm post's link, or the contact point taking a call. */
export type ReportSource =
  | { kind: "post"; tenantId: string; token: string; language: string }
  | {
      kind: "staff";
      principal: Principal /** Demo data and imports of earlier reports: when it was reported. */;
      at?: Date;
    };

const PLACEHOLDER = "[…]";

/** A private address in the description or place: refused until the reporter chooses. */
export function settleAddresses(input: ReportInput) {
  let { description, place, protectedDetails } = input;
  const inDescription = findAddresses(description).length > 0;
  const inPlace = place ? findAddresses(place).length > 0 : false;
  if ((inDescription || inPlace) && !input.addressChoice) {
    throw AppError.validation([
      ...(inDescription ? [{ field: "description", code: "conflict_address_in_text" }] : []),
      ...(inPlace ? [{ field: "place", code: "conflict_address_in_text" }] : []),
    ]);
  }
  if (input.addressChoice === "move") {
    const d = moveAddresses(description, PLACEHOLDER);
    const p = place ? moveAddresses(place, PLACEHOLDER) : { text: "", moved: [] };
    const moved = [...d.moved, ...p.moved];
    description = d.text;
    place = place ? p.text.trim() || null : null;
    if (moved.length) protectedDetails = [protectedDetails, moved.join("\n")].filter(Boolean).join("\n");
  }
  return { description, place, protectedDetails };
}

/** Intake: the fire-alarm posts' form, phone reports and the status link (the posts: posts.ts). */
export function createReports(deps: ConflictDeps, crypto: ConflictCrypto) {
  const { db } = deps;

  async function postOf(tenantId: string, token: string): Promise<PostRow | null> {
    if (!token || token.length > 200) return null;
    const post = await conflictRepo.postByToken(db, sha256Hex(token));
    return post && post.tenantId === tenantId ? post : null;
  }

  async function report(source: ReportSource, input: ReportInput, requestId?: string) {
    let tenantId: string;
    let post: PostRow | null = null;
    if (source.kind === "post") {
      post = await postOf(source.tenantId, source.token);
      if (!post) throw new AppError("invalid_token");
      tenantId = post.tenantId;
    } else {
      authorize(source.principal, "conflicts.report");
      tenantId = source.principal.tenantId;
    }
    const areas = await deps.areas.list(tenantId);
    if (!areas.some((a) => a.id === input.areaId)) throw fieldError("areaId", "conflict_unknown_area");
    const settled = settleAddresses(input);
    const now = (source.kind === "staff" ? source.at : undefined) ?? deps.clock.now();
    const statusToken = randomToken(24);
    const reporterEmail = input.reporterEmail ?? post?.email ?? null;
    const row = await db.transaction(async (tx) => {
      const created = await conflictRepo.insert(tx, {
        tenantId,
        reference: newReference(),
        channel: source.kind === "post" ? "post_form" : "phone",
        postId: post?.id ?? null,
        areaId: input.areaId,
        place: settled.place,
        kind: input.kind,
        urgency: input.urgency,
        parties: input.parties,
        descriptionEnc: crypto.encrypt(settled.description),
        triedEnc: crypto.encryptOptional(input.tried),
        protectedEnc: crypto.encryptOptional(settled.protectedDetails),
        reporterEmailEnc: crypto.encryptOptional(reporterEmail),
        statusTokenHash: sha256Hex(statusToken),
        reportedAt: now,
        dueAt: dueAt(now, serviceLevelOf(input.kind), input.urgency === "urgent"),
      });
      await deps.audit.record(
        {
          actor:
            source.kind === "staff"
              ? { kind: "user", principal: source.principal }
              : { kind: "system", tenantId },
          action: "create",
          entityType: "conflict",
          entityId: created.id,
          // Ids and categories only: the content is personal data.
          changes: { kind: { old: null, new: created.kind }, channel: { old: null, new: created.channel } },
          requestId: requestId ?? null,
        },
        tx,
      );
      return created;
    });
    if (reporterEmail)
      await sendAcknowledgement(
        deps,
        {
          tenantId,
          to: reporterEmail,
          language: source.kind === "post" ? source.language : (post?.language ?? "de"),
          reference: row.reference,
          statusToken,
        },
        "conflicts.ack_mail_text",
      );
    return { reference: row.reference, statusToken, id: row.id };
  }

  return {
    report,

    /** The public form: which post this link belongs to (its name) and the areas, or null. */
    async postForLink(tenantId: string, token: string) {
      const p = await postOf(tenantId, token);
      if (!p) return null;
      const areas = (await deps.areas.list(tenantId)).map((a) => ({ id: a.id, name: a.name }));
      return { name: p.name, areaId: p.areaId, language: p.language, areas };
    },

    /** The areas the staff report form offers. */
    async formAreas(principal: Principal) {
      authorize(principal, "conflicts.report");
      return (await deps.areas.list(principal.tenantId)).map((a) => ({ id: a.id, name: a.name }));
    },

    /** What the reporter may follow: state and dates, never notes, parties or handler. */
    async status(tenantId: string, token: string): Promise<StatusView | null> {
      if (!token || token.length > 200) return null;
      const c = await conflictRepo.byStatusToken(db, sha256Hex(token));
      if (!c) {
        // A public report still in moderation, or not taken up (decision 120): no reason shown.
        const p = await publicReportRepo.byStatusToken(db, sha256Hex(token));
        if (!p || p.tenantId !== tenantId) return null;
        return {
          reference: p.reference,
          kind: p.kind,
          state: p.state === "pending" ? "awaiting_moderation" : "not_taken_up",
          outcome: null,
          reportedAt: p.receivedAt.toISOString(),
          firstContactAt: null,
        };
      }
      if (c.tenantId !== tenantId) return null;
      // A duplicate merged into another conflict (decision 113): its reporter follows that one's
      // state under their own reference and report date.
      const followed = c.mergedIntoId ? await conflictRepo.byId(db, tenantId, c.mergedIntoId) : c;
      const s = followed ?? c;
      return {
        reference: c.reference,
        kind: c.kind,
        state: s.state,
        outcome: s.outcome,
        reportedAt: c.reportedAt.toISOString(),
        firstContactAt: iso(s.firstContactAt),
      };
    },
  };
}
