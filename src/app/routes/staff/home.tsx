import { useT } from "../../i18n.tsx";

export default function StaffHome() {
  const t = useT();
  return (
    <>
      <h1>{t("staff.home_title")}</h1>
      <p>{t("staff.home_text")}</p>
    </>
  );
}
