import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, type Language, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
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

/**
 * Days a volunteer has to acknowledge a new version before they get no new offers
 * (decision 125): long enough for a mediator on holiday, short enough that the rules bind.
 */
export const RULES_GRACE_DAYS = 14;
const DAY_MS = 86_400_000;

const bindingFrom = (r: RuleVersionRow) => new Date(r.publishedAt.getTime() + RULES_GRACE_DAYS * DAY_MS);

const toView = (r: RuleVersionRow, acknowledged: number, translated: string[]): RuleVersionView => ({
  id: r.id,
  seq: r.seq,
  title: r.title,
  body: r.body,
  publishedAt: r.publishedAt.toISOString(),
  bindingFrom: bindingFrom(r).toISOString(),
  languages: [SOURCE_LANGUAGE, ...translated],
  acknowledged,
});

/** The current version when its grace period has ended at `at` (it then binds every offer). */
async function bindingVersion(db: DbOrTx, tenantId: string, at: Date) {
  const current = await ruleRepo.current(db, tenantId);
  return current && bindingFrom(current) <= at ? current : undefined;
}

/**
 * Active volunteers who get no new offers at `at` because the current rules are past their
 * grace period and they have not acknowledged them (decision 125; `matching.ts` "rules").
 */
export async function rulesOpenAt(db: DbOrTx, tenantId: string, at: Date): Promise<Set<string>> {
  const binding = await bindingVersion(db, tenantId, at);
  if (!binding) return new Set();
  return new Set((await ruleRepo.missing(db, tenantId, binding.id)).map((m) => m.id));
}

/** The same for one volunteer (an individual offer), whatever their status. */
export async function rulesOpenFor(db: DbOrTx, tenantId: string, volunteerId: string, at: Date) {
  const binding = await bindingVersion(db, tenantId, at);
  return binding !== undefined && !(await ruleRepo.acknowledgement(db, tenantId, volunteerId, binding.id));
}

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

  /**
   * The current version for the signed-in volunteer, in `language` (the page's) or else the
   * language of their profile, German where it has no translation; and whether and in which
   * language they acknowledged it.
   */
  async function myRules(principal: Principal, language?: Language): Promise<MyRules> {
    authorize(principal, "volunteers.rules.acknowledge");
    const t = principal.tenantId;
    const [self, current] = await Promise.all([
      volunteerRepo.byUser(db, t, principal.userId),
      ruleRepo.current(db, t),
    ]);
    const none = { current: null, acknowledgedAt: null, acknowledgedLanguage: null, blocked: false };
    if (!self) return { linked: false, ...none };
    if (!current) return { linked: true, ...none };
    const wanted = language ?? (isLanguage(self.uiLanguage) ? self.uiLanguage : SOURCE_LANGUAGE);
    const [ack, translated, languages] = await Promise.all([
      ruleRepo.acknowledgement(db, t, self.id, current.id),
      wanted === SOURCE_LANGUAGE ? undefined : ruleRepo.text(db, t, current.id, wanted),
      ruleRepo.languages(db, t),
    ]);
    const view = toView(current, 0, languages.get(current.id) ?? []);
    return {
      linked: true,
      current: {
        id: view.id,
        seq: view.seq,
        publishedAt: view.publishedAt,
        bindingFrom: view.bindingFrom,
        languages: view.languages,
        language: translated ? translated.language : SOURCE_LANGUAGE,
        title: translated ? translated.title : current.title,
        body: translated ? translated.body : current.body,
        source: translated ? { title: current.title, body: current.body } : null,
      },
      acknowledgedAt: ack?.acknowledgedAt.toISOString() ?? null,
      acknowledgedLanguage: ack?.language ?? null,
      blocked: !ack && bindingFrom(current) <= deps.clock.now(),
    };
  }

  return {
    /** Every version, newest first, and the active volunteers who have not acknowledged the current one. */
    async rulesOverview(principal: Principal): Promise<RulesOverview> {
      authorize(principal, "volunteers.rules.manage");
      const t = principal.tenantId;
      const [versions, counts, active, languages] = await Promise.all([
        ruleRepo.list(db, t),
        ruleRepo.acknowledgedCounts(db, t),
        ruleRepo.activeCount(db, t),
        ruleRepo.languages(db, t),
      ]);
      const views = versions.map((v) => toView(v, counts.get(v.id) ?? 0, languages.get(v.id) ?? []));
      const current = views[0] ?? null;
      const [missing, currentTranslations] = await Promise.all([
        ruleRepo.missing(db, t, current?.id ?? null),
        current ? ruleRepo.textsOf(db, t, current.id) : [],
      ]);
      const latest = await ruleRepo.latestOf(
        db,
        t,
        missing.map((m) => m.id),
      );
      return {
        current,
        versions: views,
        active,
        currentTranslations,
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
          await ruleRepo.insertTexts(
            tx,
            input.translations.map((tr) => ({ tenantId: t, versionId: row.id, ...tr })),
          );
          await deps.audit.record(
            {
              actor: { kind: "user", principal },
              action: "publish",
              entityType: RULES_ENTITY,
              entityId: row.id,
              changes: diff(null, { seq, languages: input.translations.map((tr) => tr.language) }),
              requestId: opts.requestId ?? null,
            },
            tx,
          );
          await mailActive(t, seq, tx);
          return toView(row, 0, input.translations.map((tr) => tr.language).sort());
        });
      } catch (e) {
        if (sqlStateOf(e) === "23505") throw AppError.versionConflict();
        throw e;
      }
    },

    myRules,

    /**
     * The signed-in volunteer acknowledges the version they read, in the language they read it.
     * Only the current one: a page left open while a newer version came out is refused, so
     * nobody confirms a text they did not see; the language must be one the version has. A
     * second submit keeps the first date and language.
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
        if (input.language !== SOURCE_LANGUAGE && !(await ruleRepo.text(tx, t, current.id, input.language)))
          throw AppError.validation([{ field: "language", code: "volunteers_rules_language" }]);
        const created = await ruleRepo.acknowledge(tx, {
          tenantId: t,
          volunteerId: self.id,
          versionId: current.id,
          acknowledgedAt: deps.clock.now(),
          language: input.language,
        });
        if (!created) return;
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "acknowledge",
            entityType: RULES_ENTITY,
            entityId: current.id,
            changes: diff(null, { seq: current.seq, volunteerId: self.id, language: input.language }),
            requestId: opts.requestId ?? null,
          },
          tx,
        );
      });
      return myRules(principal, input.language);
    },
  };
}
