// Moved to model.ts; kept until the surveys module imports LIFE_DOMAINS from there.
export { LIFE_DOMAINS, type LifeDomain } from "./model.ts";
