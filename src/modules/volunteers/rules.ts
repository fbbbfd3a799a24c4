import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import type { DbOrTx } from "../../server/db/client.ts";
import { sqlStateOf } from "../../server/errors.database.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type { Audited, VolunteerDeps } from "./deps.ts";
import { volunteerRepo } from "./repo.ts";
import type {
  AcknowledgeRules,
  MyRules,
  PublishRules,
  RulesOverview,
  RuleVersionView,
} from "./rule-contracts.ts";
import { type RuleVersionRow, ruleRepo } from "./rule-repo.ts";

export const RULES_ENTITY = "volunteer_rules";

const toView = (r: RuleVersionRow, acknowledged: number): RuleVersionView => ({
  id: r.id,
  seq: r.seq,
  title: r.title,
  body: r.body,
  publishedAt: r.publishedAt.toISOString(),
  acknowledged,
});

/**
 * The pool's rules (Verhaltenskodex, Schweigepflicht; issue 17, decision 110): the coordinator
 * publishes numbered versions that are never changed; every active volunteer acknowledges the
 * current one on their own page (the date is kept); a new version asks everyone again.
 */
export function createRules(deps: VolunteerDeps) {
  const { db } = deps;

  /** Tells the active volunteers with a mail address, each in their language, to read the new version. */
  async function mailActive(tenantId: string, seq: number, tx: DbOrTx) {
    const all = catalogs();
    const link = `${deps.config.baseUrl}/staff/volunteers/me/rules`;
    for (const v of await volunteerRepo.list(tx, tenantId, "active")) {
      if (!v.email) continue;
      const lang = isLanguage(v.uiLanguage) ? v.uiLanguage : SOURCE_LANGUAGE;
      const t = createTranslator(lang, all.get(lang) ?? {}, all.get(SOURCE_LANGUAGE));
      const values = { name: v.name, seq, link };
      await deps.mail.send(
        {
          tenantId,
          to: v.email,
          subject: t("volunteers.mail_rules_subject", values),
          text: t("volunteers.mail_rules_text", values),
        },
        { db: tx },
      );
    }
  }

  /** The current version for the signed-in volunteer and the date they acknowledged it. */
  async function myRules(principal: Principal): Promise<MyRules> {
    authorize(principal, "volunteers.rules.acknowledge");
    const t = principal.tenantId;
    const [self, current] = await Promise.all([
      volunteerRepo.byUser(db, t, principal.userId),
      ruleRepo.current(db, t),
    ]);
    if (!self) return { linked: false, current: null, acknowledgedAt: null };
    const ack = current ? await ruleRepo.acknowledgement(db, t, self.id, current.id) : undefined;
    return {
      linked: true,
      current: current
        ? {
            id: current.id,
            seq: current.seq,
            title: current.title,
            body: current.body,
            publishedAt: current.publishedAt.toISOString(),
          }
        : null,
      acknowledgedAt: ack?.acknowledgedAt.toISOString() ?? null,
    };
  }

  return {
    /** Every version, newest first, and the active volunteers who have not acknowledged the current one. */
    async rulesOverview(principal: Principal): Promise<RulesOverview> {
      authorize(principal, "volunteers.rules.manage");
      const t = principal.tenantId;
      const [versions, counts, active] = await Promise.all([
        ruleRepo.list(db, t),
        ruleRepo.acknowledgedCounts(db, t),
        ruleRepo.activeCount(db, t),
      ]);
      const views = versions.map((v) => toView(v, counts.get(v.id) ?? 0));
      const current = views[0] ?? null;
      const missing = await ruleRepo.missing(db, t, current?.id ?? null);
      const latest = await ruleRepo.latestOf(
        db,
        t,
        missing.map((m) => m.id),
      );
      return {
        current,
        versions: views,
        active,
        missing: missing.map((m) => {
          const last = latest.get(m.id);
          return {
            volunteerId: m.id,
            name: m.name,
            lastSeq: last?.seq ?? null,
            lastAt: last?.at.toISOString() ?? null,
          };
        }),
      };
    },

    /**
     * Publishes the next version. `basedOn` names the version the coordinator saw: a newer one
     * published meanwhile is a conflict (also when two publish at the same moment: the unique
     * number refuses the second).
     */
    async publishRules(
      principal: Principal,
      input: PublishRules,
      opts: Audited = {},
    ): Promise<RuleVersionView> {
      authorize(principal, "volunteers.rules.manage");
      const t = principal.tenantId;
      try {
        return await db.transaction(async (tx) => {
          const seq = ((await ruleRepo.current(tx, t))?.seq ?? 0) + 1;
          if (seq !== input.basedOn + 1) throw AppError.versionConflict(seq - 1);
          const row = await ruleRepo.insert(tx, {
            tenantId: t,
            seq,
            title: input.title,
            body: input.body,
            publishedBy: principal.userId,
            publishedAt: deps.clock.now(),
          });
          await deps.audit.record(
            {
              actor: { kind: "user", principal },
              action: "publish",
              entityType: RULES_ENTITY,
              entityId: row.id,
              changes: diff(null, { seq }),
              requestId: opts.requestId ?? null,
            },
            tx,
          );
          await mailActive(t, seq, tx);
          return toView(row, 0);
        });
      } catch (e) {
        if (sqlStateOf(e) === "23505") throw AppError.versionConflict();
        throw e;
      }
    },

    myRules,

    /**
     * The signed-in volunteer acknowledges the version they read. Only the current one: a page
     * left open while a newer version came out is refused, so nobody confirms a text they did not
     * see. A second submit keeps the first date.
     */
    async acknowledgeRules(
      principal: Principal,
      input: AcknowledgeRules,
      opts: Audited = {},
    ): Promise<MyRules> {
      authorize(principal, "volunteers.rules.acknowledge");
      const t = principal.tenantId;
      await db.transaction(async (tx) => {
        const self = await volunteerRepo.byUser(tx, t, principal.userId);
        if (!self) throw AppError.notFound();
        const current = await ruleRepo.current(tx, t);
        if (!current || current.id !== input.versionId)
          throw AppError.validation([{ field: "versionId", code: "volunteers_rules_outdated" }]);
        const created = await ruleRepo.acknowledge(tx, {
          tenantId: t,
          volunteerId: self.id,
          versionId: current.id,
          acknowledgedAt: deps.clock.now(),
        });
        if (!created) return;
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "acknowledge",
            entityType: RULES_ENTITY,
            entityId: current.id,
            changes: diff(null, { seq: current.seq, volunteerId: self.id }),
            requestId: opts.requestId ?? null,
          },
          tx,
        );
      });
      return myRules(principal);
    },
  };
}
