/** The built islands' script URLs (scripts/build/islands.ts); empty in the client build. */
declare module "virtual:lotse-islands" {
  export const islands: { offersMap?: string };
}
