// PLACEHOLDER until the auth module lands in this session.
import { useT } from "../../i18n.tsx";

export default function Login() {
  const t = useT();
  return <h1>{t("auth.login_title")}</h1>;
}
