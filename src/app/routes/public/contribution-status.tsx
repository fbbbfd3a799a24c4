import { data, useLoaderData } from "react-router";
import { Notice } from "../../components/form/index.ts";
import { ContributionState } from "../../components/network/participation-public.tsx";
import { De } from "../../components/network/public.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/contribution-status";

/** A contribution followed by its tracking link (decision 077): its state, the reason, what it became. */
export function meta() {
  return [
    { title: "Lotse" },
    { name: "robots", content: "noindex" },
    { name: "referrer", content: "same-origin" },
  ];
}

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const found = await ctx.services.network.publicSite.track(ctx.tenant.id, params.token.slice(0, 200));
  return data({ found }, { headers: { "cache-control": "no-store", "referrer-policy": "same-origin" } });
}

export default function ContributionStatus() {
  const { found } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <article aria-labelledby="status-title">
      <h1 id="status-title">{t("network.contribution_status_title")}</h1>
      {found ? (
        <>
          {found.event?.published ? (
            <p>
              <a href={`/${lang}/participation/${found.event.id}`}>
                <De>{found.event.title}</De>
              </a>
            </p>
          ) : null}
          <ContributionState c={found.contribution} t={t} lang={lang} />
        </>
      ) : (
        <Notice kind="warning">{t("network.contribution_status_unknown")}</Notice>
      )}
    </article>
  );
}
