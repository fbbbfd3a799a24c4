import { useLoaderData } from "react-router";
import { De, formatDay } from "../../components/network/public.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/declarations";

/** Published declarations (such as the Lüner Erklärung) with the organizations that signed them. */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  return {
    declarations: await ctx.services.network.publicSite.declarations(ctx.tenant.id),
    title: ctx.t("network.public_declarations_title"),
    tenant: ctx.tenant.name,
  };
}

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · ${loaderData.tenant}` : "Lotse" }];
}

export default function Declarations() {
  const { declarations } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <>
      <h1>{t("network.public_declarations_title")}</h1>
      <p className="lead">{t("network.public_declarations_lead")}</p>
      {declarations.length === 0 ? <p>{t("network.public_no_declarations")}</p> : null}
      {declarations.map((d) => (
        <article key={d.id} aria-labelledby={`declaration-${d.id}`}>
          <h2 id={`declaration-${d.id}`}>
            <De>{d.title}</De>
          </h2>
          <p>
            <De>{d.subject}</De>
          </p>
          {d.text ? (
            <p className="network-text">
              <De>{d.text}</De>
            </p>
          ) : null}
          <h3>{t("network.public_signed_by", { count: d.signatories.length })}</h3>
          <ul>
            {d.signatories.map((s) => (
              <li key={`${s.organization}-${s.signedOn}`}>
                <De>{s.organization}</De> · <time dateTime={s.signedOn}>{formatDay(lang, s.signedOn)}</time>
              </li>
            ))}
          </ul>
        </article>
      ))}
    </>
  );
}
