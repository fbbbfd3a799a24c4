import { useT } from "../../i18n.tsx";

export const WIZARD_STEPS = ["upload", "preview", "commit", "result"] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** Where the user is: an ordered list, the current step marked for screen readers too. */
export function WizardSteps({ current }: { current: WizardStep }) {
  const t = useT();
  const at = WIZARD_STEPS.indexOf(current);
  return (
    <nav aria-label={t("imports.steps_label")} className="import-steps">
      <ol>
        {WIZARD_STEPS.map((s, i) => (
          <li key={s} aria-current={i === at ? "step" : undefined} className={i < at ? "done" : undefined}>
            {t(`imports.step_${s}`)}
          </li>
        ))}
      </ol>
    </nav>
  );
}
