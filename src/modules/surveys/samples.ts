import { isUuid } from "../../server/db/ids.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { CreateSurvey, CreateWaveLinks, DrawWave, RecordContact } from "./contracts.ts";
import { type Audited, type SurveyDeps, surveyToday, userActor } from "./deps.ts";
import type { FormService } from "./forms.ts";
import { linkRepo } from "./links.repo.ts";
import type { LinkService } from "./links.ts";
import { MAX_POPULATION, type PopulationDefinition, type SampleDesign } from "./model.ts";
import type { Population } from "./population.ts";
import { type MemberRow, sampleRepo, type WaveRow } from "./samples.repo.ts";
import { drawSample } from "./sampling.ts";

/** Per stratum: planned and drawn sizes, and how field work stands. */
export type StratumRates = {
  key: string;
  population: number;
  sample: number;
  active: number;
  contacted: number;
  responded: number;
  refused: number;
  unreachable: number;
};

/** Response rates per stratum; a reserve member counts once activated. */
export function responseRates(wave: WaveRow, members: MemberRow[]): StratumRates[] {
  const strata = new Map<string, StratumRates>();
  for (const s of wave.frame?.strata ?? [])
    strata.set(s.key, {
      key: s.key,
      population: s.population,
      sample: s.sample,
      active: 0,
      contacted: 0,
      responded: 0,
      refused: 0,
      unreachable: 0,
    });
  for (const m of members) {
    const s = strata.get(m.stratum);
    if (!s || (m.reserve && !m.activated)) continue;
    s.active += 1;
    if (m.contactStatus !== "pending") s.contacted += 1;
    if (m.contactStatus === "responded") s.responded += 1;
    if (m.contactStatus === "refused") s.refused += 1;
    if (m.contactStatus === "unreachable") s.unreachable += 1;
  }
  return [...strata.values()];
}

const dropsOut = (s: string) => s === "refused" || s === "unreachable";

/**
 * Befragungen (issue 5): surveys of a population drawn from Lotse's data, waves with seeded,
 * stratified samples and a reserve, and the field work (contacts, links, response rates).
 */
