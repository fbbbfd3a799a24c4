import { Link } from "react-router";
import { PersonSearch } from "../../../components/casework-fields.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/subject-access";

export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").slice(0, 100);
  const person = params.get("person") ?? "";
  const results = q ? await ctx.services.privacy.searchPersons(principal, q) : null;
  return { q, person, results, name: results?.find((r) => r.id === person)?.name ?? null };
}

export default function SubjectAccess({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <h1>{t("privacy.subject_title")}</h1>
      <p>{t("privacy.subject_intro")}</p>
      <PersonSearch q={d.q} results={d.results} selected={d.person} />
      {d.person && d.name ? (
        <section aria-labelledby="sa-person">
          <h2 id="sa-person">{d.name}</h2>
          <ul className="link-list">
            <li>
              <Link to={`/staff/subject-access/${d.person}`}>{t("privacy.subject_document")}</Link>
            </li>
            <li>
              <a href={`/api/v1/privacy/persons/${d.person}/export`} download>
                {t("privacy.subject_json")}
              </a>
            </li>
          </ul>
          <p className="hint">{t("privacy.subject_audited")}</p>
        </section>
      ) : null}
    </>
  );
}
