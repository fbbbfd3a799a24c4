import { Form } from "react-router";
import type { RoomView } from "#app/modules/accommodation/housing.contracts.ts";
import { ROOM_USES } from "#app/modules/accommodation/housing-model.ts";
import { Checkbox, ErrorSummary, Notice, Select, TextField } from "../../../components/form/index.ts";
import { useT } from "../../../i18n.tsx";
import type { FormErrors } from "../../../server/guard.server.ts";

/** The rooms of an accommodation with their beds on the day, and (for managers) the form to add one. */
export function RoomsSection(props: {
  day: string;
  rooms: RoomView[];
  canManage: boolean;
  added: boolean;
  errors: FormErrors | undefined;
}) {
  const t = useT();
  const { rooms, errors } = props;
  return (
    <>
      <h2 id="rooms">{t("accommodation.rooms_title")}</h2>
      {rooms.length ? (
        <table>
          <caption>{t("accommodation.rooms_caption", { day: props.day })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("accommodation.rooms_name")}</th>
              <th scope="col">{t("accommodation.rooms_floor")}</th>
              <th scope="col">{t("accommodation.rooms_use")}</th>
              <th scope="col">{t("accommodation.housing_accessible")}</th>
              <th scope="col">{t("accommodation.rooms_beds")}</th>
              <th scope="col">{t("accommodation.housing_occupied")}</th>
              <th scope="col">{t("accommodation.housing_reserved")}</th>
              <th scope="col">{t("accommodation.housing_free")}</th>
            </tr>
          </thead>
          <tbody>
            {rooms.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td>{r.floor ?? "–"}</td>
                <td>{t(`accommodation.room_use_${r.use}`)}</td>
                <td>{r.accessible ? t("accommodation.yes") : t("accommodation.no")}</td>
                <td>{r.beds}</td>
                <td>{r.occupancy.occupied}</td>
                <td>{r.occupancy.reserved}</td>
                <td>{r.occupancy.free}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("accommodation.rooms_empty")}</p>
      )}
      {props.canManage && (
        <Form method="post" noValidate aria-labelledby="room-add">
          <h3 id="room-add">{t("accommodation.room_add")}</h3>
          {props.added && <Notice kind="success">{t("accommodation.room_added")}</Notice>}
          <ErrorSummary errors={errors} />
          <input type="hidden" name="intent" value="room" />
          <TextField
            id="room-name"
            name="name"
            label={t("accommodation.rooms_name")}
            errors={errors}
            required
          />
          <TextField
            name="floor"
            label={t("accommodation.rooms_floor")}
            inputMode="numeric"
            errors={errors}
          />
          <TextField
            name="beds"
            label={t("accommodation.rooms_beds")}
            inputMode="numeric"
            errors={errors}
            required
          />
          <Select
            name="use"
            label={t("accommodation.rooms_use")}
            options={ROOM_USES.map((u) => ({ value: u, label: t(`accommodation.room_use_${u}`) }))}
            errors={errors}
          />
          <Checkbox id="room-accessible" name="accessible" label={t("accommodation.housing_accessible")} />
          <button type="submit">{t("accommodation.room_submit")}</button>
        </Form>
      )}
    </>
  );
}
