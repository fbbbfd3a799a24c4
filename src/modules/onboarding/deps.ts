import type { CoreDeps } from "../../server/deps.ts";
import type { Principal, Role } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import type { FrameworkService } from "../framework/service.ts";
import type { FormTemplateKey } from "../surveys/model.ts";
import type { TenantService } from "../tenants/service.ts";

/**
 * What the onboarding wizard reads and writes, each through the owning module's service
 * (wired in composition/services.ts). Ports keep it from knowing more of them than it needs.
 */
export type OnboardingDeps = CoreDeps & {
  audit: AuditService;
  tenants: Pick<TenantService, "byId" | "setOnboarding">;
  framework: Pick<FrameworkService, "applyTemplate" | "list">;
  areas: { list(tenantId: string): Promise<readonly unknown[]> };
  offices: {
    listSummaries(tenantId: string): Promise<readonly { id: string; name: string }[]>;
    detail(tenantId: string, id: string): Promise<{ areas: readonly unknown[] }>;
  };
  users: { withRole(tenantId: string, role: Role): Promise<readonly unknown[]> };
  /** The directory's published organizations and offers (counts). */
  directory: { published(tenantId: string): Promise<{ offers: number; organizations: number }> };
  monitoring: {
    /** How many indicators the tenant has defined. */
    indicatorCount(principal: Principal, tenantId: string): Promise<number>;
    installTemplates(principal: Principal, tenantId: string): Promise<unknown>;
  };
  /** How many addresses the official address list holds (the office finder resolves through it). */
  addresses: { count(tenantId: string): Promise<number> };
  forms: {
    codes(principal: Principal): Promise<readonly string[]>;
    createFromTemplate(principal: Principal, key: FormTemplateKey): Promise<unknown>;
  };
};
