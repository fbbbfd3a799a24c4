/**
 * A newcomer requests a welcome package by mail (issue 23 item 5, decision 123): a saved package
 * in a language, rendered by the job queue like every package; the mail, in the language of the
 * page it was asked from, carries an unguessable link to the file. The address is used for that
 * mail only: the render stores a keyed hash of it for the rate limit, never the address, and no
 * log line names it.
 */
import { createHmac } from "node:crypto";
import { catalogs } from "../../i18n/catalogs.server.ts";
import { type PublicLanguage, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { randomToken, sha256Hex } from "../../server/crypto.ts";
import { AppError } from "../../server/errors.ts";
import type { PublicPackageRequestInput } from "./contracts.ts";
import type { GuideDeps } from "./deps.ts";
import type { PackageLanguage } from "./model.ts";
import type { PackageRenderer } from "./package.ts";
import { rendersRepo } from "./package-renders.repo.ts";
import { type PackageRenders, view } from "./package-renders.ts";
import { packagesRepo } from "./packages.repo.ts";

/** Requests one mail address may make per day, and one client address per hour. */
export const REQUESTS_PER_ADDRESS_DAY = 3;
export const REQUESTS_PER_CLIENT_HOUR = 10;
const HOUR = 3_600_000;
/** Tokens are base64url of 24 random bytes (32 characters). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

const tooMany = (minutes: number) =>
  new AppError("too_many_requests", { params: { minutes }, extra: { retryAfterMinutes: minutes } });

export function createPackageRequests(deps: GuideDeps, renderer: PackageRenderer, renders: PackageRenders) {
  const { db } = deps;
  // Keyed, so a stored key cannot be matched against a list of known addresses.
  const keyOf = (purpose: string, tenantId: string, value: string) =>
    createHmac("sha256", deps.config.secretKey)
      .update(`guide-package-${purpose}:${tenantId}:${value}`)
      .digest("hex");

  async function byToken(tenantId: string, token: string) {
    if (!TOKEN_PATTERN.test(token)) throw AppError.notFound();
    const row = await rendersRepo.byToken(db, tenantId, sha256Hex(token));
    if (!row) throw AppError.notFound();
    return row;
  }

  return {
    /** The saved packages the public may ask for (name and id). */
    async publicPackages(tenantId: string) {
      return (await packagesRepo.list(db, tenantId)).map((p) => ({ id: p.id, name: p.title || p.name }));
    },

    /**
     * Queues the package and sends the link. The same token goes back to the page that asked, so
     * the newcomer can follow the progress at once (decision 132); the mail keeps it for later.
     * A filled honeypot is dropped silently (no token); more than REQUESTS_PER_ADDRESS_DAY per
     * address or REQUESTS_PER_CLIENT_HOUR per client address is 429.
     */
    async requestPackageByMail(
      tenantId: string,
      input: PublicPackageRequestInput,
      from: { language: PublicLanguage; clientIp: string | undefined },
    ): Promise<{ received: true; token: string | null }> {
      if (input.website) {
        deps.logger.info({ tenantId }, "guide package request honeypot filled, dropped");
        return { received: true, token: null };
      }
      const now = deps.clock.now().getTime();
      const addressKey = keyOf("address", tenantId, input.email.toLowerCase());
      const sourceKey = keyOf("client", tenantId, from.clientIp ?? "-");
      if (
        (await rendersRepo.countPublic(db, tenantId, { sourceKey }, new Date(now - HOUR))) >=
        REQUESTS_PER_CLIENT_HOUR
      )
        throw tooMany(60);
      if (
        (await rendersRepo.countPublic(db, tenantId, { addressKey }, new Date(now - 24 * HOUR))) >=
        REQUESTS_PER_ADDRESS_DAY
      )
        throw tooMany(24 * 60);
      const pkg = await packagesRepo.byId(db, tenantId, input.packageId);
      if (!pkg) throw AppError.validation([{ field: "packageId", code: "guide_package_unknown" }]);
      const content = { lang: input.lang, pageIds: pkg.pageIds, offerIds: pkg.offerIds };
      const resolved = await renderer.resolveContent(tenantId, content, false);
      if (!resolved.pageIds.length && !resolved.offers.length)
        throw AppError.validation([{ field: "packageId", code: "guide_package_empty" }]);
      const token = randomToken(24);
      const t = createTranslator(
        from.language,
        catalogs().get(from.language) ?? {},
        catalogs().get(SOURCE_LANGUAGE),
      );
      const base = deps.config.baseUrl.replace(/\/$/, "");
      await renders.queue(
        null,
        {
          tenantId,
          requestedBy: null,
          lang: input.lang,
          packageId: pkg.id,
          title: pkg.title || pkg.name,
          pageIds: resolved.pageIds,
          offerIds: resolved.offers.map((o) => o.id),
          tokenHash: sha256Hex(token),
          addressKey,
          sourceKey,
        },
        undefined,
        // Sent with the request's transaction: no mail for a request that was not stored.
        (tx) =>
          deps.mail.send(
            {
              tenantId,
              to: input.email,
              subject: t("guide_public.package_mail_subject"),
              text: t("guide_public.package_mail_text", {
                name: pkg.title || pkg.name,
                link: `${base}/${from.language}/welcome-package/${token}`,
              }),
            },
            { db: tx },
          ),
      );
      return { received: true, token };
    },

    /** The progress of a public request by its link (404 for an unknown or expired link). */
    async packageByToken(tenantId: string, token: string) {
      const r = view(await byToken(tenantId, token));
      return { ...r, lang: r.lang as PackageLanguage, pdfPath: null };
    },
    /** The file of a public request by its link; not found while it is queued or when it failed. */
    async packageByTokenPdf(tenantId: string, token: string) {
      const row = await byToken(tenantId, token);
      if (row.status !== "done" || !row.pdf) throw AppError.notFound();
      return { pdf: Buffer.from(row.pdf), filename: `willkommen-${row.lang}.pdf` };
    },
  };
}
