import { useEffect, useId, useRef, useState } from "react";
import { useT } from "../../i18n.tsx";
import { TextField } from "../form/index.ts";
import type { Errors } from "./shared.tsx";

// Coordinates typed in, or picked on a map of the tenant's areas.

type PickerHandle = { setPoint(p: { lon: number; lat: number } | null): void; remove(): void };

/** Coordinates typed in, or picked on a map of the tenant's areas (the typed fields always work). */
export function PointPicker(props: {
  lon: string;
  lat: string;
  onChange: (p: { lon: string; lat: string }) => void;
  errors: Errors | undefined;
  styleUrl: string | null;
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [picker, setPicker] = useState<PickerHandle | null>(null);
  const [show, setShow] = useState(false);
  const [state, setState] = useState<"idle" | "loading" | "ready" | "unavailable">("idle");
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const hintId = useId();
  const lonN = Number(props.lon);
  const latN = Number(props.lat);
  const valid = props.lon !== "" && props.lat !== "" && Number.isFinite(lonN) && Number.isFinite(latN);

  useEffect(() => {
    if (!show || !ref.current) return;
    let cancelled = false;
    let mounted: { remove(): void } | undefined;
    setState("loading");
    const container = ref.current;
    import("../point-picker.client.ts")
      .then((m) =>
        m.mountPointPicker({
          container,
          geojsonUrl: "/api/v1/areas.geojson",
          styleUrl: props.styleUrl,
          point: null,
          onPick: (p) => onChange.current({ lon: String(p.lon), lat: String(p.lat) }),
          strings: {
            title: t("directory.map_title"),
            zoomIn: t("directory.map_zoom_in"),
            zoomOut: t("directory.map_zoom_out"),
            close: t("directory.map_close"),
          },
        }),
      )
      .then((p) => {
        if (cancelled) p.remove();
        else {
          mounted = p;
          setPicker(p);
          setState("ready");
        }
      })
      .catch(() => {
        if (!cancelled) setState("unavailable");
      });
    return () => {
      cancelled = true;
      mounted?.remove();
      setPicker(null);
    };
  }, [show, props.styleUrl, t]);

  useEffect(() => {
    picker?.setPoint(valid ? { lon: lonN, lat: latN } : null);
  }, [picker, valid, lonN, latN]);

  return (
    <fieldset className="dir-point">
      <legend>{t("directory.coordinates")}</legend>
      <p className="hint" id={hintId}>
        {t("directory.coordinates_hint")}
      </p>
      <div className="dir-inline">
        <TextField
          errorPath="lat"
          label={t("directory.field_lat")}
          inputMode="decimal"
          dir="ltr"
          value={props.lat}
          onChange={(v) => props.onChange({ lon: props.lon, lat: v })}
          errors={props.errors}
        />
        <TextField
          errorPath="lon"
          label={t("directory.field_lon")}
          inputMode="decimal"
          dir="ltr"
          value={props.lon}
          onChange={(v) => props.onChange({ lon: v, lat: props.lat })}
          errors={props.errors}
        />
      </div>
      <button
        type="button"
        className="button-secondary"
        aria-expanded={show}
        onClick={() => setShow((s) => !s)}
      >
        {show ? t("directory.map_hide") : t("directory.map_show")}
      </button>
      {show ? (
        <div className="area-map-frame">
          <p className="hint">{t("directory.map_hint")}</p>
          <div ref={ref} className="area-map" data-state={state} />
          <p aria-live="polite" className="area-map-status">
            {state === "loading"
              ? t("directory.map_loading")
              : state === "unavailable"
                ? t("directory.map_unavailable")
                : ""}
          </p>
        </div>
      ) : null}
    </fieldset>
  );
}

/** Number fields stay strings while typing; null when empty, a number when it parses, else the text (the server says why). */
