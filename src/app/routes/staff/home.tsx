import type { HomeSeverity, HomeText } from "#app/server/home.ts";
import { Notice } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/home";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

/**
 * The staff home (decision 092): what needs the user, per module, from every module's home
 * source. Dates and language names are made here, on the server, so the page hydrates alike.
 */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const sections = await ctx.services.home.sections(principal);
  const dates = new Intl.DateTimeFormat(ctx.lang, { dateStyle: "medium", timeZone: "UTC" });
  let languages: Intl.DisplayNames | undefined;
  try {
    languages = new Intl.DisplayNames([ctx.lang, "de"], { type: "language" });
  } catch {
    languages = undefined;
  }
  const text = (title: string | HomeText): { text: string } | HomeText => {
    if (typeof title === "string") return { text: title };
    const language = title.values?.language;
    return typeof language === "string"
      ? { key: title.key, values: { ...title.values, language: languages?.of(language) ?? language } }
      : title;
  };
  return {
    title: ctx.t("home.title"),
    sections: sections.map((s) => ({
      module: s.module,
      headingKey: s.headingKey,
      items: s.items.map((i) => ({
        kind: i.kind,
        labelKey: i.labelKey,
        count: i.count,
        severity: i.severity,
        href: i.href,
        entries: i.entries.map((e) => ({
          key: e.key,
          title: text(e.title),
          due: e.due ? dates.format(new Date(`${e.due}T00:00:00Z`)) : null,
          href: e.href,
        })),
      })),
    })),
  };
}

const SEVERITY_CLASS: Record<HomeSeverity, string> = {
  overdue: "badge badge-expired",
  due: "badge badge-warning",
  info: "badge",
};

export default function StaffHome({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { sections } = loaderData;
  return (
    <>
      <h1>{t("home.title")}</h1>
      {sections.length === 0 ? (
        <Notice kind="success">{t("home.nothing_due")}</Notice>
      ) : (
        <p className="lead">{t("home.lead")}</p>
      )}
      {sections.map((s) => (
        <section key={s.module} aria-labelledby={`home-${s.module}`} className="home-section">
          <h2 id={`home-${s.module}`}>{t(s.headingKey)}</h2>
          <ul className="home-tasks">
            {s.items.map((i) => (
              <li key={i.kind}>
                <p className="home-task">
                  <a href={i.href}>{t(i.labelKey, { count: i.count })}</a>{" "}
                  <span className={SEVERITY_CLASS[i.severity]}>{t(`home.severity_${i.severity}`)}</span>
                </p>
                <ul className="home-entries">
                  {i.entries.map((e) => (
                    <li key={e.key}>
                      <a href={e.href}>
                        {"text" in e.title ? <bdi>{e.title.text}</bdi> : t(e.title.key, e.title.values)}
                      </a>
                      {e.due ? (
                        <>
                          {" · "}
                          <bdi>{t("home.due_on", { date: e.due })}</bdi>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
                {i.count > i.entries.length ? (
                  <a href={i.href} className="home-more">
                    {t("home.show_all", { count: i.count })}
                  </a>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
