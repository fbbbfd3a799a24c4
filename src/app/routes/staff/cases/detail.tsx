import { data, Link, useSearchParams } from "react-router";
import {
  assignWorkersInput,
  changePhaseInput,
  closeCaseInput,
  contactInput,
  needInput,
  noteInput,
  planItemInput,
  reopenCaseInput,
  updateCaseInput,
  updateNeedInput,
  updatePlanItemInput,
} from "#app/modules/casework/contracts.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { formString, Notice } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/detail";
import { ClosureSection, ReferralsSection, ResponsesSection } from "./case-ending.tsx";
import { AttachmentsSection, ContactsSection, NotesSection } from "./case-log.tsx";
import { NeedsSection, PhaseSection } from "./case-phase-needs.tsx";
import { PlanSection } from "./case-plan.tsx";
import {
  CaseEditSection,
  CaseFacts,
  CaseSectionNav,
  PersonsSection,
  WorkersSection,
} from "./case-summary.tsx";
import { casePageData } from "./detail-data.ts";
import { TIME_ZONE } from "./detail-shared.tsx";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const search = new URL(request.url).searchParams;
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const d = await ctx.services.casework.cases
    .get(principal, params.id, { requestId: ctx.requestId })
    .catch((e: unknown) => {
      if (e instanceof AppError && (e.status === 404 || e.status === 403))
        throw data(null, { status: e.status });
      throw e;
    });
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(
    ctx.services.core.clock.now(),
  );
  // Questionnaires (issue 5): the active forms to fill and the responses given in this case. The
  // case was loaded (and its read audited) once above; its handle stands for it.
  const [forms, responses] = can(principal, "surveys.capture")
    ? await Promise.all([
        ctx.services.surveys.listForms(principal),
        ctx.services.surveys.caseResponses(principal, d.access),
      ])
    : [[], []];
  const surveyNotice = search.get("notice");
  return {
    ...casePageData(d),
    today,
    // The guide's welcome package can be handed out from here (decision 082).
    guideHandout: can(principal, "guide.handout") && d.access.mode === "write",
    // A language mediator can be asked for from here (decision 084).
    volunteerRequest: can(principal, "volunteers.requests.case") && d.access.mode === "write",
    surveys: {
      forms: forms.filter((f) => f.status === "active").map((f) => ({ id: f.id, title: f.title })),
      responses: responses.map((r) => ({
        id: r.id,
        formTitle: r.formTitle,
        formVersion: r.formVersion,
        channel: r.channel,
        personId: r.personId,
        submittedAt: r.submittedAt.toISOString(),
      })),
      notice:
        surveyNotice === "survey_saved" ||
        surveyNotice === "survey_saved_needs" ||
        surveyNotice === "survey_duplicate"
          ? { key: surveyNotice, needs: Number(search.get("needs")) || 0 }
          : null,
    },
  };
}

