/** The page tree: create, edit (optimistic lock), the draft → review → published workflow, versions. */
import type { DbOrTx } from "../../server/db/client.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize, can, type ResourceScope } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import { sanitizeRichText } from "../directory/service.ts";
import type { CreatePage, TransitionInput, UpdatePage } from "./contracts.ts";
import type { GuideDeps } from "./deps.ts";
import { checkDue, depthBelow, GUIDE_ENTITY, MAX_DEPTH, pathOf, wouldCycle } from "./model.ts";
import { guideRepo, type PageRow } from "./repo.ts";

export const scopeOf = (p: Pick<PageRow, "ownerKind" | "ownerId">): ResourceScope =>
  p.ownerKind === "organization" ? { organizationId: p.ownerId } : { officeId: p.ownerId };

const actor = (principal: Principal, requestId: string | undefined) => ({
  actor: { kind: "user" as const, principal },
  requestId: requestId ?? null,
});

const auditView = (p: PageRow) => ({
  parentId: p.parentId,
  slug: p.slug,
  title: p.title,
  status: p.status,
  ownerKind: p.ownerKind,
  ownerId: p.ownerId,
  lastCheckedOn: p.lastCheckedOn,
  offerIds: p.offerIds,
  publishedVersion: p.publishedVersion,
});

type Reindex = (tenantId: string, pageIds: readonly string[], tx?: DbOrTx) => Promise<void>;

