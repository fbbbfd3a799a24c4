/**
 * What the offers map page hands its island (in `data-config` of the island's template): the
 * search, the base map and every string already in the reader's language. The count in a
 * place's popup is the catalogue's ICU pattern, formatted in the browser once the map loads.
 */
export type OffersMapIslandConfig = {
  lang: string;
  /** The search's query string without `page` and `place`. */
  query: string;
  styleUrl: string | null;
  center: [number, number];
  strings: {
    show: string;
    hide: string;
    loading: string;
    unavailable: string;
    title: string;
    zoomIn: string;
    zoomOut: string;
    close: string;
    /** ICU MessageFormat with `count`. */
    offersAtPlacePattern: string;
    showOffers: string;
  };
};

/** The template element the page renders and the island enhances. */
export const OFFERS_MAP_ISLAND_ID = "offers-map-island";