const INTENTS = [
  "case",
  "workers",
  "phase",
  "need_add",
  "need_update",
  "plan_add",
  "plan_update",
  "contact",
  "note",
  "attachment",
  "close",
  "reopen",
] as const;
type Intent = (typeof INTENTS)[number];

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "cases.write");
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const s = (n: string) => formString(form, n);
  const intent = (INTENTS as readonly string[]).includes(s("intent")) ? (s("intent") as Intent) : "case";
  const version = Number(s("version"));
  const target = s("target");
  const cw = ctx.services.casework;
  const opts = { requestId: ctx.requestId };
  const id = params.id;
  const planFields = () => ({
    title: s("title"),
    goalId: s("goalId"),
    needId: s("needId"),
    dueOn: s("dueOn"),
    responsibleUserId: s("responsibleUserId"),
    responsibleText: s("responsibleText"),
    status: s("status") || "open",
  });
  const result = await formAction(ctx.t, async (): Promise<unknown> => {
    switch (intent) {
      case "case": {
        const input = { caseType: s("caseType"), housingStage: s("housingStage"), version };
        return cw.cases.update(principal, id, parseInput(updateCaseInput, input), opts);
      }
      case "workers": {
        const workerIds = form.getAll("workerIds").filter((v) => typeof v === "string");
        const input = parseInput(assignWorkersInput, { workerIds, leadId: s("leadId"), version });
        return cw.cases.assignWorkers(principal, id, input, opts);
      }
      case "phase": {
        const input = { toPhase: s("toPhase"), changedOn: s("changedOn"), reason: s("reason"), version };
        return cw.cases.changePhase(principal, id, parseInput(changePhaseInput, input), opts);
      }
      case "need_add": {
        const input = { domain: s("domain"), status: s("status"), personId: s("personId"), note: s("note") };
        return cw.needs.add(principal, id, parseInput(needInput, input), opts);
      }
      case "need_update": {
        const input = parseInput(updateNeedInput, { status: s("status"), note: s("note"), version });
        return cw.needs.update(principal, id, target, input, opts);
      }
      case "plan_add":
        return cw.planItems.add(principal, id, parseInput(planItemInput, planFields()), opts);
      case "plan_update": {
        const input = parseInput(updatePlanItemInput, { ...planFields(), version });
        return cw.planItems.update(principal, id, target, input, opts);
      }
      case "contact": {
        const input = {
          kind: s("kind"),
          occurredAt: s("occurredAt"),
          durationMinutes: s("durationMinutes"),
          note: s("note"),
        };
        return cw.contacts.add(principal, id, parseInput(contactInput, input), opts);
      }
      case "note": {
        const input = { text: s("text"), health: s("health"), personId: s("personId") };
        return cw.notes.add(principal, id, parseInput(noteInput, input), opts);
      }
      case "attachment": {
        const file = form.get("file");
        const upload =
          file instanceof File
            ? { fileName: file.name, mimeType: file.type, content: new Uint8Array(await file.arrayBuffer()) }
            : { fileName: "", content: new Uint8Array() };
        return cw.attachments.add(principal, id, upload, opts);
      }
      case "close": {
        const input = parseInput(closeCaseInput, { closedOn: s("closedOn"), reason: s("reason"), version });
        return cw.cases.close(principal, id, input, opts);
      }
      case "reopen":
        return cw.cases.reopen(principal, id, parseInput(reopenCaseInput, { version }), opts);
    }
  });
  const key = intent === "need_update" || intent === "plan_update" ? `${intent}:${target}` : intent;
  if ("data" in result) return data({ ...result.data, intent: key }, result.init ?? undefined);
  return { ok: true as const, intent: key };
}

export default function CaseDetail({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const [search] = useSearchParams();
  const d = loaderData;
  const errorsFor = (i: string) =>
    actionData && !actionData.ok && actionData.intent === i ? actionData.errors : undefined;
  const savedFor = (i: string) => actionData?.ok === true && actionData.intent === i;
  const section = { d, errorsFor, savedFor };
  return (
    <>
      <p>
        <Link to="/staff/cases">{t("cases.back_to_list")}</Link>
      </p>
      <h1>{t("cases.detail_title", { reference: d.case.reference })}</h1>
      {search.get("created") ? <Notice kind="success">{t("cases.created")}</Notice> : null}
      {d.breakGlass ? <Notice kind="warning">{t("cases.break_glass_active")}</Notice> : null}
      <CaseFacts {...section} />
      <CaseSectionNav />
      <CaseEditSection {...section} />
      <WorkersSection {...section} />
      <PersonsSection {...section} />
      <PhaseSection {...section} />
      <NeedsSection {...section} />
      <PlanSection {...section} />
      <ContactsSection {...section} />
      <NotesSection {...section} />
      <AttachmentsSection {...section} />
      <ResponsesSection {...section} />
      <ReferralsSection {...section} />
      <ClosureSection {...section} />
    </>
  );
}
