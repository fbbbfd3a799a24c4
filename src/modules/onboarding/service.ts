import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { ApplySeedTemplate } from "./contracts.ts";
import type { OnboardingDeps } from "./deps.ts";
import {
  CHECKS,
  type Check,
  type CheckKey,
  type OnboardingStatus,
  SEED_TEMPLATE_PARTS,
  STEPS,
  stepStatus,
} from "./model.ts";

export type { OnboardingDeps } from "./deps.ts";

/** The default sender of config.ts: mail "from localhost" reaches nobody outside the server. */
const DEFAULT_MAIL_FROM = "Lotse <no-reply@localhost>";

/**
 * The onboarding wizard (issue 15 §11, decision 097): a seed template for the tenant, the task
 * list over the other modules' data, the check of what is still missing, and go-live. Every
 * fact is read through the owning module's service; nothing here stores data of its own.
 */
export function createOnboardingService(deps: OnboardingDeps) {
  const { config } = deps;

  async function checks(principal: Principal, tenantId: string) {
    const tenant = await deps.tenants.byId(tenantId);
    if (!tenant) throw AppError.notFound();
    const [axes, areas, offices, coordinators, dpos, published, indicators, addresses] = await Promise.all([
      deps.framework.list(tenantId, "de"),
      deps.areas.list(tenantId),
      deps.offices.listSummaries(tenantId),
      deps.users.withRole(tenantId, "coordinator"),
      deps.users.withRole(tenantId, "data_protection_officer"),
      deps.directory.published(tenantId),
      deps.monitoring.indicatorCount(principal, tenantId),
      deps.addresses.count(tenantId),
    ]);
    const withoutCatchment: { name: string; href: string }[] = [];
    for (const o of offices) {
      const detail = await deps.offices.detail(tenantId, o.id);
      if (detail.areas.length === 0) withoutCatchment.push({ name: o.name, href: `/staff/offices/${o.id}` });
    }
    const facts: Record<CheckKey, boolean> = {
      template: axes.some((a) => a.terms.length > 0),
      areas: areas.length > 0,
      offices: offices.length > 0,
      catchments: offices.length > 0 && withoutCatchment.length === 0,
      published_offer: published.offers > 0,
      coordinator: coordinators.length > 0,
      privacy_contact: dpos.length > 0,
      public_contact: Boolean(tenant.settings.contactEmail),
      mail_sender: Boolean(config.smtpUrl) && config.mailFrom !== DEFAULT_MAIL_FROM,
      indicators: indicators > 0,
      address_list: addresses > 0,
    };
    const list: Check[] = CHECKS.map((c) => ({
      key: c.key,
      required: c.required,
      ok: facts[c.key],
      ...(c.key === "catchments" && withoutCatchment.length ? { items: withoutCatchment } : {}),
    }));
    return { tenant, list, organizations: published.organizations };
  }

  async function status(principal: Principal): Promise<OnboardingStatus> {
    authorize(principal, "onboarding.manage");
    const { tenant, list, organizations } = await checks(principal, principal.tenantId);
    const of = (keys: readonly CheckKey[]) => list.filter((c) => keys.includes(c.key));
    return {
      tenant: {
        name: tenant.name,
        live: tenant.liveSince !== null,
        liveSince: tenant.liveSince?.toISOString() ?? null,
        template: tenant.frameworkTemplate,
      },
      steps: STEPS.map((s) => ({
        key: s.key,
        href: s.href,
        // Published organizations without an offer yet: the directory step has begun.
        status: stepStatus(of(s.checks), s.key === "directory" && organizations > 0),
      })),
      checks: list,
      ready: list.every((c) => !c.required || c.ok),
    };
  }

  return {
    status,

    /**
     * Applies a seed template to the principal's tenant: its framework (axes and terms the tenant
     * lacks), and where the seed has them the indicator system and questionnaires. Applying it
     * again adds nothing twice (the framework matches by key, forms by code, indicators by code).
     */
    async applyTemplate(principal: Principal, input: ApplySeedTemplate, requestId?: string) {
      authorize(principal, "onboarding.manage");
      const tenantId = principal.tenantId;
      const parts = SEED_TEMPLATE_PARTS[input.template];
      // All of the template or nothing (the ambient transaction, decision 018).
      return deps.db.transaction(async () => {
        const framework = await deps.framework.applyTemplate(tenantId, input.template);
        if (parts.indicators) await deps.monitoring.installTemplates(principal, tenantId);
        const existing = new Set(await deps.forms.codes(principal));
        let forms = 0;
        for (const key of parts.forms) {
          if (existing.has(key)) continue;
          await deps.forms.createFromTemplate(principal, key);
          forms++;
        }
        await deps.tenants.setOnboarding(
          principal,
          tenantId,
          { frameworkTemplate: input.template },
          requestId,
        );
        return { ...framework, forms, indicators: parts.indicators };
      });
    },

    /**
     * Makes the public site visible. Refused (409, each missing item as a field) while a required
     * check fails; going live again changes nothing.
     */
    async goLive(principal: Principal, requestId?: string) {
      const current = await status(principal);
      const missing = current.checks.filter((c) => c.required && !c.ok).map((c) => c.key);
      if (missing.length > 0) {
        throw new AppError("conflict", {
          fields: missing.map((key) => ({ field: `checks.${key}`, code: "onboarding_missing" })),
          extra: { missing },
        });
      }
      if (current.tenant.live) return current;
      await deps.tenants.setOnboarding(principal, principal.tenantId, { live: true }, requestId);
      return status(principal);
    },
  };
}
export type OnboardingService = ReturnType<typeof createOnboardingService>;