export function createPages(deps: GuideDeps, reindex: Reindex) {
  const { db } = deps;
  const now = () => deps.clock.now();
  const today = () => now().toISOString().slice(0, 10);

  async function load(tenantId: string, id: string): Promise<PageRow> {
    const row = await guideRepo.byId(db, tenantId, id);
    if (!row) throw AppError.notFound();
    return row;
  }

  /** Every rule a page's new state must keep; field errors for the form. */
  async function check(
    principal: Principal,
    pages: PageRow[],
    id: string | null,
    next: CreatePage,
  ): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    if (next.parentId) {
      if (!pages.some((p) => p.id === next.parentId))
        return [{ field: "parentId", code: "guide_unknown_parent" }];
      if (id && wouldCycle(pages, id, next.parentId)) return [{ field: "parentId", code: "guide_cycle" }];
      if (depthBelow(pages, next.parentId) > MAX_DEPTH)
        errors.push({ field: "parentId", code: "guide_too_deep", params: { max: MAX_DEPTH } });
    }
    if (pages.some((p) => p.id !== id && p.parentId === next.parentId && p.slug === next.slug))
      errors.push({ field: "slug", code: "guide_slug_taken" });
    const owners =
      next.ownerKind === "organization"
        ? await deps.owners.organizations(principal)
        : await deps.owners.offices(principal.tenantId);
    if (!owners.some((o) => o.id === next.ownerId))
      errors.push({ field: "ownerId", code: "guide_owner_unknown" });
    const offers = await Promise.all(
      next.offerIds.map((o) => deps.offers.offer(principal.tenantId, o, "de")),
    );
    offers.forEach((o, i) => {
      if (!o) errors.push({ field: `offerIds.${i}`, code: "guide_offer_unknown" });
    });
    return errors;
  }

  function summary(pages: PageRow[], p: PageRow) {
    const { tenantId: _t, createdAt: _c, updatedAt: _u, body: _b, offerIds: _o, sort: _s, ...rest } = p;
    return { ...rest, depth: pathOf(pages, p.id).length, checkDue: checkDue(p.lastCheckedOn, today()) };
  }

  /** Depth-first order: each page followed by its children. */
  function ordered(pages: PageRow[]): PageRow[] {
    const out: PageRow[] = [];
    const visit = (parentId: string | null) => {
      for (const p of pages.filter((x) => x.parentId === parentId)) {
        out.push(p);
        visit(p.id);
      }
    };
    visit(null);
    return out;
  }

  return {
    /** The whole tree in reading order, with each page's depth, whether its check is due and its dead offer links. */
    async tree(principal: Principal) {
      authorize(principal, "guide.read");
      const pages = await guideRepo.list(db, principal.tenantId);
      // Links to offers the public no longer sees, listed for the owners (issue 23, "Bad input").
      const linked = [...new Set(pages.flatMap((p) => p.offerIds))];
      const gone = new Set(
        (
          await Promise.all(
            linked.map(async (id) => ((await deps.offers.offer(principal.tenantId, id, "de")) ? null : id)),
          )
        ).filter((id) => id !== null),
      );
      return {
        pages: ordered(pages).map((p) => ({
          ...summary(pages, p),
          deadLinks: p.offerIds.filter((id) => gone.has(id)).length,
        })),
      };
    },

    /** One page for its editor: the working copy, its path, children, versions and what the principal may do. */
    async page(principal: Principal, id: string) {
      authorize(principal, "guide.read");
      const pages = await guideRepo.list(db, principal.tenantId);
      const row = pages.find((p) => p.id === id);
      if (!row) throw AppError.notFound();
      const versions = await guideRepo.versions(db, principal.tenantId, id);
      const links = await Promise.all(
        row.offerIds.map(async (offerId) => {
          const offer = await deps.offers.offer(principal.tenantId, offerId, "de");
          return { id: offerId, title: offer?.title.text ?? null, available: offer !== null };
        }),
      );
      return {
        page: summary(pages, row),
        body: row.body,
        offerIds: row.offerIds,
        sort: row.sort,
        links,
        path: pathOf(pages, id).map((p) => ({ id: p.id, title: p.title })),
        children: pages.filter((p) => p.parentId === id).map((p) => ({ id: p.id, title: p.title })),
        versions: versions.map((v) => ({ number: v.number, title: v.title, publishedAt: v.publishedAt })),
        canEdit: can(principal, "guide.edit", scopeOf(row)),
        canPublish: can(principal, "guide.publish"),
      };
    },

    /** Pages and owners a form may choose from. */
    async choices(principal: Principal) {
      authorize(principal, "guide.read");
      const [pages, organizations, offices, offers] = await Promise.all([
        guideRepo.list(db, principal.tenantId),
        deps.owners.organizations(principal),
        deps.owners.offices(principal.tenantId),
        deps.offerChoices(principal),
      ]);
      return {
        offers: offers.map((o) => ({ id: o.id, name: o.name })),
        parents: ordered(pages).map((p) => ({ id: p.id, title: p.title, depth: pathOf(pages, p.id).length })),
        organizations,
        offices,
      };
    },

    async create(principal: Principal, input: CreatePage, requestId?: string): Promise<PageRow> {
      authorize(principal, "guide.edit", scopeOf(input));
      const pages = await guideRepo.list(db, principal.tenantId);
      const errors = await check(principal, pages, null, input);
      if (errors.length) throw AppError.validation(errors);
      return db.transaction(async (tx) => {
        const row = await guideRepo.insert(tx, {
          ...input,
          body: sanitizeRichText(input.body),
          tenantId: principal.tenantId,
          status: "draft",
        });
        await deps.audit.record(
          {
            ...actor(principal, requestId),
            action: "create",
            entityType: GUIDE_ENTITY,
            entityId: row.id,
            changes: diff(null, auditView(row)),
          },
          tx,
        );
        return row;
      });
    },

    /** Saves the working copy; a published page goes back to draft until it is published again. */
    async update(principal: Principal, id: string, input: UpdatePage, requestId?: string): Promise<PageRow> {
      authorize(principal, "guide.edit");
      const before = await load(principal.tenantId, id);
      authorize(principal, "guide.edit", scopeOf(before));
      authorize(principal, "guide.edit", scopeOf(input));
      if (before.version !== input.version) throw AppError.versionConflict(before.version);
      const pages = await guideRepo.list(db, principal.tenantId);
      const { version, ...fields } = input;
      const errors = await check(principal, pages, id, fields);
      if (errors.length) throw AppError.validation(errors);
      return db.transaction(async (tx) => {
        const after = await guideRepo.updateIfVersion(
          tx,
          principal.tenantId,
          id,
          version,
          { ...fields, body: sanitizeRichText(fields.body), status: "draft" },
          now(),
        );
        if (!after) throw AppError.versionConflict();
        await deps.audit.record(
          {
            ...actor(principal, requestId),
            action: "update",
            entityType: GUIDE_ENTITY,
            entityId: id,
            changes: diff(auditView(before), auditView(after)),
          },
          tx,
        );
        return after;
      });
    },

    /** draft → review (submit), review → published (publish), review → draft (return). */
    async transition(principal: Principal, id: string, input: TransitionInput, requestId?: string) {
      const row = await load(principal.tenantId, id);
      const from = row.status;
      const allowed =
        (input.transition === "submit" && from === "draft") ||
        (input.transition === "publish" && from === "review") ||
        (input.transition === "return" && from === "review");
      authorize(principal, input.transition === "submit" ? "guide.edit" : "guide.publish", scopeOf(row));
      if (row.version !== input.version) throw AppError.versionConflict(row.version);
      if (!allowed) throw AppError.validation([{ field: "transition", code: "guide_transition_invalid" }]);
      return db.transaction(async (tx) => {
        const publishing = input.transition === "publish";
        const number = (row.publishedVersion ?? 0) + 1;
        const after = await guideRepo.updateIfVersion(
          tx,
          principal.tenantId,
          id,
          input.version,
          publishing
            ? { status: "published", publishedVersion: number }
            : { status: input.transition === "submit" ? "review" : "draft" },
          now(),
        );
        if (!after) throw AppError.versionConflict();
        if (publishing) {
          await guideRepo.insertVersion(tx, {
            tenantId: principal.tenantId,
            pageId: id,
            number,
            title: row.title,
            body: row.body,
            offerIds: row.offerIds,
            publishedBy: principal.userId,
            publishedAt: now(),
          });
          // The German source of the translations: a change marks every translation outdated.
          const entity = { tenantId: principal.tenantId, entityType: GUIDE_ENTITY, entityId: id };
          await deps.translations.setSource(entity, "title", row.title, {
            db: tx,
            actorUserId: principal.userId,
          });
          if (row.body.trim()) {
            await deps.translations.setSource(entity, "body", row.body, {
              db: tx,
              actorUserId: principal.userId,
            });
          } else await deps.translations.clearField(entity, "body", tx);
          await reindex(principal.tenantId, [id], tx);
        }
        await deps.audit.record(
          {
            ...actor(principal, requestId),
            action: `guide.${input.transition}`,
            entityType: GUIDE_ENTITY,
            entityId: id,
            changes: diff({ status: from }, { status: after.status }),
          },
          tx,
        );
        return after;
      });
    },
  };
}
