import { Form, Link } from "react-router";
import { TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/list";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

/**
 * The address list in numbers, the way to its import, and a try-out: what a typed address
 * resolves to, exactly as the public office finder and "near" read it (decision 095).
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const summary = await ctx.services.addresses.summary(principal);
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 200);
  let tried: {
    q: string;
    found: { lon: number; lat: number; label: string | null; approximate: boolean } | null;
  } | null = null;
  if (q) {
    const coords = await ctx.services.addresses.coordinates(principal.tenantId, q);
    const hit = coords === undefined ? await ctx.services.addresses.resolve(principal.tenantId, q) : null;
    tried = {
      q,
      found: coords
        ? { lon: coords.lon, lat: coords.lat, label: null, approximate: false }
        : hit
          ? { lon: hit.lon, lat: hit.lat, label: hit.label, approximate: hit.approximate }
          : null,
    };
  }
  return {
    title: ctx.t("addresses.title"),
    summary,
    tried,
  };
}

export default function AddressList({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { summary, tried } = loaderData;
  const n = (v: number) => new Intl.NumberFormat(lang).format(v);
  return (
    <>
      <h1>{t("addresses.title")}</h1>
      <p className="lead">{t("addresses.lead")}</p>
      <dl className="facts">
        <dt>{t("addresses.count_addresses")}</dt>
        <dd>{n(summary.addresses)}</dd>
        <dt>{t("addresses.count_streets")}</dt>
        <dd>{n(summary.streets)}</dd>
        <dt>{t("addresses.count_postcodes")}</dt>
        <dd>{n(summary.postcodes)}</dd>
        <dt>{t("addresses.updated_at")}</dt>
        <dd>{summary.updatedAt ? new Date(summary.updatedAt).toLocaleString(lang) : t("addresses.never")}</dd>
      </dl>
      <p>
        <Link to="/staff/addresses/import">{t("addresses.import_link")}</Link>
      </p>
      <h2>{t("addresses.try_heading")}</h2>
      <Form method="get" className="inline-form">
        <TextField
          name="q"
          label={t("addresses.try_label")}
          hint={t("addresses.try_hint")}
          defaultValue={tried?.q ?? ""}
        />
        <div className="form-actions">
          <button type="submit">{t("addresses.try_submit")}</button>
        </div>
      </Form>
      {tried ? (
        <p role="status">
          {tried.found
            ? t(tried.found.approximate ? "addresses.try_found_approximate" : "addresses.try_found", {
                label: tried.found.label ?? "–",
                lat: tried.found.lat.toFixed(6),
                lon: tried.found.lon.toFixed(6),
              })
            : t("addresses.try_not_found", { q: tried.q })}
        </p>
      ) : null}
    </>
  );
}
