import { useT } from "../i18n.tsx";
import type { FormErrors } from "../server/guard.server.ts";
import { TextField } from "./form/index.ts";

/** The steps to add Lotse to an authenticator app: the secret for typing in, and an otpauth link. */
export function TotpEnrolmentSteps({ enrolment }: { enrolment: { secret: string; uri: string } }) {
  const t = useT();
  return (
    <ol className="totp-steps">
      <li>{t("auth.enrol_step_app")}</li>
      <li>
        {t("auth.enrol_step_secret")}{" "}
        <code className="totp-secret" dir="ltr">
          {enrolment.secret.replace(/(.{4})/g, "$1 ").trim()}
        </code>
      </li>
      <li>
        <a href={enrolment.uri} dir="ltr">
          {t("auth.enrol_open_app")}
        </a>
      </li>
      <li>{t("auth.enrol_step_code")}</li>
    </ol>
  );
}

/** The six-digit code from the authenticator app; always left to right, numeric keypad on phones. */
export function TotpCodeField({ errors }: { errors: FormErrors | undefined }) {
  const t = useT();
  return (
    <TextField
      name="code"
      label={t("auth.totp_code")}
      hint={t("auth.totp_code_hint")}
      autoComplete="one-time-code"
      inputMode="numeric"
      maxLength={6}
      required
      dir="ltr"
      errors={errors}
    />
  );
}
