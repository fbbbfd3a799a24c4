/** Saved welcome packages (decision 082): named sets of pages and offers a coordinator reuses. */
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type { SavedPackageInput, UpdateSavedPackage } from "./contracts.ts";
import type { GuideDeps } from "./deps.ts";
import type { PackageRenderer } from "./package.ts";
import { packagesRepo, type SavedPackageRow } from "./packages.repo.ts";

export const PACKAGE_ENTITY = "guide_package";

const view = (p: SavedPackageRow) => ({
  id: p.id,
  name: p.name,
  title: p.title,
  pageIds: p.pageIds,
  offerIds: p.offerIds,
  version: p.version,
});
export type SavedPackageView = ReturnType<typeof view>;

const auditView = (p: SavedPackageRow) => ({
  name: p.name,
  title: p.title,
  pageIds: p.pageIds,
  offerIds: p.offerIds,
});

export function createSavedPackages(deps: GuideDeps, renderer: PackageRenderer) {
  const { db } = deps;
  const record = (
    principal: Principal,
    action: string,
    id: string,
    changes: ReturnType<typeof diff>,
    requestId: string | undefined,
    tx = db,
  ) =>
    deps.audit.record(
      {
        actor: { kind: "user", principal },
        requestId: requestId ?? null,
        action,
        entityType: PACKAGE_ENTITY,
        entityId: id,
        changes,
      },
      tx,
    );

  /** Field errors of a package's content (every page published, every offer public today) and name. */
  async function check(principal: Principal, input: SavedPackageInput, id: string | null) {
    await renderer.resolveContent(principal.tenantId, { lang: "de", ...input }, true);
    const same = await packagesRepo.byName(db, principal.tenantId, input.name);
    if (same && same.id !== id)
      throw AppError.validation([{ field: "name", code: "guide_package_name_taken" }]);
  }

  async function load(tenantId: string, id: string) {
    const row = await packagesRepo.byId(db, tenantId, id);
    if (!row) throw AppError.notFound();
    return row;
  }

  return {
    /** Every saved package, by name (coordinators keep them, case workers hand them out). */
    async savedPackages(principal: Principal): Promise<SavedPackageView[]> {
      authorize(principal, "guide.package");
      return (await packagesRepo.list(db, principal.tenantId)).map(view);
    },
    async savedPackage(principal: Principal, id: string): Promise<SavedPackageView> {
      authorize(principal, "guide.package");
      return view(await load(principal.tenantId, id));
    },
    async createSavedPackage(principal: Principal, input: SavedPackageInput, requestId?: string) {
      authorize(principal, "guide.packages.manage");
      await check(principal, input, null);
      return db.transaction(async (tx) => {
        const row = await packagesRepo.insert(tx, principal.tenantId, input, deps.clock.now());
        await record(principal, "create", row.id, diff(null, auditView(row)), requestId, tx);
        return view(row);
      });
    },
    async updateSavedPackage(
      principal: Principal,
      id: string,
      input: UpdateSavedPackage,
      requestId?: string,
    ) {
      authorize(principal, "guide.packages.manage");
      const before = await load(principal.tenantId, id);
      if (before.version !== input.version) throw AppError.versionConflict(before.version);
      const { version, ...fields } = input;
      await check(principal, fields, id);
      return db.transaction(async (tx) => {
        const after = await packagesRepo.updateIfVersion(
          tx,
          principal.tenantId,
          id,
          version,
          fields,
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict();
        await record(principal, "update", id, diff(auditView(before), auditView(after)), requestId, tx);
        return view(after);
      });
    },
    async deleteSavedPackage(principal: Principal, id: string, requestId?: string) {
      authorize(principal, "guide.packages.manage");
      const before = await load(principal.tenantId, id);
      await db.transaction(async (tx) => {
        if (!(await packagesRepo.remove(tx, principal.tenantId, id))) throw AppError.notFound();
        await record(principal, "delete", id, diff(auditView(before), null), requestId, tx);
      });
    },
    /** For the hand-out: the saved package's content (need only guide.package). */
    load,
  };
}
