import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, type Language, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { randomToken, sha256Hex } from "../../server/crypto.ts";
import { isUuid } from "../../server/db/ids.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type {
  CreateDatePoll,
  DatePollView,
  FixDatePoll,
  PollAnswerInput,
  StaffPollAnswer,
} from "./date-polls.contracts.ts";
import { type PollOptionRow, type PollRow, datePollRepo as repo } from "./date-polls.repo.ts";
import { type PollAnswer, termRunsOn } from "./model.ts";
import { bodyRepo, meetingRepo } from "./repo.ts";
import {
  auditActor,
  check,
  fail,
  meetingSummary,
  type NetworkActor,
  type NetworkContext,
  tenantOf,
} from "./shared.ts";
import { parseInstant } from "./time.ts";

const summary = (p: PollRow) => ({
  id: p.id,
  bodyId: p.bodyId,
  title: p.title,
  meetingId: p.meetingId,
  placeId: p.placeId,
  onlineUrl: p.onlineUrl,
  state: p.state,
  fixedOptionId: p.fixedOptionId,
  version: p.version,
});

/**
 * Terminfindung (decision 126): the secretary proposes dates, the body's current members answer
 * yes / maybe / no through the link in their mail (or the secretary records it), and fixing one
 * date creates the meeting — or moves the scheduled meeting the poll was opened for.
 */
