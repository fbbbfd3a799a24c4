import { data, Link } from "react-router";
import type { AdoptedSnapshot } from "#app/modules/strategy/service.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { ProgressText } from "../../../components/strategy-progress.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/adoption";

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  return ctx.services.strategy.adoption(principal, ctx.tenant.id, params.id).catch((e) => {
    if ((e as { code?: string }).code === "not_found") throw data(null, { status: 404 });
    throw e;
  });
}

type Node = AdoptedSnapshot["nodes"][number];

function Branch({ nodes, parentId }: { nodes: Node[]; parentId: string | null }) {
  const t = useT();
  const kids = nodes.filter((n) => n.parentId === parentId);
  if (kids.length === 0) return null;
  return (
    <ul className="strategy-tree">
      {kids.map((n) => (
        <li key={n.id}>
          <span className="hint">{t(`strategy.kind_${n.kind}`)}</span> {n.title} ·{" "}
          {t(`strategy.status_${n.status}`)} · <ProgressText progress={n.rolledUp} />
          <Branch nodes={nodes} parentId={n.id} />
        </li>
      ))}
    </ul>
  );
}

/** What the council adopted, as it was then: read from the stored snapshot, never from today's tree. */
export default function Adoption({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <p>
        <Link to="/staff/strategy">{t("strategy.title")}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      <p>{t("strategy.adoption_intro", { date: loaderData.adoptedOn })}</p>
      <Branch nodes={loaderData.snapshot.nodes} parentId={null} />
    </>
  );
}
