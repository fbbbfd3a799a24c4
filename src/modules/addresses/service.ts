import type { CoreDeps } from "../../server/deps.ts";
import { offload } from "../../server/offload/pool.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { parseInput } from "../../server/validation.ts";
import type { AreaService } from "../areas/service.ts";
import type { AuditService } from "../audit/service.ts";
import { diff } from "../audit/service.ts";
import { type AddressImportOptions, addressImportOptions } from "./contracts.ts";
import type { AddressSummary, PostcodeSpread, ReadCoordinates, ResolvedAddress } from "./model.ts";
import {
  allowedTypos,
  chooseOrder,
  coordinatePair,
  editDistance,
  localityKey,
  parseAddressQuery,
  streetKey,
  trigrams,
} from "./normalise.ts";
import type { AddressFileAnalysis, Bounds } from "./read.ts";
import { addressRepo as repo, type StreetRow } from "./repo.ts";

export type { AddressSummary, PostcodeSpread, ReadCoordinates, ResolvedAddress } from "./model.ts";
export type { AddressFileAnalysis } from "./read.ts";

export type AddressDeps = CoreDeps & {
  audit: AuditService;
  areas: Pick<AreaService, "bounds" | "locate">;
};

/** What a commit wrote (counts), or null when the file no longer fits (nothing written). */
export type AddressCommit = {
  analysis: AddressFileAnalysis;
  written: { created: number; updated: number; unchanged: number; removed: number } | null;
};

/** Streets tried for a house number when a typed name fits several (towns of a county). */
const STREETS_TRIED = 5;

function analyseOffThread(upload: Uint8Array, bounds: Bounds | null): Promise<AddressFileAnalysis> {
  return offload<AddressFileAnalysis>("src/modules/addresses/read.ts", "analyseAddressFile", [
    upload,
    bounds,
  ]);
}

const houseLabel = (street: string, number: number, suffix: string) => `${street} ${number}${suffix}`;
const placeLabel = (postcode: string | null, locality: string | null) =>
  [postcode, locality].filter(Boolean).join(" ");

/**
 * The tenant's address list (decision 095): the import (as a kind of the one import wizard)
 * and the local, typo-tolerant resolution of typed addresses, with no outside geocoder.
 */
