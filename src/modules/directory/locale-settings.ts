/**
 * Where the directory's wall-clock rules live: opening hours, holidays and recurring events are
 * all interpreted in this time zone, and closures follow this state's public holidays
 * (decision 012). One installation serves North Rhine-Westphalia.
 */
export const DIRECTORY_TIME_ZONE = "Europe/Berlin";
/** ISO 3166-2:DE subdivision code without the country prefix: "NW" = Nordrhein-Westfalen. */
export const DIRECTORY_HOLIDAY_STATE = "NW";
