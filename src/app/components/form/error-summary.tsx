import { type MouseEvent, type ReactNode, useEffect, useRef } from "react";
import { useT } from "../../i18n.tsx";
import { type ErrorSource, fieldErrors, fieldId, isFormErrors } from "./errors.ts";

export type ErrorItem = { href: string; text: string };

/** Moves focus from the summary's link to the field itself (the link alone only scrolls). */
function focusTarget(e: MouseEvent<HTMLAnchorElement>) {
  const id = e.currentTarget.hash.slice(1);
  const target = id ? document.getElementById(id) : null;
  if (!target) return;
  const control = target.matches("input, select, textarea, fieldset, [tabindex]")
    ? target
    : target.querySelector<HTMLElement>("input, select, textarea, button, [tabindex]");
  if (!control) return;
  e.preventDefault();
  target.scrollIntoView({ block: "center" });
  control.focus({ preventScroll: true });
}

/**
 * The summary at the top of a form after a failed submit (the GOV.UK and KERN pattern): a title,
 * then each problem as a link to its field. It takes focus when it appears so screen readers
 * announce it; without JavaScript it is plain HTML whose links jump to the fields.
 *
 * Items come from `errors` (field path → message; the link goes to `#f-<path>`, the id every
 * field of the kit answers to) or, for forms with their own ids, from `items`. `labels` names
 * the field in front of its message, so seven "please answer" read as seven questions.
 */
export function ErrorSummary(props: {
  errors: ErrorSource;
  title?: string | undefined;
  labels?: Record<string, string> | undefined;
  items?: readonly ErrorItem[] | undefined;
  /** "warning": the same summary for what is possible but unusual, which the user confirms (decision 093). */
  tone?: "error" | "warning" | undefined;
  children?: ReactNode;
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const fields = fieldErrors(props.errors);
  const items: ErrorItem[] = props.items
    ? [...props.items]
    : Object.entries(fields)
        .filter(([, m]) => m)
        .map(([key, message]) => {
          const label = props.labels?.[key];
          return {
            href: `#${fieldId(key)}`,
            text: label ? t("common.form_error_item", { label, message }) : message,
          };
        });
  const title = props.title ?? (isFormErrors(props.errors) ? props.errors.title : undefined);
  const shown = Boolean(title || items.length);
  const signature = `${title}|${items.map((i) => i.href).join()}`;
  useEffect(() => {
    if (shown && signature) ref.current?.focus();
  }, [shown, signature]);
  if (!shown) return null;
  const unique = items.filter(
    (item, i) => items.findIndex((o) => o.href === item.href && o.text === item.text) === i,
  );
  return (
    <div
      className={props.tone === "warning" ? "error-summary error-summary-warning" : "error-summary"}
      role="alert"
      tabIndex={-1}
      ref={ref}
    >
      <p className="error-summary-title">{title ?? t("common.form_errors_title")}</p>
      {unique.length ? (
        <ul>
          {unique.map((item) => (
            <li key={`${item.href}|${item.text}`}>
              <a href={item.href} onClick={focusTarget}>
                {item.text}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {props.children}
    </div>
  );
}