export function createDatePolls(ctx: NetworkContext) {
  const { deps } = ctx;
  const { db } = deps;

  async function loadPoll(tenantId: string, id: string): Promise<PollRow> {
    if (!isUuid(id)) throw AppError.notFound();
    const row = await repo.byId(db, tenantId, id);
    if (!row) throw AppError.notFound();
    return row;
  }

  async function view(tenantId: string, poll: PollRow): Promise<DatePollView> {
    const [body, options, responses, members] = await Promise.all([
      ctx.body(tenantId, poll.bodyId),
      repo.options(db, tenantId, poll.id),
      repo.responses(db, tenantId, poll.id),
      bodyRepo.members(db, tenantId, [poll.bodyId]),
    ]);
    const nameOf = new Map(members.map((m) => [m.id, m.name]));
    const tally = (optionId: string, a: PollAnswer) =>
      responses.filter((r) => r.answers[optionId] === a).length;
    return {
      ...summary(poll),
      bodyName: body.name,
      options: options.map((o) => ({
        id: o.id,
        startsAt: o.startsAt.toISOString(),
        endsAt: o.endsAt?.toISOString() ?? null,
        yes: tally(o.id, "yes"),
        maybe: tally(o.id, "maybe"),
        no: tally(o.id, "no"),
      })),
      responses: responses
        .map((r) => ({
          memberId: r.memberId,
          name: nameOf.get(r.memberId) ?? "—",
          answeredAt: r.answeredAt?.toISOString() ?? null,
          answers: r.answers,
        }))
        .sort((a, b) => a.name.localeCompare(b.name, "de")),
    };
  }

  /** The proposed dates: each one understood, in the future, after its start, and none twice. */
  function checkDates(input: CreateDatePoll, now: Date) {
    const errors: FieldError[] = [];
    const seen = new Set<number>();
    const dates = input.options.map((o, i) => {
      const startsAt = parseInstant(o.startsAt);
      const endsAt = o.endsAt === null ? null : parseInstant(o.endsAt);
      const at = `options.${i}`;
      if (!startsAt) errors.push({ field: `${at}.startsAt`, code: "invalid_date" });
      else if (startsAt <= now) errors.push({ field: `${at}.startsAt`, code: "network_poll_date_past" });
      else if (seen.has(startsAt.getTime())) errors.push({ field: `${at}.startsAt`, code: "taken" });
      if (endsAt === undefined) errors.push({ field: `${at}.endsAt`, code: "invalid_date" });
      else if (startsAt && endsAt && endsAt <= startsAt)
        errors.push({ field: `${at}.endsAt`, code: "date_range" });
      if (startsAt) seen.add(startsAt.getTime());
      return { startsAt: startsAt ?? now, endsAt: endsAt ?? null, position: i };
    });
    return { dates, errors };
  }

  /** The poll's mail to one member, in the member's language, with their own answer link. */
  function pollMail(
    m: { name: string; email: string; language: string },
    body: string,
    title: string,
    options: PollOptionRow[],
    token: string,
  ) {
    const lang: Language = isLanguage(m.language) ? m.language : SOURCE_LANGUAGE;
    const all = catalogs();
    const t = createTranslator(lang, all.get(lang) ?? {}, all.get(SOURCE_LANGUAGE));
    const fmt = new Intl.DateTimeFormat(lang, {
      dateStyle: "full",
      timeStyle: "short",
      timeZone: "Europe/Berlin",
    });
    return {
      to: m.email,
      subject: t("network.poll_mail_subject", { body, title }),
      text: t("network.poll_mail_text", {
        name: m.name,
        body,
        title,
        dates: options.map((o) => `– ${fmt.format(o.startsAt)}`).join("\n"),
        link: `${deps.config.baseUrl}/${lang}/date-poll/${token}`,
      }),
    };
  }

  return {
    /**
     * Opens a poll for the body's current members and mails each member with an address their
     * answer link. A date in the past, no dates, or a meeting that is no longer only scheduled
     * are refused per field.
     */
    async createDatePoll(actor: NetworkActor, bodyId: string, input: CreateDatePoll, requestId?: string) {
      check(actor, "network.meetings.manage");
      const tenantId = tenantOf(actor);
      const body = await ctx.body(tenantId, bodyId);
      const now = deps.clock.now();
      const { dates, errors } = checkDates(input, now);
      if (input.meetingId) {
        const m = isUuid(input.meetingId) ? await meetingRepo.byId(db, tenantId, input.meetingId) : undefined;
        if (!m || m.bodyId !== bodyId) errors.push({ field: "meetingId", code: "network_unknown_reference" });
        else if (m.state !== "scheduled")
          errors.push({ field: "meetingId", code: "network_poll_meeting_not_scheduled" });
      } else errors.push(...(await ctx.checkLocation(tenantId, input)));
      if (errors.length) throw fail(...errors);
      const today = ctx.today();
      const asked = (await bodyRepo.members(db, tenantId, [bodyId])).filter((m) => termRunsOn(m, today));
      const tokens = new Map(asked.map((m) => [m.id, m.email ? randomToken(24) : null]));
      return db.transaction(async (tx) => {
        const poll = await repo.insert(
          tx,
          {
            tenantId,
            bodyId,
            title: input.title,
            meetingId: input.meetingId,
            placeId: input.meetingId ? null : input.placeId,
            onlineUrl: input.meetingId ? null : input.onlineUrl,
          },
          dates.map((d) => ({ tenantId, ...d })),
          asked.map((m) => {
            const token = tokens.get(m.id);
            return { tenantId, memberId: m.id, tokenHash: token ? sha256Hex(token) : null };
          }),
        );
        const options = await repo.options(tx, tenantId, poll.id);
        for (const m of asked) {
          const token = tokens.get(m.id);
          if (!token || !m.email) continue;
          const mail = pollMail({ ...m, email: m.email }, body.name, poll.title, options, token);
          await deps.mail.send({ tenantId, ...mail }, { db: tx });
        }
        await deps.audit.record(
          {
            actor: auditActor(actor),
            action: "create",
            entityType: "network_date_poll",
            entityId: poll.id,
            changes: diff(null, { ...summary(poll), options: options.length, asked: asked.length }),
            requestId: requestId ?? null,
          },
          tx,
        );
        return { ...summary(poll), asked: asked.length, mailed: [...tokens.values()].filter(Boolean).length };
      });
    },

    async datePollsOf(principal: Principal, bodyId: string) {
      authorize(principal, "network.read");
      await ctx.body(principal.tenantId, bodyId);
      return { items: (await repo.byBody(db, principal.tenantId, bodyId)).map(summary) };
    },

    /** The table of answers; names the members asked, so the read is audited once. */
    async getDatePoll(principal: Principal, id: string, requestId?: string): Promise<DatePollView> {
      authorize(principal, "network.read");
      const v = await view(principal.tenantId, await loadPoll(principal.tenantId, id));
      await deps.audit.recordRead(principal, "network_date_poll", id, {
        requestId: requestId ?? null,
        exposed: { memberIds: v.responses.map((r) => r.memberId) },
      });
      return v;
    },

    /** The secretary records a member's answers (by phone, or a member without a mail address). */
    async answerDatePoll(actor: NetworkActor, id: string, input: StaffPollAnswer, requestId?: string) {
      check(actor, "network.meetings.manage");
      const tenantId = tenantOf(actor);
      const poll = await loadPoll(tenantId, id);
      await db.transaction(async (tx) => {
        await saveAnswers(poll, input.memberId, input.answers, "memberId");
        await deps.audit.record(
          {
            actor: auditActor(actor),
            action: "answer",
            entityType: "network_date_poll",
            entityId: id,
            changes: diff(null, { memberId: input.memberId }),
            requestId: requestId ?? null,
          },
          tx,
        );
      });
      return view(tenantId, await loadPoll(tenantId, id));
    },

    /**
     * Fixes one date: creates the meeting at the poll's place (or moves the scheduled meeting),
     * compare-and-set on the poll's version; the answer links stop working.
     */
    async fixDatePoll(actor: NetworkActor, id: string, input: FixDatePoll, requestId?: string) {
      check(actor, "network.meetings.manage");
      const tenantId = tenantOf(actor);
      const poll = await loadPoll(tenantId, id);
      if (poll.state === "fixed") throw fail({ field: "optionId", code: "network_poll_fixed" });
      const option = (await repo.options(db, tenantId, id)).find((o) => o.id === input.optionId);
      if (!option) throw fail({ field: "optionId", code: "network_unknown_reference" });
      const now = deps.clock.now();
      if (option.startsAt <= now) throw fail({ field: "optionId", code: "network_poll_date_past" });
      return db.transaction(async (tx) => {
        let meetingId = poll.meetingId;
        if (meetingId) {
          const moved = await repo.moveMeeting(tx, tenantId, meetingId, option.startsAt, option.endsAt, now);
          if (!moved) throw fail({ field: "optionId", code: "network_poll_meeting_not_scheduled" });
        } else {
          const meeting = await meetingRepo.insert(tx, {
            tenantId,
            bodyId: poll.bodyId,
            title: poll.title,
            startsAt: option.startsAt,
            endsAt: option.endsAt,
            placeId: poll.placeId,
            onlineUrl: poll.onlineUrl,
          });
          meetingId = meeting.id;
          await deps.audit.record(
            {
              actor: auditActor(actor),
              action: "create",
              entityType: "network_meeting",
              entityId: meeting.id,
              changes: diff(null, meetingSummary(meeting)),
              requestId: requestId ?? null,
            },
            tx,
          );
        }
        const after = await repo.fixIfVersion(
          tx,
          tenantId,
          id,
          input.version,
          { fixedOptionId: option.id, meetingId },
          now,
        );
        if (!after) throw AppError.versionConflict(poll.version);
        await repo.clearTokens(tx, tenantId, id);
        await deps.audit.record(
          {
            actor: auditActor(actor),
            action: "fix",
            entityType: "network_date_poll",
            entityId: id,
            changes: diff(summary(poll), summary(after)),
            requestId: requestId ?? null,
          },
          tx,
        );
        return summary(after);
      });
    },

    /** What a member sees through their link: the dates and their own answers, nobody else's. */
    async pollByToken(tenantId: string, token: string) {
      const found = await byToken(tenantId, token);
      if (!found) return null;
      const { poll, response } = found;
      const [body, options, members] = await Promise.all([
        ctx.body(tenantId, poll.bodyId),
        repo.options(db, tenantId, poll.id),
        bodyRepo.members(db, tenantId, [poll.bodyId]),
      ]);
      return {
        title: poll.title,
        bodyName: body.name,
        memberName: members.find((m) => m.id === response.memberId)?.name ?? "",
        options: options.map((o) => ({
          id: o.id,
          startsAt: o.startsAt.toISOString(),
          endsAt: o.endsAt?.toISOString() ?? null,
        })),
        answers: response.answers,
        answeredAt: response.answeredAt?.toISOString() ?? null,
      };
    },

    /** A member answers through their link; unknown or dead links are a 404. */
    async answerByToken(tenantId: string, token: string, input: PollAnswerInput) {
      const found = await byToken(tenantId, token);
      if (!found) throw AppError.notFound();
      await saveAnswers(found.poll, found.response.memberId, input.answers, "answers");
      return { ok: true as const };
    },
  };

  async function byToken(tenantId: string, token: string) {
    if (token.length < 16 || token.length > 100) return null;
    const response = await repo.byTokenHash(db, tenantId, sha256Hex(token));
    if (!response) return null;
    const poll = await repo.byId(db, tenantId, response.pollId);
    return poll?.state === "open" ? { poll, response } : null;
  }

  /** Answers only to this poll's dates, while it is open, by a member who was asked. */
  async function saveAnswers(
    poll: PollRow,
    memberId: string,
    answers: Record<string, PollAnswer>,
    field: string,
  ) {
    if (poll.state !== "open") throw fail({ field: "_", code: "network_poll_fixed" });
    const ids = new Set((await repo.options(db, poll.tenantId, poll.id)).map((o) => o.id));
    const unknown = Object.keys(answers).find((k) => !ids.has(k));
    if (unknown) throw fail({ field: `answers.${unknown}`, code: "network_unknown_reference" });
    const saved = await repo.answer(db, poll.tenantId, poll.id, memberId, answers, deps.clock.now());
    if (!saved) throw fail({ field, code: "network_unknown_reference" });
  }
}
