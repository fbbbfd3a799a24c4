import { useState } from "react";
import { useT } from "../../i18n.tsx";
import type { Errors } from "../directory-editor.tsx";

/** Upload (JSON base64 to the API) and preview of a logo or offer picture. */
export function ImageField(props: {
  path: string;
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  errors: Errors | undefined;
}) {
  const t = useT();
  const [status, setStatus] = useState<{ kind: "idle" | "busy" | "error"; message?: string }>({
    kind: "idle",
  });
  const id = `f-${props.path}`;
  const error = status.kind === "error" ? status.message : props.errors?.[props.path];
  const upload = async (file: File) => {
    setStatus({ kind: "busy" });
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const res = await fetch("/api/v1/directory/images", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ data: btoa(binary) }),
    });
    const body = (await res.json().catch(() => ({}))) as {
      id?: string;
      title?: string;
      errors?: { message: string }[];
    };
    if (res.ok && body.id) {
      setStatus({ kind: "idle" });
      props.onChange(body.id);
    } else {
      setStatus({
        kind: "error",
        message: body.errors?.[0]?.message ?? body.title ?? t("directory.upload_failed"),
      });
    }
  };
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{props.label}</label>
      <p className="hint" id={`${id}-hint`}>
        {t("directory.image_hint")}
      </p>
      {props.value ? (
        <img className="dir-image-preview" src={`/api/v1/directory/images/${props.value}`} alt="" />
      ) : null}
      <input
        id={id}
        type="file"
        accept="image/png,image/jpeg,image/webp"
        aria-invalid={error ? true : undefined}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ")}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void upload(f);
        }}
      />
      <p aria-live="polite" className="hint">
        {status.kind === "busy" ? t("directory.uploading") : ""}
      </p>
      {props.value ? (
        <button type="button" className="button-secondary" onClick={() => props.onChange(null)}>
          {t("directory.image_remove")}
        </button>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
