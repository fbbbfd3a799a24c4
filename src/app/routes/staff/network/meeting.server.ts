import {
  actionItemInput,
  addAgendaItemInput,
  attendanceInput,
  commentInput,
  decisionInput,
  minutesInput,
  minutesStateInput,
} from "#app/modules/network/contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { formString } from "../../../components/form/index.ts";
import { requirePage, type requirePrincipal } from "../../../server/guard.server.ts";

/** One form per step of the meeting; each names its intent and the version it read. */
export async function runMeetingStep(
  ctx: Parameters<typeof requirePrincipal>[0],
  id: string,
  form: FormData,
  intent: string,
): Promise<unknown> {
  const s = ctx.services.network;
  const version = Number(formString(form, "version")) || 0;
  const all = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
  if (intent === "comment") {
    const principal = requirePage(ctx, "network.minutes.comment");
    return s.commentMinutes(principal, id, parseInput(commentInput, { text: formString(form, "text") }).text);
  }
  const actor = { kind: "user" as const, principal: requirePage(ctx, "network.meetings.manage") };
  switch (intent) {
    case "invite":
      return s.invite(actor, id, version, ctx.requestId);
    case "agenda":
      return s.addAgendaItem(
        actor,
        id,
        parseInput(addAgendaItemInput, {
          version,
          number: formString(form, "number"),
          title: formString(form, "title"),
          public: formString(form, "public") === "on",
        }),
        ctx.requestId,
      );
    case "attendance":
      return s.setAttendance(
        actor,
        id,
        parseInput(attendanceInput, { version, memberIds: all("memberIds") }),
        ctx.requestId,
      );
    case "minutes":
      return s.saveMinutes(
        actor,
        id,
        parseInput(minutesInput, {
          version,
          items: all("agendaItemId").map((agendaItemId) => ({
            agendaItemId,
            discussion: formString(form, `discussion_${agendaItemId}`),
          })),
        }),
        ctx.requestId,
      );
    case "minutes_state":
      return s.moveMinutes(
        actor,
        id,
        parseInput(minutesStateInput, { version, state: formString(form, "state") }),
        ctx.requestId,
      );
    case "decision":
      return s.recordDecision(
        actor,
        id,
        parseInput(decisionInput, {
          version,
          agendaItemId: formString(form, "agendaItemId"),
          text: formString(form, "text"),
          votesYes: formString(form, "votesYes"),
          votesNo: formString(form, "votesNo"),
          votesAbstain: formString(form, "votesAbstain"),
          measureId: formString(form, "measureId"),
        }),
        ctx.requestId,
      );
    default:
      return s.recordActionItem(
        actor,
        id,
        parseInput(actionItemInput, {
          version,
          agendaItemId: formString(form, "agendaItemId"),
          title: formString(form, "title"),
          owner: formString(form, "owner"),
          dueDate: formString(form, "dueDate"),
          measureId: formString(form, "measureId"),
        }),
        ctx.requestId,
      );
  }
}
