// The offers map island (decision 033): the map page does not hydrate React. This entry, a few
// hundred bytes, shows the toggle from the page's template; MapLibre and the message formatter
// load only when the reader asks for the map. Without JavaScript the template stays inert and
// the list is the page.
import { OFFERS_MAP_ISLAND_ID, type OffersMapIslandConfig } from "./offers-map-config.ts";

const template = document.getElementById(OFFERS_MAP_ISLAND_ID);
if (template instanceof HTMLTemplateElement) enhance(template);

function enhance(template: HTMLTemplateElement): void {
  const config = JSON.parse(template.dataset.config ?? "{}") as OffersMapIslandConfig;
  const frame = template.content.firstElementChild?.cloneNode(true);
  if (!(frame instanceof HTMLElement)) return;
  const button = frame.querySelector("button");
  const status = frame.querySelector(".area-map-status");
  if (!button || !status) return;
  template.replaceWith(frame);
  // The server-rendered picture stands in for the live map until the reader opens it.
  const picture = document.querySelector<HTMLElement>(".static-map");

  let map: HTMLElement | null = null;
  let remove: (() => void) | undefined;
  // Each opening counts; a load that finishes after the map was closed again removes itself.
  let opening = 0;

  const setState = (state: "loading" | "ready" | "unavailable") => {
    map?.setAttribute("data-state", state);
    status.textContent =
      state === "loading"
        ? config.strings.loading
        : state === "unavailable"
          ? config.strings.unavailable
          : "";
  };

  const show = () => {
    const current = ++opening;
    map = document.createElement("div");
    map.id = "offers-map";
    map.className = "area-map offers-map";
    button.after(map);
    if (picture) picture.hidden = true;
    button.textContent = config.strings.hide;
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-controls", map.id);
    setState("loading");
    const container = map;
    import("../components/offers/offers-map.client.ts")
      .then((m) => m.mountOffersMap(mountOptions(config, container)))
      .then((done) => {
        if (current !== opening) done();
        else {
          remove = done;
          setState("ready");
        }
      })
      .catch(() => {
        // No WebGL, or the data could not be loaded: the list still has everything.
        if (current === opening) setState("unavailable");
      });
  };

  const hide = () => {
    opening++;
    remove?.();
    remove = undefined;
    map?.remove();
    map = null;
    if (picture) picture.hidden = false;
    status.textContent = "";
    button.textContent = config.strings.show;
    button.setAttribute("aria-expanded", "false");
    button.removeAttribute("aria-controls");
  };

  button.addEventListener("click", () => (map ? hide() : show()));
}

function mountOptions(config: OffersMapIslandConfig, container: HTMLElement) {
  const { lang, query, styleUrl, center, strings } = config;
  return {
    container,
    lang,
    dataUrl: `/api/public/map?${query}`,
    placeListUrl: (placeId: string) => {
      const sp = new URLSearchParams(query);
      sp.set("place", placeId);
      return `/${lang}/offers?${sp.toString()}`;
    },
    styleUrl,
    center,
    strings,
  };
}
