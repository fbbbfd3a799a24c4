import type { DbOrTx } from "../../server/db/client.ts";
import type { StrategyDeps } from "./deps.ts";
import { responsibleCandidates } from "./people.ts";
import type { NodeRow } from "./repo.ts";
import { roundsRepo } from "./rounds.repo.ts";
import { createRoundMail, inYear } from "./rounds-mail.ts";

/**
 * A person named responsible for a node while a round of the node's year is open is asked too
 * (issue 16, 4): they join the node's narrative (or the node gets one, if nobody was named when
 * the round opened) and get the same "asked" mail. An approved narrative stays closed: the
 * coordinator has accepted it. People taken off a node keep their access to this round's text;
 * the next round asks only the current names.
 */
export function createRoundJoin(deps: Pick<StrategyDeps, "config" | "tenants" | "mail" | "users">) {
  const mailPeople = createRoundMail(deps);
  return async function askNewlyResponsible(tx: DbOrTx, tenantId: string, node: NodeRow): Promise<number> {
    if (node.status === "dropped" || node.responsibleUserIds.length === 0) return 0;
    const rounds = (await roundsRepo.open(tx, tenantId)).filter((r) =>
      inYear(r.year, node.periodFrom, node.periodTo),
    );
    if (rounds.length === 0) return 0;
    const people = new Map((await responsibleCandidates(deps, tenantId)).map((u) => [u.id, u]));
    const named = node.responsibleUserIds.filter((u) => people.has(u));
    let sent = 0;
    for (const round of rounds) {
      const existing = await roundsRepo.ofNode(tx, tenantId, round.id, node.id);
      if (existing?.status === "approved") continue;
      const added = named.filter((u) => !existing?.userIds.includes(u));
      if (added.length === 0) continue;
      if (existing) await roundsRepo.setPeople(tx, tenantId, existing.id, [...existing.userIds, ...added]);
      else
        await roundsRepo.insertNarratives(tx, [
          { tenantId, roundId: round.id, nodeId: node.id, userIds: added },
        ]);
      sent += await mailPeople(
        tx,
        tenantId,
        "asked",
        round,
        new Map(added.map((u) => [u, [node.title]])),
        people,
      );
    }
    return sent;
  };
}
