import { randomToken, sha256Hex } from "../../server/crypto.ts";
import type { DbOrTx } from "../../server/db/client.ts";
import type { CrisisAlertView } from "./crisis-contracts.ts";
import { type AlertRow, type CrisisRow, crisisRepo } from "./crisis-repo.ts";
import type { ConflictDeps } from "./deps.ts";
import { crisisTypeName } from "./model.ts";
import type { ChainContact } from "./plan-contracts.ts";
import { type ConflictCrypto, mailTranslator } from "./shared.ts";

/** The job that alerts the next link when the last one alerted has not acknowledged in time. */
export const ESCALATE_JOB = "conflicts.crisis_escalate";

/**
 * The alert chain of a crisis (decision 072): the first link is mailed on activation; each next
 * link when the one before acknowledges or, at the latest, when the set minutes have passed
 * without acknowledgement (a job). A link without an e-mail address is logged with its phone
 * number for a call and the chain goes on at once. Every alert is claimed compare-and-set, so an
 * acknowledgement and the job racing alert the next link once.
 */
export function createCrisisChain(deps: ConflictDeps, crypto: ConflictCrypto) {
  const { db } = deps;

  /** The chain's rows for a new crisis; a link's real token is made when it is mailed. */
  function links(contacts: readonly ChainContact[]) {
    return contacts.map((c, i) => ({
      position: i + 1,
      role: c.role,
      name: c.name,
      phone: c.phone ?? c.deputyPhone ?? null,
      email: c.email,
      // The alert mail goes in the contact's language (decision 080).
      language: c.language ?? "de",
      // Unguessable and never handed out: no link opens a link that was not mailed.
      tokenHash: sha256Hex(randomToken()),
    }));
  }

  /**
   * Alerts the link at `position` (if not yet), then keeps going past links without e-mail, and
   * queues the escalation check for the one mailed.
   */
  async function alertFrom(tx: DbOrTx, crisis: CrisisRow, position: number, reason: "alerted" | "escalated") {
    const now = deps.clock.now();
    for (let p = position; ; p++) {
      const link = await crisisRepo.claimAlert(tx, crisis.tenantId, crisis.id, p, now);
      if (!link) return;
      if (!link.email) {
        await crisisRepo.append(tx, {
          tenantId: crisis.tenantId,
          crisisId: crisis.id,
          at: now,
          kind: "no_email",
          textEnc: crypto.encrypt(`${p}. ${link.role}: ${link.name}${link.phone ? `, ${link.phone}` : ""}`),
        });
        continue;
      }
      await mailLink(tx, crisis, link);
      await crisisRepo.append(tx, {
        tenantId: crisis.tenantId,
        crisisId: crisis.id,
        at: now,
        kind: p === 1 ? "alerted" : reason,
        textEnc: crypto.encrypt(`${p}. ${link.role}: ${link.name}`),
      });
      await deps.jobs.enqueue(
        ESCALATE_JOB,
        { crisisId: crisis.id, position: p },
        {
          tenantId: crisis.tenantId,
          runAt: new Date(now.getTime() + crisis.escalateMinutes * 60_000),
          dedupeKey: `${crisis.id}-${p}`,
        },
        tx,
      );
      return;
    }
  }

  async function mailLink(tx: DbOrTx, crisis: CrisisRow, link: AlertRow) {
    // The token is made here and only its hash kept: the link exists only in this mail.
    const token = randomToken();
    await crisisRepo.setToken(tx, link, sha256Hex(token));
    const { lang, t } = mailTranslator(link.language);
    const values = {
      type: crisisTypeName(t, crisis.type),
      role: link.role,
      position: link.position,
      link: `${deps.config.baseUrl}/${lang}/crisis-alert/${token}`,
      minutes: crisis.escalateMinutes,
    };
    const prefix = crisis.drill ? "conflicts.drill_mail" : "conflicts.crisis_mail";
    await deps.mail.send(
      {
        tenantId: crisis.tenantId,
        to: link.email!,
        subject: t(`${prefix}_subject`, values),
        text: t(`${prefix}_text`, values),
      },
      { db: tx },
    );
  }

  return {
    links,
    alertFrom,

    /** The page behind an acknowledgement link: what the link needs to know, nothing more. */
    async alertByToken(tenantId: string, token: string): Promise<CrisisAlertView | null> {
      const found = await lookup(tenantId, token);
      if (!found) return null;
      const { alert, crisis } = found;
      return {
        type: crisis.type,
        drill: crisis.drill,
        state: crisis.state,
        activatedAt: crisis.activatedAt.toISOString(),
        role: alert.role,
        name: alert.name,
        acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
      };
    },

    /** The link acknowledges: logged, and the next link is alerted now. Repeating is harmless. */
    async acknowledge(tenantId: string, token: string): Promise<boolean> {
      const found = await lookup(tenantId, token);
      if (!found) return false;
      const { alert, crisis } = found;
      if (crisis.state !== "active") return alert.acknowledgedAt !== null;
      await db.transaction(async (tx) => {
        const now = deps.clock.now();
        if (!(await crisisRepo.acknowledge(tx, alert, now))) return;
        await crisisRepo.append(tx, {
          tenantId,
          crisisId: crisis.id,
          at: now,
          kind: "acknowledged",
          textEnc: crypto.encrypt(`${alert.position}. ${alert.role}: ${alert.name}`),
        });
        await alertFrom(tx, crisis, alert.position + 1, "alerted");
      });
      return true;
    },

    register() {
      deps.jobs.register(ESCALATE_JOB, async (payload, ctx) => {
        const crisisId = String(payload.crisisId);
        const position = Number(payload.position);
        await db.transaction(async (tx) => {
          const crisis = await crisisRepo.byId(tx, ctx.tenantId, crisisId);
          if (crisis?.state !== "active") return;
          const alert = (await crisisRepo.alerts(tx, ctx.tenantId, crisisId)).find(
            (a) => a.position === position,
          );
          if (!alert || alert.acknowledgedAt) return;
          await alertFrom(tx, crisis, position + 1, "escalated");
        });
      });
    },
  };

  async function lookup(tenantId: string, token: string) {
    const alert = await crisisRepo.alertByToken(db, tenantId, sha256Hex(token));
    if (!alert) return null;
    const crisis = await crisisRepo.byId(db, tenantId, alert.crisisId);
    return crisis ? { alert, crisis } : null;
  }
}
export type CrisisChain = ReturnType<typeof createCrisisChain>;
