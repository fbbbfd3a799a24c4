import { type ReactNode, useEffect, useRef, useState } from "react";
import { useT } from "../i18n.tsx";

type Props = {
  id: string;
  field: string;
  value: string;
  error: string | undefined;
  describedBy: string | undefined;
  labelText: ReactNode;
  hintEl: ReactNode;
  errorEl: ReactNode;
  isHidden: boolean;
};

/**
 * A geopoint: latitude and longitude typed in (works without JavaScript, a network or a map),
 * and, once the page runs scripts, a map of the tenant's areas on which a click or a dragged
 * marker fills both fields. The map has no base map (no tiles to load, as ODK's offline
 * placement maps), only the area outlines the public may see.
 */
export function GeopointInput(p: Props) {
  const t = useT();
  const [lat = "", lon = ""] = p.value.split(" ");
  const latRef = useRef<HTMLInputElement>(null);
  const lonRef = useRef<HTMLInputElement>(null);
  const mapRef = useRef<HTMLDivElement>(null);
  const [scripted, setScripted] = useState(false);
  const [show, setShow] = useState(false);
  const [state, setState] = useState<"loading" | "ready" | "unavailable">("loading");
  useEffect(() => setScripted(true), []);

  useEffect(() => {
    if (!show || !mapRef.current) return;
    let cancelled = false;
    let mounted: { remove(): void } | undefined;
    setState("loading");
    const typed = { lat: Number(latRef.current?.value), lon: Number(lonRef.current?.value) };
    import("./point-picker.client.ts")
      .then((m) =>
        m.mountPointPicker({
          container: mapRef.current!,
          geojsonUrl: "/api/v1/areas.geojson",
          styleUrl: null,
          point:
            Number.isFinite(typed.lat) && Number.isFinite(typed.lon) && latRef.current?.value ? typed : null,
          onPick: ({ lat, lon }) => {
            setNative(latRef.current, String(lat));
            setNative(lonRef.current, String(lon));
          },
          strings: {
            title: t("surveys.geopoint_map_title"),
            zoomIn: t("surveys.geopoint_map_zoom_in"),
            zoomOut: t("surveys.geopoint_map_zoom_out"),
            close: t("surveys.geopoint_map_close"),
          },
        }),
      )
      .then((picker) => {
        if (cancelled) picker.remove();
        else {
          mounted = picker;
          setState("ready");
        }
      })
      .catch(() => {
        if (!cancelled) setState("unavailable");
      });
    return () => {
      cancelled = true;
      mounted?.remove();
    };
  }, [show, t]);

  return (
    <fieldset
      className={p.error ? "field field-invalid survey-geopoint" : "field survey-geopoint"}
      hidden={p.isHidden}
      id={p.id}
      aria-describedby={p.describedBy}
      tabIndex={-1}
    >
      <legend>{p.labelText}</legend>
      {p.hintEl}
      {(["lat", "lon"] as const).map((part) => (
        <div key={part}>
          <label htmlFor={`${p.id}-${part}`}>{t(`surveys.geopoint_${part}`)}</label>
          <input
            ref={part === "lat" ? latRef : lonRef}
            id={`${p.id}-${part}`}
            name={`${p.field}.${part}`}
            type="text"
            inputMode="decimal"
            defaultValue={part === "lat" ? lat : lon}
            aria-invalid={p.error ? true : undefined}
            dir="ltr"
          />
        </div>
      ))}
      {scripted ? (
        <button
          type="button"
          className="button-secondary"
          aria-expanded={show}
          onClick={() => setShow((s) => !s)}
        >
          {show ? t("surveys.geopoint_map_hide") : t("surveys.geopoint_map_show")}
        </button>
      ) : null}
      {show ? (
        <div className="area-map-frame">
          <p className="hint">{t("surveys.geopoint_map_hint")}</p>
          <div ref={mapRef} className="area-map" data-state={state} />
          <p aria-live="polite" className="area-map-status">
            {state === "loading"
              ? t("surveys.geopoint_map_loading")
              : state === "unavailable"
                ? t("surveys.geopoint_map_unavailable")
                : ""}
          </p>
        </div>
      ) : null}
      {p.errorEl}
    </fieldset>
  );
}

/**
 * Sets an uncontrolled input as typing would: through the native setter, then an input event
 * that bubbles, so the form's live relevance (an onChange on the form body) sees the new value.
 */
function setNative(input: HTMLInputElement | null, value: string) {
  if (!input) return;
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set?.call(input, value);
  input.dispatchEvent(new Event("input", { bubbles: true }));
}