export function createSampleService(
  deps: Pick<SurveyDeps, "db" | "clock" | "audit" | "casework"> & {
    forms: FormService;
    links: LinkService;
    population: Population;
  },
) {
  const { db, forms, population } = deps;

  async function loadSurvey(tenantId: string, surveyId: string) {
    if (!isUuid(surveyId)) throw AppError.notFound();
    const survey = await sampleRepo.survey(db, tenantId, surveyId);
    if (!survey) throw AppError.notFound();
    return survey;
  }

  /** The frame a wave is drawn from, refused when empty or larger than a sample frame should be. */
  async function drawableFrame(tenantId: string, definition: PopulationDefinition, size: number) {
    const frame = await population.frame(tenantId, definition);
    if (frame.length === 0) throw AppError.validation([{ field: "size", code: "survey_population_empty" }]);
    if (frame.length > MAX_POPULATION)
      throw AppError.validation([
        { field: "size", code: "survey_population_too_large", params: { max: MAX_POPULATION } },
      ]);
    if (size > frame.length)
      throw AppError.validation([
        { field: "size", code: "survey_sample_too_large", params: { population: frame.length } },
      ]);
    return frame;
  }

  /** The wave's contact list (names — the survey team must reach them; the read is audited). */
  async function getWave(principal: Principal, waveId: string, opts: Audited = {}) {
    authorize(principal, "surveys.manage");
    if (!isUuid(waveId)) throw AppError.notFound();
    const wave = await sampleRepo.wave(db, principal.tenantId, waveId);
    if (!wave) throw AppError.notFound();
    const survey = (await sampleRepo.survey(db, principal.tenantId, wave.surveyId))!;
    const members = await sampleRepo.members(db, principal.tenantId, wave.id);
    const names = await deps.casework.surveyPersonNames(
      principal,
      members.map((m) => m.personId),
      opts,
    );
    const byId = new Map(names.map((n) => [n.id, n]));
    const links = await linkRepo.linksOfWave(db, principal.tenantId, wave.id);
    const linkOf = new Map(links.filter((l) => !l.revokedAt).map((l) => [l.personId, l]));
    return {
      survey,
      wave,
      members: members.map((m) => {
        const n = byId.get(m.personId);
        const l = linkOf.get(m.personId);
        return {
          ...m,
          name: n ? `${n.givenName} ${n.familyName}` : "—",
          householdLabel: n?.householdLabel ?? "",
          link: l ? { expiresAt: l.expiresAt, usedAt: l.usedAt } : null,
        };
      }),
      strata: responseRates(wave, members),
    };
  }

  return {
    getWave,

    async listSurveys(principal: Principal) {
      authorize(principal, "surveys.manage");
      return sampleRepo.surveys(db, principal.tenantId);
    },

    async createSurvey(principal: Principal, s: CreateSurvey, opts: Audited = {}) {
      authorize(principal, "surveys.manage");
      await forms.loadForm(principal.tenantId, s.formId);
      const definition: PopulationDefinition = {
        ...(s.assignedYear != null ? { assignedYear: s.assignedYear } : {}),
        ...(s.minAge != null ? { minAge: s.minAge } : {}),
        ...(s.areaIds?.length ? { areaIds: s.areaIds } : {}),
        ...(s.openCasesOnly ? { openCasesOnly: true } : {}),
      };
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const row = await sampleRepo.insertSurvey(tx, {
          tenantId: principal.tenantId,
          title: s.title,
          formId: s.formId,
          population: definition,
          createdAt: now,
          updatedAt: now,
        });
        await deps.audit.record({
          actor: userActor(principal),
          action: "create",
          entityType: "survey",
          entityId: row.id,
          changes: { population: { old: null, new: definition } },
          requestId: opts.requestId ?? null,
        });
        return row;
      });
    },

    async getSurvey(principal: Principal, surveyId: string) {
      authorize(principal, "surveys.manage");
      const survey = await loadSurvey(principal.tenantId, surveyId);
      const form = await forms.loadForm(principal.tenantId, survey.formId);
      const waves = await sampleRepo.waves(db, principal.tenantId, survey.id);
      const populationSize = (await population.frame(principal.tenantId, survey.population)).length;
      const districts = await population.districtMapper(principal.tenantId);
      return { survey, form, waves, populationSize, districts: districts.areas };
    },

    /** Draws a wave's sample from the population (seeded, reproducible). */
    async drawWave(principal: Principal, surveyId: string, w: DrawWave, opts: Audited = {}) {
      authorize(principal, "surveys.manage");
      const survey = await loadSurvey(principal.tenantId, surveyId);
      const form = await forms.loadForm(principal.tenantId, survey.formId);
      const frame = await drawableFrame(principal.tenantId, survey.population, w.size);
      const design: SampleDesign = {
        size: w.size,
        reserve: w.reserve,
        stratifyBy: [...new Set(w.stratifyBy)],
        seed: w.seed,
      };
      const drawn = drawSample(frame, design);
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const number = await sampleRepo.nextWaveNumber(tx, principal.tenantId, survey.id);
        const wave = await sampleRepo.insertWave(tx, {
          tenantId: principal.tenantId,
          surveyId: survey.id,
          number,
          label: w.label,
          formVersion: form.currentVersion,
          design,
          frame: {
            population: frame.length,
            strata: drawn.strata.map((s) => ({ key: s.key, population: s.population, sample: s.sample })),
          },
          drawnOn: surveyToday(deps),
          createdAt: now,
          updatedAt: now,
        });
        await sampleRepo.insertMembers(
          tx,
          drawn.members.map((m) => ({
            tenantId: principal.tenantId,
            waveId: wave.id,
            personId: m.personId,
            stratum: m.stratum,
            rank: m.rank,
            reserve: m.reserve,
            createdAt: now,
            updatedAt: now,
          })),
        );
        await deps.audit.record({
          actor: userActor(principal),
          action: "survey.sample_drawn",
          entityType: "survey_wave",
          entityId: wave.id,
          changes: { design: { old: null, new: design }, population: { old: null, new: frame.length } },
          requestId: opts.requestId ?? null,
        });
        return wave;
      });
    },

    /**
     * Records a contact outcome. A refusal or an unreachable person activates the next reserve
     * member of the same stratum, so the stratum keeps its planned size.
     */
    async recordContact(
      principal: Principal,
      waveId: string,
      personId: string,
      c: RecordContact,
      opts: Audited = {},
    ) {
      authorize(principal, "surveys.manage");
      if (!isUuid(waveId) || !isUuid(personId)) throw AppError.notFound();
      const member = await sampleRepo.member(db, principal.tenantId, waveId, personId);
      if (!member) throw AppError.notFound();
      const now = deps.clock.now();
      const key = { tenantId: principal.tenantId, waveId };
      return db.transaction(async (tx) => {
        const updated = await sampleRepo.updateMemberIfVersion(
          tx,
          { ...key, personId },
          c.version,
          { contactStatus: c.status, attempts: member.attempts + 1, lastContactOn: surveyToday(deps) },
          now,
        );
        if (!updated) throw AppError.versionConflict(member.version);
        let activated: string | null = null;
        if (dropsOut(c.status) && !dropsOut(member.contactStatus) && (!member.reserve || member.activated)) {
          const next = (await sampleRepo.members(tx, principal.tenantId, waveId)).find(
            (m) => m.stratum === member.stratum && m.reserve && !m.activated,
          );
          if (next) {
            await sampleRepo.updateMemberIfVersion(
              tx,
              { ...key, personId: next.personId },
              next.version,
              { activated: true },
              now,
            );
            activated = next.personId;
          }
        }
        await deps.audit.record({
          actor: userActor(principal),
          action: "survey.contact",
          entityType: "survey_sample_member",
          entityId: personId,
          changes: { contactStatus: { old: member.contactStatus, new: c.status } },
          requestId: opts.requestId ?? null,
        });
        return { member: updated, activated };
      });
    },

    /** Links for every active member of a wave without an open link; tokens are returned once. */
    async createWaveLinks(principal: Principal, waveId: string, input: CreateWaveLinks, opts: Audited = {}) {
      authorize(principal, "surveys.manage");
      const data = await getWave(principal, waveId, opts);
      const out: { personId: string; name: string; token: string; expiresAt: Date }[] = [];
      for (const m of data.members) {
        if ((m.reserve && !m.activated) || m.contactStatus === "responded" || m.contactStatus === "refused")
          continue;
        if (m.link && !m.link.usedAt && m.link.expiresAt > deps.clock.now()) continue;
        const l = await deps.links.createLink(
          principal,
          {
            formId: data.survey.formId,
            caseId: null,
            waveId,
            personId: m.personId,
            lang: input.lang,
            ...(input.days ? { days: input.days } : {}),
          },
          opts,
        );
        out.push({ personId: m.personId, name: m.name, token: l.token, expiresAt: l.expiresAt });
      }
      return out;
    },
  };
}

export type SampleService = ReturnType<typeof createSampleService>;
