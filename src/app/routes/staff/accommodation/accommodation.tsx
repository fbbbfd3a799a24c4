import { data, Form, Link } from "react-router";
import {
  type AccommodationView,
  createRoomInput,
  endPlacementInput,
  type PublicPlaceOutcome,
  placeHouseholdInput,
  publicPlaceInput,
  type ResidentsView,
  type RoomView,
} from "#app/modules/accommodation/housing.contracts.ts";
import { dayOrToday } from "#app/modules/accommodation/housing-model.ts";
import type { StructureView } from "#app/modules/accommodation/structure.ts";
import { caseListQuery } from "#app/modules/casework/contracts.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { isAppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { PublicPlaceSection } from "../../../components/accommodation-housing/public-place-section.tsx";
import { StructureTable } from "../../../components/accommodation-housing/structure-table.tsx";
import {
  Checkbox,
  CheckboxGroup,
  ErrorSummary,
  Notice,
  Select,
  TextField,
} from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/accommodation";
import { RoomsSection } from "./rooms-section.tsx";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const day = dayOrToday(new URL(request.url).searchParams.get("on"), ctx.services.core.clock.now());
  const svc = ctx.services.accommodation;
  try {
    const accommodation = await svc.accommodations.get({ kind: "user", principal }, params.id, day);
    const residents = await svc.placements.residents(principal, params.id, { requestId: ctx.requestId });
    const rooms = await svc.rooms.list({ kind: "user", principal }, params.id, day);
    const structure = await svc.structure.of(principal, params.id, day);
    const canManage = can(principal, "accommodation.manage");
    const canPublish = can(principal, "directory.publish");
    const canPlace = can(principal, "accommodation.place") && can(principal, "cases.write");
    // The cases whose household the user could place: their open cases (the list read is audited there).
    const cases = canPlace
      ? (
          await ctx.services.casework.cases.list(
            principal,
            parseInput(caseListQuery, { status: "open", limit: 200 }),
            {
              requestId: ctx.requestId,
            },
          )
        ).items.map((c) => ({ value: c.id, label: `${c.reference} – ${c.householdLabel}` }))
      : [];
    const placed = new URL(request.url).searchParams.get("placed") === "1";
    return {
      day,
      accommodation,
      residents,
      rooms,
      structure,
      canManage,
      canPublish,
      canPlace,
      cases,
      placed,
    };
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") throw data(null, { status: 404 });
    throw e;
  }
}

type Intent = "place" | "end" | "room" | "public";
type ActionResult =
  | { ok: true; intent: Intent; outcome?: PublicPlaceOutcome }
  | { ok: false; intent: Intent; errors: FormErrors };

export async function action({ request, context, params }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const num = (k: string) => (/^\d+$/.test(str(k)) ? Number(str(k)) : str(k));
  const intent: Intent = (["end", "room", "public"] as const).find((i) => i === str("intent")) ?? "place";
  const principal = requirePage(
    ctx,
    intent === "place" || intent === "end" ? "accommodation.place" : "accommodation.manage",
  );
  const svc = ctx.services.accommodation.placements;
  const opts = { requestId: ctx.requestId };
  if (intent === "public") {
    const r = await formAction(ctx.t, () =>
      ctx.services.accommodation.accommodations.setPublic(
        { kind: "user", principal },
        params.id,
        parseInput(publicPlaceInput, {
          show: str("show") === "true",
          name: str("name"),
          version: num("version"),
        }),
        ctx.requestId,
      ),
    );
    if (!("data" in r)) return { ok: true, intent, outcome: r.value.outcome } satisfies ActionResult;
    return data({ ...r.data, intent } satisfies ActionResult, r.init ?? undefined);
  }
  const result = await formAction<unknown>(ctx.t, () =>
    intent === "room"
      ? ctx.services.accommodation.rooms.create(
          { kind: "user", principal },
          params.id,
          parseInput(createRoomInput, {
            name: str("name"),
            floor: str("floor") === "" ? null : num("floor"),
            beds: num("beds"),
            accessible: str("accessible") === "on",
            use: str("use") || "any",
          }),
          ctx.requestId,
        )
      : intent === "end"
        ? svc.end(
            principal,
            isUuid(str("placementId")) ? str("placementId") : params.id,
            parseInput(endPlacementInput, { moveOut: str("moveOut"), version: num("version") }),
            opts,
          )
        : svc.place(
            principal,
            params.id,
            parseInput(placeHouseholdInput, {
              caseId: str("caseId"),
              moveIn: str("moveIn"),
              moveOut: str("moveOut"),
              room: str("room"),
              roomIds: form.getAll("roomIds").filter((v) => typeof v === "string"),
              needsAccessible: str("needsAccessible") === "on",
              version: num("version"),
            }),
            opts,
          ),
  );
  if (!("data" in result)) return { ok: true, intent } satisfies ActionResult;
  return data({ ...result.data, intent } satisfies ActionResult, result.init ?? undefined);
}

