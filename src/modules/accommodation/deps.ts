import type { CoreDeps } from "../../server/deps.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AreaService } from "../areas/service.ts";
import type { Actor, AuditService } from "../audit/service.ts";
import type { CaseAccess } from "../casework/model.ts";
import type { CaseFigures } from "../casework/service.ts";
import type { DirectoryService, PublicDirectory, TakeDownOutcome } from "../directory/service.ts";
import { SPOKEN_LANGUAGES } from "../directory/spoken-languages.ts";
import type { JobQueue } from "../jobs/queue.ts";
import type { MonitoringService } from "../monitoring/service.ts";
import type { SafeCount } from "../statistics/small-cells.ts";
import type { Heading } from "../surveys/contracts.ts";
import type { TenantService } from "../tenants/service.ts";

/**
 * What the accommodation module needs from others (ports, so the composition root wires them).
 * `statusIndex`: the quarter's monitoring status index (mean z-score, higher = better) in the
 * latest published period, by area id. `meetings`: the network module (issue 18), once it exists,
 * to link an adopted scenario to its council meeting.
 */
export type AccommodationDeps = CoreDeps & {
  audit: AuditService;
  casework: AccommodationCasework;
  areas: Pick<AreaService, "locate" | "list" | "featureCollection">;
  /** The daily job (decision 081): a later move-in moves the household's address on its day. */
  jobs: JobQueue;
  tenants: Pick<TenantService, "list" | "onCreated" | "byId">;
  /** The surveys module's analysis by groups: the questionnaire per accommodation (decision 081). */
  questionnaires: QuestionnairePort;
  /** The surveys module's numeric summary: a citizens' dialogue's answers per criterion (decision 114). */
  dialogue: DialoguePort;
  statusIndex?: (tenantId: string) => Promise<Map<string, number>>;
  meetings?: { exists(tenantId: string, id: string): Promise<boolean> };
  /** The directory's places: an accommodation shown on the public site (decision 121). */
  places: PlacesPort;
  /** The directory's published offers in a quarter (and its sub-areas) spoken in any of the languages (decision 089). */
  offersInLanguages?: (tenantId: string, areaCode: string, languages: readonly string[]) => Promise<number>;
};

/**
 * What placements need from case work (a subset of its service). Need-to-know is decided there:
 * `surveyContext` loads the case with its household's persons (the read is audited there) and
 * issues the handle; `cases.access` is the check alone, without an audited read.
 */
export type AccommodationCasework = {
  surveyContext(
    principal: Principal,
    caseId: string,
    mode: "read" | "write",
    opts?: { requestId?: string | null },
  ): Promise<{
    access: CaseAccess;
    reference: string;
    householdLabel: string;
    /** The household's quarter (from its address), for the proposal's distance. */
    areaId: string | null;
    persons: { id: string; sex: string; birthDate: string | null; languages?: { lang: string }[] }[];
  }>;
  cases: {
    access(principal: Principal, caseId: string, mode: "read" | "write"): Promise<CaseAccess>;
  };
  /** Persons of the households per key × sex × age, aggregated in case work (decision 081). */
  figures: Pick<CaseFigures, "personsByGroup">;
  /**
   * The household's address follows its placement (decision 073); the area is placed there. The
   * system relocates for a later move-in on its day (daily job, decision 081).
   */
  households: {
    relocate(
      by: Principal | { kind: "system"; tenantId: string },
      householdId: string,
      to: Relocation,
      opts?: { requestId?: string | null },
    ): Promise<{ areaId: string | null }>;
  };
};

/** A household's new address from its placement, in case work's household fields. */
export type Relocation = {
  street: string | null;
  postcode: string | null;
  city: string | null;
  lon: number | null;
  lat: number | null;
  accommodationKind: "shared_accommodation" | "other";
  accommodationName: string | null;
};

const NO_FILTER = {
  q: "",
  category: [],
  field: [],
  phase: [],
  target: [],
  spoken: [],
  free: false,
  childcare: false,
  open: false,
  near: "",
  radius: null,
  district: "",
  place: "",
  page: 1,
};

/**
 * The offers port from the directory's public search (decision 089): published offers valid
 * today in the quarter, including its sub-areas, where one of the languages is spoken (at the
 * offer or its place). Only the count leaves the directory.
 */
