import type { Language } from "#app/i18n/languages.ts";
import type { Translate } from "#app/i18n/translator.ts";
import type { Tenant } from "#app/modules/tenants/service.ts";
import type { Logger } from "../logger.ts";
import type { Principal } from "../policy/roles.ts";
import type { Services } from "../services.ts";

/** Per-request values every handler can read from the Hono context. */
export type AppEnv = {
  Variables: {
    requestId: string;
    log: Logger;
    services: Services;
    tenant: Tenant;
    principal: Principal | null;
    lang: Language;
    t: Translate;
    /** The client's address (socket peer, or X-Forwarded-For behind TRUST_PROXY proxies). */
    clientIp?: string;
    /** The Content-Security-Policy nonce for this response's inline scripts. */
    secureHeadersNonce?: string;
  };
};