export function createAddressService(deps: AddressDeps) {
  const { db } = deps;

  /** Streets for a typed name: the same key, else the nearest keys within the allowed typos. */
  async function streetsFor(tenantId: string, key: string): Promise<StreetRow[]> {
    const exact = await repo.streetsByKey(db, tenantId, key);
    if (exact.length) return exact;
    const k = allowedTypos(key);
    if (k === 0) return [];
    const candidates = await repo.similarStreets(db, tenantId, trigrams(key), key.length, k);
    let best = k + 1;
    let found: StreetRow[] = [];
    for (const c of candidates) {
      const d = editDistance(key, c.key, k);
      if (d < best) {
        best = d;
        found = [c];
      } else if (d === best && d <= k) found.push(c);
    }
    return best <= k ? found : [];
  }

  async function resolve(tenantId: string, text: string): Promise<ResolvedAddress | null> {
    const q = parseAddressQuery(text);
    if (!q.street) return null;
    const key = streetKey(q.street);
    if (key.length < 3) return null;
    let streets = await streetsFor(tenantId, key);
    if (!streets.length) return null;
    if (q.locality) {
      const lk = localityKey(q.locality);
      const inTown = streets.filter(
        (s) => s.locality_key !== "" && (s.locality_key.startsWith(lk) || lk.startsWith(s.locality_key)),
      );
      if (inTown.length) streets = inTown;
    }
    const hn = q.houseNumber;
    if (hn) {
      let nearest: {
        street: StreetRow;
        house: Awaited<ReturnType<typeof repo.nearestHouses>>[number];
      } | null = null;
      for (const s of streets.slice(0, STREETS_TRIED)) {
        const houses = await repo.nearestHouses(db, tenantId, s.key, s.locality_key, hn.number);
        const same = houses.filter((h) => h.house_number === hn.number);
        const exact =
          same.find((h) => h.suffix === hn.suffix && (!q.postcode || h.postcode === q.postcode)) ??
          same.find((h) => h.suffix === hn.suffix);
        if (exact)
          return {
            lon: Number(exact.lon),
            lat: Number(exact.lat),
            kind: "address",
            label:
              `${houseLabel(exact.street, exact.house_number, exact.suffix)}, ${placeLabel(exact.postcode, exact.locality)}`.replace(
                /, $/,
                "",
              ),
            approximate: false,
            postcode: exact.postcode,
          };
        const near = same.find((h) => h.suffix === "") ?? same[0] ?? houses[0];
        if (near && !nearest) nearest = { street: s, house: near };
      }
      if (nearest) {
        const h = nearest.house;
        // The typed number is not in the list: the nearest house of the street stands in for it.
        return {
          lon: Number(h.lon),
          lat: Number(h.lat),
          kind: "street",
          label:
            `${houseLabel(h.street, hn.number, hn.suffix)}, ${placeLabel(h.postcode, h.locality)}`.replace(
              /, $/,
              "",
            ),
          approximate: true,
          postcode: h.postcode,
        };
      }
    }
    const s = streets[0]!;
    return {
      lon: Number(s.lon),
      lat: Number(s.lat),
      kind: "street",
      label: [s.name, s.locality].filter(Boolean).join(", "),
      approximate: true,
      postcode: null,
    };
  }

  async function analyse(tenantId: string, upload: Uint8Array): Promise<AddressFileAnalysis> {
    return analyseOffThread(upload, await deps.areas.bounds(tenantId));
  }

  return {
    /** How many addresses the tenant's list holds (the onboarding checklist asks). */
    count: (tenantId: string) => repo.count(db, tenantId),

    async summary(principal: Principal): Promise<AddressSummary> {
      authorize(principal, "addresses.read");
      return repo.summary(db, principal.tenantId);
    },

    /**
     * A typed address → a point: "Bahnhofstr. 12a, Unna", "Bahnhofstrasse 12",
     * "bahnhofstraße12", with typos within the allowed edit distance. Null when no street fits.
     */
    resolve,

    /**
     * Typed coordinates read in the order that lies in the tenant's region (areas' bounding
     * box) when only one does. `undefined`: the text is no pair of numbers; null: no order is valid.
     */
    async coordinates(tenantId: string, text: string): Promise<ReadCoordinates | null | undefined> {
      const pair = coordinatePair(text);
      if (!pair) return undefined;
      return chooseOrder(pair[0], pair[1], await deps.areas.bounds(tenantId));
    },

    /**
     * Where a postcode's addresses lie: one address per deepest area with the number there, most
     * first. A postcode spanning several offices' catchments spans their areas.
     */
    async postcodeSpread(tenantId: string, postcode: string): Promise<PostcodeSpread> {
      if (!/^\d{5}$/.test(postcode)) return [];
      const points = await repo.postcodePoints(db, tenantId, postcode);
      const byArea = new Map<string, { lon: number; lat: number; addresses: number }>();
      for (const p of points) {
        const located = await deps.areas.locate(tenantId, Number(p.lon), Number(p.lat));
        if (!located) continue;
        const hit = byArea.get(located.area.id);
        if (hit) hit.addresses++;
        else byArea.set(located.area.id, { lon: Number(p.lon), lat: Number(p.lat), addresses: 1 });
      }
      return [...byArea.values()].sort((a, b) => b.addresses - a.addresses);
    },

    /** The import's runner calls these as the system (the run's starter was authorised with `addresses.import`). */
    asSystem: {
      parseOptions: (raw: unknown): AddressImportOptions => parseInput(addressImportOptions, raw),

      preview: analyse,

      /**
       * All or nothing: reads the file again and writes only when every row is valid, in one
       * transaction: replace empties the list first, merge adds and updates by the natural key.
       */
      async commit(
        tenantId: string,
        upload: Uint8Array,
        options: AddressImportOptions,
      ): Promise<AddressCommit> {
        const analysis = await analyse(tenantId, upload);
        if (!analysis.ok) return { analysis, written: null };
        const written = await db.transaction(async (tx) => {
          const removed = options.strategy === "replace" ? await repo.deleteAll(tx, tenantId) : 0;
          const counts = await repo.upsert(tx, tenantId, analysis.addresses, deps.clock.now());
          await repo.rebuildStreets(tx, tenantId);
          const result = { ...counts, removed };
          await deps.audit.record(
            {
              actor: { kind: "system", tenantId },
              action: "addresses.import",
              entityType: "address_list",
              entityId: tenantId,
              changes: diff(null, { strategy: options.strategy, format: analysis.format, ...result }),
            },
            tx,
          );
          return result;
        });
        return { analysis, written };
      },
    },
  };
}
export type AddressService = ReturnType<typeof createAddressService>;
