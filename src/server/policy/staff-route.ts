import type { RoutePermission } from "./policy.ts";

/** One staff page as `STAFF_ROUTES` (staff-routes.ts) declares it. */
export type StaffRoute = {
  /** Below /staff, in React Router's syntax; "" is the index page /staff. */
  readonly path: string;
  /** The route module, relative to src/app. */
  readonly file: string;
  /** What a principal needs to open the page and to send its actions. */
  readonly permission: RoutePermission;
  /** A route id, needed when one module serves several routes (the import run page). */
  readonly id?: string;
  /** Rendered without the staff shell (and without its permission), e.g. signing out. */
  readonly outsideLayout?: true;
};
