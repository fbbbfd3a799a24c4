import type { PublicLanguage } from "#app/i18n/languages.ts";
import type { Translate } from "#app/i18n/translator.ts";
import type { CoreDeps } from "../deps.ts";
import type { Logger } from "../logger.ts";
import type { Principal } from "../policy/roles.ts";

/**
 * The service container every handler reads. The platform sits beneath the modules and cannot
 * name their services; the composition root (src/composition/services.ts) completes this
 * interface by declaration merging (decision 026).
 */
export interface AppServices {
  core: CoreDeps;
}

/** The tenant of a request; completed by the composition root with the tenants module's type. */
export interface RequestTenant {
  id: string;
}

/** Per-request values every handler can read from the Hono context. */
export type AppEnv = {
  Variables: {
    requestId: string;
    log: Logger;
    services: AppServices;
    tenant: RequestTenant;
    principal: Principal | null;
    /** The reader's language; easy German ("de-simple") only on public pages and /api/public (decision 094). */
    lang: PublicLanguage;
    t: Translate;
    /** The client's address (socket peer, or X-Forwarded-For behind TRUST_PROXY proxies). */
    clientIp?: string;
    /** The Content-Security-Policy nonce for this response's inline scripts. */
    secureHeadersNonce?: string;
  };
};