export default function Accommodation({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const {
    day,
    accommodation: a,
    residents,
    rooms,
    structure,
    canManage,
    canPublish,
    canPlace,
    cases,
    placed,
  } = loaderData as {
    structure: StructureView;
    day: string;
    accommodation: AccommodationView;
    residents: ResidentsView;
    rooms: RoomView[];
    canManage: boolean;
    canPublish: boolean;
    canPlace: boolean;
    cases: { value: string; label: string }[];
    placed: boolean;
  };
  const result = actionData as ActionResult | undefined;
  const errorsFor = (intent: Intent) =>
    result && !result.ok && result.intent === intent ? result.errors : undefined;
  return (
    <>
      <p>
        <Link to="/staff/accommodation/housing">{t("accommodation.housing_back")}</Link>
      </p>
      <h1>{a.name}</h1>
      <dl>
        <dt>{t("accommodation.housing_kind")}</dt>
        <dd>{t(`accommodation.kind_${a.kind}`)}</dd>
        <dt>{t("accommodation.housing_address")}</dt>
        <dd>{a.address}</dd>
        <dt>{t("accommodation.housing_area")}</dt>
        <dd>{a.areaName}</dd>
        <dt>{t("accommodation.housing_accessible")}</dt>
        <dd>{a.accessible ? t("accommodation.yes") : t("accommodation.no")}</dd>
        <dt>{t("accommodation.housing_operator")}</dt>
        <dd>{a.operator ?? "–"}</dd>
        <dt>{t("accommodation.housing_contact")}</dt>
        <dd>{a.contact ?? "–"}</dd>
        <dt>{t("accommodation.housing_opens")}</dt>
        <dd>{a.opensOn}</dd>
        <dt>{t("accommodation.housing_closes")}</dt>
        <dd>{a.closesOn ?? "–"}</dd>
      </dl>

      <table>
        <caption>{t("accommodation.occupancy_caption", { day })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("accommodation.housing_places")}</th>
            <th scope="col">{t("accommodation.housing_occupied")}</th>
            <th scope="col">{t("accommodation.housing_reserved")}</th>
            <th scope="col">{t("accommodation.housing_free")}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{a.occupancy.places}</td>
            <td>{a.occupancy.occupied}</td>
            <td>{a.occupancy.reserved}</td>
            <td>{a.occupancy.free}</td>
          </tr>
        </tbody>
      </table>

      <RoomsSection
        day={day}
        rooms={rooms}
        canManage={canManage}
        added={result?.ok === true && result.intent === "room"}
        errors={errorsFor("room")}
      />

      <PublicPlaceSection
        a={a}
        canManage={canManage}
        canPublish={canPublish}
        outcome={result?.ok === true && result.intent === "public" ? (result.outcome ?? null) : null}
        errors={errorsFor("public")}
      />

      <StructureTable s={structure} />
      <p>
        <Link to={`/staff/accommodation/housing/${a.id}/questionnaire`}>
          {t("accommodation.questionnaire_link")}
        </Link>
      </p>

      <h2 id="residents">{t("accommodation.residents_title")}</h2>
      {placed && !result && <Notice kind="success">{t("accommodation.placed")}</Notice>}
      {result?.ok && (result.intent === "place" || result.intent === "end") && (
        <Notice kind="success">
          {result.intent === "place" ? t("accommodation.placed") : t("accommodation.ended")}
        </Notice>
      )}
      <ErrorSummary errors={errorsFor("end")} />
      {residents.placements.length ? (
        <table>
          <caption>{t("accommodation.residents_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("accommodation.residents_case")}</th>
              <th scope="col">{t("accommodation.residents_persons")}</th>
              <th scope="col">{t("accommodation.residents_room")}</th>
              <th scope="col">{t("accommodation.residents_move_in")}</th>
              <th scope="col">{t("accommodation.residents_move_out")}</th>
            </tr>
          </thead>
          <tbody>
            {residents.placements.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={`/staff/cases/${p.caseId}`}>{p.caseReference}</Link>
                </th>
                <td>{p.persons}</td>
                <td>
                  {[p.room, ...p.rooms.map((r) => t("accommodation.residents_room_share", r))]
                    .filter(Boolean)
                    .join(", ") || "–"}
                </td>
                <td>{p.moveIn}</td>
                <td>
                  {p.moveOut ?? t("accommodation.residents_open")}
                  {canPlace && (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="end" />
                      <input type="hidden" name="placementId" value={p.id} />
                      <input type="hidden" name="version" value={p.version} />
                      <TextField
                        id={`move-out-${p.id}`}
                        name="moveOut"
                        type="date"
                        label={t("accommodation.end_label", { reference: p.caseReference })}
                        defaultValue={p.moveOut ?? ""}
                        required
                      />
                      <button type="submit">{t("accommodation.end_submit")}</button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("accommodation.residents_empty")}</p>
      )}
      {residents.hiddenCount > 0 && (
        <p>{t("accommodation.residents_hidden", { count: residents.hiddenCount })}</p>
      )}

      {canPlace && (
        <Form method="post" noValidate aria-labelledby="place-title">
          <h2 id="place-title">{t("accommodation.place_title")}</h2>
          <p>{t("accommodation.place_intro")}</p>
          <ErrorSummary errors={errorsFor("place")} />
          <input type="hidden" name="intent" value="place" />
          <input type="hidden" name="version" value={a.version} />
          {cases.length ? (
            <>
              <Select
                id="place-case"
                name="caseId"
                label={t("accommodation.place_case")}
                empty={t("accommodation.place_choose")}
                options={cases}
                errors={errorsFor("place")}
                required
              />
              <TextField
                name="moveIn"
                type="date"
                label={t("accommodation.residents_move_in")}
                errors={errorsFor("place")}
                required
              />
              <TextField
                name="moveOut"
                type="date"
                label={t("accommodation.residents_move_out")}
                errors={errorsFor("place")}
              />
              {rooms.length > 0 && (
                <CheckboxGroup
                  name="roomIds"
                  legend={t("accommodation.place_rooms")}
                  options={rooms.map((r) => ({
                    value: r.id,
                    label: t("accommodation.place_room_option", {
                      name: r.name,
                      use: t(`accommodation.room_use_${r.use}`),
                      free: r.occupancy.free,
                    }),
                  }))}
                  errors={errorsFor("place")}
                />
              )}
              <Checkbox name="needsAccessible" label={t("accommodation.place_needs_accessible")} />
              <TextField name="room" label={t("accommodation.residents_room")} errors={errorsFor("place")} />
              <button type="submit">{t("accommodation.place_submit")}</button>
            </>
          ) : (
            <p>{t("accommodation.place_no_cases")}</p>
          )}
        </Form>
      )}
    </>
  );
}
