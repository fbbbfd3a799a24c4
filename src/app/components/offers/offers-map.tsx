import { useEffect, useRef, useState } from "react";
import { useT } from "../../i18n.tsx";

/**
 * The offers map: the same results as the list, clustered. Supplementary — the list on the
 * page is complete and accessible. MapLibre (about 300 KB gzipped) loads only when the reader
 * asks for the map with the toggle button (decision 047), so the page itself stays light.
 * Without JavaScript there is no button and no empty frame, only the list.
 */
export function OffersMap(props: {
  query: string;
  lang: string;
  styleUrl: string | null;
  center: [number, number];
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"idle" | "loading" | "ready" | "unavailable">("idle");
  // The button appears once the page has hydrated: a button that does nothing helps no one.
  const [enhanced, setEnhanced] = useState(false);
  const [shown, setShown] = useState(false);
  const { query, lang, styleUrl, center } = props;

  useEffect(() => setEnhanced(true), []);

  useEffect(() => {
    const container = ref.current;
    if (!shown || !container) return;
    let cancelled = false;
    let remove: (() => void) | undefined;
    setState("loading");
    const base = new URLSearchParams(query);
    base.delete("page");
    base.delete("place");
    import("./offers-map.client.ts")
      .then((m) =>
        m.mountOffersMap({
          container,
          dataUrl: `/api/public/map?${base.toString()}`,
          placeListUrl: (placeId) => {
            const sp = new URLSearchParams(base);
            sp.set("place", placeId);
            return `/${lang}/offers?${sp.toString()}`;
          },
          styleUrl,
          center,
          strings: {
            title: t("offers.map_label"),
            zoomIn: t("offers.map_zoom_in"),
            zoomOut: t("offers.map_zoom_out"),
            close: t("offers.map_popup_close"),
            offersAtPlace: (count) => t("offers.map_offers_at_place", { count }),
            showOffers: t("offers.map_show_offers"),
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
        // No WebGL, or the data could not be loaded: the list still has everything.
        if (!cancelled) setState("unavailable");
      });
    return () => {
      cancelled = true;
      remove?.();
    };
  }, [shown, query, lang, styleUrl, center, t]);

  if (!enhanced) return null;
  return (
    <div className="area-map-frame offers-map-frame">
      <p className="hint">{t("offers.map_hint")}</p>
      <button
        type="button"
        className="button-secondary"
        aria-expanded={shown}
        aria-controls={shown ? "offers-map" : undefined}
        onClick={() => {
          setShown((v) => !v);
          setState("idle");
        }}
      >
        {t(shown ? "offers.map_hide" : "offers.map_show")}
      </button>
      {shown ? <div ref={ref} id="offers-map" className="area-map offers-map" data-state={state} /> : null}
      <p aria-live="polite" className="area-map-status">
        {state === "loading"
          ? t("offers.map_loading")
          : state === "unavailable"
            ? t("offers.map_unavailable")
            : ""}
      </p>
    </div>
  );
}
