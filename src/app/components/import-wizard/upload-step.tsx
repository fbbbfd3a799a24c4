import type { ReactNode } from "react";
import { Form, useNavigation } from "react-router";
import { useT } from "../../i18n.tsx";
import { type ErrorSource, ErrorSummary, FileField } from "../form/index.ts";
import { WizardSteps } from "./steps.tsx";

/**
 * Step 1: the upload. A plain multipart form (works without JavaScript); the page's action
 * starts an import run and redirects to the run's page. `children` adds fields (a text area,
 * a kind's options).
 */
export function ImportUploadStep(props: {
  title: string;
  intro?: ReactNode;
  accept: string;
  fileLabel: string;
  fileHint: ReactNode;
  errors?: ErrorSource | undefined;
  /** Labels of the further fields (`children`), so the error summary can name them. */
  labels?: Record<string, string>;
  children?: ReactNode;
}) {
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const errors = props.errors ?? {};
  return (
    <>
      <h1>{props.title}</h1>
      <WizardSteps current="upload" />
      {props.intro}
      <Form method="post" encType="multipart/form-data" className="import-upload">
        <ErrorSummary errors={errors} labels={{ ...props.labels, file: props.fileLabel }} />
        <FileField
          name="file"
          label={props.fileLabel}
          hint={props.fileHint}
          accept={props.accept}
          errors={errors}
        />
        {props.children}
        <button type="submit" name="intent" value="preview" disabled={busy}>
          {t("imports.start_preview")}
        </button>
      </Form>
    </>
  );
}
