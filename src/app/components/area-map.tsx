import { useEffect, useRef, useState } from "react";
import { AREA_LEVELS, LEVEL_LABEL_KEYS } from "#app/modules/areas/levels.ts";
import { useT } from "../i18n.tsx";

/**
 * The areas map. Supplementary: the page's table is the primary, complete view. MapLibre is
 * imported dynamically inside an effect, so it loads only in the browser and only where this
 * component is shown; the server renders just the empty frame.
 */
export function AreaMap({ styleUrl }: { styleUrl: string | null }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"idle" | "loading" | "ready" | "unavailable">("idle");

  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    let cancelled = false;
    let remove: (() => void) | undefined;
    setState("loading");
    const levels = Object.fromEntries(AREA_LEVELS.map((l) => [l, t(LEVEL_LABEL_KEYS[l])]));
    import("./area-map.client.ts")
      .then((m) =>
        m.mountAreaMap({
          container,
          geojsonUrl: "/api/v1/areas.geojson",
          styleUrl,
          strings: {
            title: t("areas.map_label"),
            zoomIn: t("areas.map_zoom_in"),
            zoomOut: t("areas.map_zoom_out"),
            close: t("areas.map_popup_close"),
            levels,
          },
        }),
      )
      .then((done) => {
        if (cancelled) done();
        else {
          remove = done;
          setState("ready");
        }
      })
      .catch(() => {
        // No WebGL, or the data could not be loaded: the table still has everything.
        if (!cancelled) setState("unavailable");
      });
    return () => {
      cancelled = true;
      remove?.();
    };
  }, [styleUrl, t]);

  return (
    <div className="area-map-frame">
      <p className="hint">{t("areas.map_hint")}</p>
      <div ref={ref} className="area-map" data-state={state} />
      <p aria-live="polite" className="area-map-status">
        {state === "loading"
          ? t("areas.map_loading")
          : state === "unavailable"
            ? t("areas.map_unavailable")
            : ""}
      </p>
    </div>
  );
}
