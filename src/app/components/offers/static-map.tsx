import type { Translate } from "#app/i18n/translator.ts";
import type { StaticMapModel } from "./static-map.server.ts";

/**
 * The search's map as a server-rendered picture (SVG): area outlines with names, places as
 * dots sized by their offers, and a legend. No JavaScript; the list below stays the complete,
 * accessible alternative, so the picture is one image with a summary as its name.
 */
export function StaticMap({ model, t }: { model: StaticMapModel; t: Translate }) {
  const name = model.places
    ? t("offers.static_map_title", { places: model.places, offers: model.offers })
    : t("offers.static_map_none");
  return (
    <figure className="static-map" aria-labelledby="static-map-caption">
      <svg
        viewBox={`0 0 ${model.width} ${model.height}`}
        role="img"
        aria-labelledby="static-map-title"
        className="static-map-svg"
      >
        <title id="static-map-title">{name}</title>
        {model.outline ? <path d={model.outline} className="static-map-outline" /> : null}
        {model.areas.map((a) => (
          <path key={a.code} d={a.d} className="static-map-area" />
        ))}
        {model.dots.map((d) => (
          <circle key={`${d.x},${d.y}`} cx={d.x} cy={d.y} r={d.r.toFixed(1)} className="static-map-dot">
            <title>{t("offers.static_map_dot", { offers: d.offers, places: d.places })}</title>
          </circle>
        ))}
        {model.areas.map((a) => (
          <text key={a.code} x={a.label[0]} y={a.label[1]} className="static-map-label" textAnchor="middle">
            {a.name}
          </text>
        ))}
      </svg>
      <figcaption id="static-map-caption">
        <p>{t("offers.static_map_caption")}</p>
        <ul className="static-map-legend">
          {model.areas.length ? (
            <li>
              <span className="static-map-swatch static-map-swatch-area" aria-hidden="true" />
              {t("offers.static_map_legend_areas")}
            </li>
          ) : null}
          <li>
            <span className="static-map-swatch static-map-swatch-dot" aria-hidden="true" />
            {t("offers.static_map_legend_places")}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
