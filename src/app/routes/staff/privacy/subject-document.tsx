import { Link } from "react-router";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/subject-document";

/** Art. 15 as a readable document (print it or save it as PDF from the browser). */
export async function loader({ params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const r = await formAction(ctx.t, () =>
    ctx.services.privacy.subjectAccess(principal, params.personId, ctx.requestId),
  );
  if ("data" in r) throw r;
  return { doc: JSON.parse(JSON.stringify(r.value)) as Record<string, unknown>, tenant: ctx.tenant.name };
}

type Json = null | string | number | boolean | Json[] | { [k: string]: Json };

function Value({ v }: { v: Json }) {
  const t = useT();
  if (v === null || v === "") return <>—</>;
  if (typeof v === "boolean") return <>{v ? t("privacy.yes") : t("privacy.no")}</>;
  if (Array.isArray(v)) {
    if (v.length === 0) return <>—</>;
    return (
      <ol>
        {v.map((x, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed document, rendered once
          <li key={i}>
            <Value v={x} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof v === "object") {
    return (
      <dl className="sa-dl">
        {Object.entries(v).map(([k, x]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>
              <Value v={x} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <>{String(v)}</>;
}

const SECTIONS = [
  "person",
  "household",
  "familyRelations",
  "cases",
  "consents",
  "referrals",
  "surveys",
  "accessLog",
] as const;

export default function SubjectDocument({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const doc = d.doc as unknown as Record<string, Json>;
  return (
    <article className="sa-document">
      <p className="no-print">
        <Link to="/staff/subject-access">{t("privacy.back")}</Link> ·{" "}
        <button type="button" onClick={() => window.print()}>
          {t("privacy.print")}
        </button>
      </p>
      <h1>{t("privacy.subject_doc_title", { tenant: d.tenant })}</h1>
      <p>{t("privacy.subject_doc_generated", { at: String(doc.generatedAt ?? "") })}</p>
      {SECTIONS.map((s) => (
        <section key={s} aria-labelledby={`sa-${s}`}>
          <h2 id={`sa-${s}`}>{t(`privacy.section_${s}`)}</h2>
          <Value v={doc[s] ?? null} />
        </section>
      ))}
    </article>
  );
}