export function offersInLanguagesFrom(directory: Pick<PublicDirectory, "searchOffers">) {
  return async (tenantId: string, areaCode: string, languages: readonly string[]): Promise<number> => {
    // Only languages the directory knows: an empty filter would count every offer.
    const spoken = [...new Set(languages)].filter((l) => (SPOKEN_LANGUAGES as readonly string[]).includes(l));
    if (!spoken.length) return 0;
    const params: Parameters<PublicDirectory["searchOffers"]>[1] = {
      ...NO_FILTER,
      district: areaCode,
      spoken,
    };
    return (await directory.searchOffers(tenantId, params, "de", { pageSize: 1 })).total;
  };
}

/** The status-index port from the monitoring service: the latest published period, public audience. */
export function statusIndexFrom(monitoring: Pick<MonitoringService, "publishedPeriods" | "index">) {
  return async (tenantId: string): Promise<Map<string, number>> => {
    const period = (await monitoring.publishedPeriods(null, tenantId)).at(-1);
    if (!period) return new Map();
    const index = await monitoring.index(null, tenantId, { period });
    return new Map(
      index.areas
        .filter((a) => a.status !== null)
        .map((a) => [a.area.id, Math.round(a.status! * 1000) / 1000]),
    );
  };
}

/** A cross-tab of one question by accommodation as the surveys module lets it out (small cells hidden). */
export type QuestionnaireTable = {
  question: { name: string; label: string };
  multiple: boolean;
  rows: Heading[];
  columns: Heading[];
  cells: SafeCount[][];
  columnTotals: SafeCount[];
  rowTotals: SafeCount[];
  total: SafeCount;
  minCount: number;
};

/** The surveys module's analysis by the caller's groups (wired to `surveys/by-group.ts`). */
export type QuestionnairePort = {
  forms(tenantId: string): Promise<{ id: string; title: string }[]>;
  questions(tenantId: string, formId: string, lang: string): Promise<{ name: string; label: string }[]>;
  crossTab(
    tenantId: string,
    p: { formId: string; question: string },
    groups: readonly { caseId: string; from: string; to: string | null; key: string }[],
    columns: Heading[],
    lang: string,
  ): Promise<QuestionnaireTable>;
};

/** Numeric answers of a form summarised per question, small counts hidden (wired to `surveys/numeric-summary.ts`). */
export type DialoguePort = {
  numericQuestions(
    tenantId: string,
    formId: string,
    lang: string,
  ): Promise<{ name: string; label: string }[]>;
  summarise(tenantId: string, formId: string, names: readonly string[]): Promise<QuestionSummary[]>;
};
export type QuestionSummary = {
  name: string;
  n: SafeCount;
  q1: number | null;
  median: number | null;
  q3: number | null;
};

/** What a public place of an accommodation shows: never occupancy, operator contact or residents. */
export type PublicPlaceData = {
  name: string;
  street: string | null;
  postcode: string | null;
  city: string | null;
  lon: number;
  lat: number;
  accessibility: { stepFreeEntrance?: boolean };
  languages: string[];
  openingHours: null;
  organizationId: null;
};

/** The directory's places as this module needs them (decision 121). */
export type PlacesPort = {
  /** Publishes a new place (the directory's own checks and audit); its id and version. */
  publish(actor: Actor, place: PublicPlaceData): Promise<{ id: string; version: number }>;
  states(tenantId: string, ids: readonly string[]): Promise<Map<string, { status: string; version: number }>>;
  archiveIfVersion(tenantId: string, id: string, version: number): Promise<TakeDownOutcome>;
};

export function placesFrom(directory: Pick<DirectoryService, "publishDirect" | "linkedPlaces">): PlacesPort {
  return {
    async publish(actor, place) {
      const tenantId = actor.kind === "user" ? actor.principal.tenantId : actor.tenantId;
      const { entityId } = await directory.publishDirect(actor, "place", place);
      const state = (await directory.linkedPlaces.states(tenantId, [entityId])).get(entityId)!;
      return { id: entityId, version: state.version };
    },
    states: (tenantId, ids) => directory.linkedPlaces.states(tenantId, ids),
    archiveIfVersion: (tenantId, id, version) =>
      directory.linkedPlaces.archiveIfVersion(tenantId, id, version),
  };
}
