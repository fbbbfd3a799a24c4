import { z } from "zod";
import type { DbOrTx } from "../../server/db/client.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { validationError } from "../../server/errors.problem.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import { diff } from "../audit/service.ts";
import { tenantSettingsFields, tenantSlug, type UpdateTenantSettings } from "./contracts.ts";
import { type TenantRow, tenantRepo } from "./repo.ts";
import type { TenantSettings } from "./schema.ts";

export type Tenant = TenantRow;

/** Other modules join tenant creation through hooks (wired in composition/services.ts), not the other way round. */
export type TenantHooks = {
  /** Runs inside the creating transaction (use `tx`); throwing rolls the tenant back. */
  afterCreate?: (tenant: Tenant, tx: DbOrTx) => Promise<unknown> | undefined;
};

export function createTenantService(deps: CoreDeps & { audit: AuditService; hooks?: TenantHooks }) {
  const { db } = deps;
  const createdListeners: NonNullable<TenantHooks["afterCreate"]>[] = [];
  return {
    /**
     * A module that keeps per-tenant schedules (retention, reminders) subscribes here, so a
     * tenant created while the server runs gets them at once. Runs inside the creating transaction.
     */
    onCreated(listener: NonNullable<TenantHooks["afterCreate"]>): void {
      createdListeners.push(listener);
    },

    bySlug: (slug: string) => tenantRepo.bySlug(db, slug),
    byId: (id: string) => tenantRepo.byId(db, id),
    list: () => tenantRepo.list(db),

    /** The tenant for a request: an exact host match, else the configured default. */
    async resolveForHost(host: string | undefined): Promise<Tenant | undefined> {
      const name = normaliseHost(host);
      if (name) {
        const hit = await tenantRepo.byHostname(db, name);
        if (hit) return hit;
      }
      return (await tenantRepo.bySlug(db, deps.config.defaultTenant)) ?? (await tenantRepo.list(db))[0];
    },

    async create(input: {
      slug: string;
      name: string;
      kind: "municipality" | "county";
      frameworkTemplate?: string | null;
      hostnames?: string[];
      /** Overrides of the default settings (e.g. the demo tenant requires no second factor). */
      settings?: Partial<Pick<TenantSettings, "mfaRequiredRoles" | "defaultLanguage">>;
      /**
       * False: the tenant starts in onboarding, its public site hidden until it goes live
       * (decision 097). Default true, as for every tenant before the wizard.
       */
      live?: boolean;
    }): Promise<Tenant> {
      const slug = tenantSlug.safeParse(input.slug);
      const name = z.string().trim().min(1).max(200).safeParse(input.name);
      const issues = [
        ...(slug.success ? [] : slug.error.issues.map((i) => ({ ...i, path: ["slug", ...i.path] }))),
        ...(name.success ? [] : name.error.issues.map((i) => ({ ...i, path: ["name", ...i.path] }))),
      ];
      if (issues.length) throw validationError(issues);
      if (await tenantRepo.bySlug(db, slug.data!)) {
        throw new AppError("already_exists", { fields: [{ field: "slug", code: "taken" }] });
      }
      const overrides = tenantSettingsFields
        .pick({ mfaRequiredRoles: true, defaultLanguage: true })
        .partial()
        .safeParse(input.settings ?? {});
      if (!overrides.success) throw validationError(overrides.error.issues, "settings");
      const settings: TenantSettings = {
        mfaRequiredRoles: ["admin"],
        defaultLanguage: "de",
        ...(overrides.data as Partial<TenantSettings>),
      };
      return db.transaction(async (tx) => {
        const tenant = await tenantRepo.insert(tx, {
          slug: slug.data!,
          name: name.data!,
          kind: input.kind,
          hostnames: (input.hostnames ?? []).flatMap((h) => normaliseHost(h) ?? []),
          frameworkTemplate: input.frameworkTemplate ?? null,
          settings,
          liveSince: input.live === false ? null : deps.clock.now(),
        });
        await deps.audit.record(
          {
            actor: { kind: "system", tenantId: tenant.id },
            action: "create",
            entityType: "tenant",
            entityId: tenant.id,
            changes: diff(null, {
              slug: tenant.slug,
              name: tenant.name,
              kind: tenant.kind,
              frameworkTemplate: tenant.frameworkTemplate,
              live: tenant.liveSince !== null,
            }),
          },
          tx,
        );
        await deps.hooks?.afterCreate?.(tenant, tx);
        for (const listener of createdListeners) await listener(tenant, tx);
        return tenant;
      });
    },

    /**
     * The onboarding wizard's writes (decision 097): the seed template chosen, and going live.
     * The onboarding service authorises them and checks what is missing before `live`; nothing
     * else calls these. Audited in the caller's transaction when one is ambient.
     */
    async setOnboarding(
      principal: Principal,
      tenantId: string,
      patch: { frameworkTemplate?: string; live?: true },
      requestId?: string,
    ): Promise<Tenant> {
      const before = await tenantRepo.byId(db, tenantId);
      if (!before) throw AppError.notFound();
      const now = deps.clock.now();
      const after = await tenantRepo.setOnboarding(
        db,
        tenantId,
        {
          ...(patch.frameworkTemplate !== undefined ? { frameworkTemplate: patch.frameworkTemplate } : {}),
          ...(patch.live && before.liveSince === null ? { liveSince: now } : {}),
        },
        now,
      );
      if (!after) throw AppError.notFound();
      await deps.audit.record({
        actor: { kind: "user", principal },
        action: patch.live ? "go_live" : "update",
        entityType: "tenant",
        entityId: tenantId,
        changes: diff(
          { frameworkTemplate: before.frameworkTemplate, live: before.liveSince !== null },
          { frameworkTemplate: after.frameworkTemplate, live: after.liveSince !== null },
        ),
        requestId: requestId ?? null,
      });
      return after;
    },

    /** Saves settings only if nobody else saved since `input.version` was read. */
    async updateSettings(
      principal: Principal,
      tenantId: string,
      input: UpdateTenantSettings,
      requestId?: string,
    ): Promise<Tenant> {
      authorize(principal, "tenant.settings.update");
      const before = await tenantRepo.byId(db, tenantId);
      if (!before) throw AppError.notFound();
      const { name, smallCells, version, ...rest } = input;
      const settings: TenantSettings = { ...before.settings, ...rest };
      if (smallCells !== undefined) settings.smallCells = smallCells;
      // The change and its audit entry commit together, or neither does.
      return db.transaction(async (tx) => {
        const after = await tenantRepo.updateIfVersion(
          tx,
          tenantId,
          version,
          { name, settings },
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(before.version);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "update",
            entityType: "tenant",
            entityId: tenantId,
            changes: diff({ name: before.name, ...before.settings }, { name: after.name, ...after.settings }),
            requestId: requestId ?? null,
          },
          tx,
        );
        return after;
      });
    },
  };
}
export type TenantService = ReturnType<typeof createTenantService>;

/** Whether the tenant's public site is visible (decision 097). */
export function isLive(tenant: Pick<Tenant, "liveSince">): boolean {
  return tenant.liveSince !== null;
}

/**
 * The host name of a Host header as tenants store it: lower case, without port and without the
 * trailing dot of a fully qualified name ("Luenen.Test.:443" → "luenen.test").
 */
export function normaliseHost(host: string | undefined): string | undefined {
  if (!host) return undefined;
  let name = host.trim().toLowerCase();
  if (name.startsWith("[")) name = name.slice(0, name.indexOf("]") + 1);
  else name = name.replace(/:\d*$/, "");
  name = name.replace(/\.+$/, "");
  return name || undefined;
}
