import { useLang, useT } from "../../i18n.tsx";

/** What the service worker shows for a page that is not saved while the device is offline. */
export function meta() {
  return [{ title: "Lotse" }];
}

export default function OfflinePage() {
  const t = useT();
  const lang = useLang();
  return (
    <>
      <h1>{t("pwa.offline_title")}</h1>
      <p className="lead">{t("pwa.offline_text")}</p>
      <ul>
        <li>
          <a href={`/${lang}/offers`}>{t("pwa.offline_offers")}</a>
        </li>
        <li>
          <a href={`/${lang}`}>{t("pwa.offline_home")}</a>
        </li>
      </ul>
    </>
  );
}
