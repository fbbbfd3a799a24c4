import { MAX_LINKS } from "#app/modules/guide/model.ts";
import { useT } from "../i18n.tsx";
import { CheckboxGroup, type ErrorSource, formString, Select, TextField } from "./form/index.ts";

type Choice = { id: string; name: string };
export type GuideChoices = {
  parents: { id: string; title: string; depth: number }[];
  organizations: Choice[];
  offices: Choice[];
  offers: Choice[];
};
export type GuidePageDefaults = {
  id: string;
  parentId: string | null;
  slug: string;
  title: string;
  body: string;
  ownerKind: string;
  ownerId: string;
  lastCheckedOn: string | null;
  offerIds: string[];
  sort: number;
};

/** The form's fields as the page contracts expect them (owner posted as "kind:id"). */
export function pageFormInput(form: FormData) {
  const [ownerKind = "", ownerId = ""] = formString(form, "owner").split(":");
  return {
    parentId: formString(form, "parentId"),
    slug: formString(form, "slug"),
    title: formString(form, "title"),
    body: formString(form, "body"),
    ownerKind,
    ownerId,
    lastCheckedOn: formString(form, "lastCheckedOn"),
    offerIds: form.getAll("offerIds").filter((v): v is string => typeof v === "string" && v !== ""),
    sort: Number(formString(form, "sort") || "0"),
  };
}

/** The fields of a guide page (new page and edit form); works without JavaScript. */
export function GuidePageFields({
  choices,
  errors,
  page,
}: {
  choices: GuideChoices;
  errors: ErrorSource;
  page?: GuidePageDefaults;
}) {
  const t = useT();
  return (
    <>
      <Select
        name="parentId"
        label={t("guide.field_parent")}
        empty={t("guide.parent_root")}
        defaultValue={page?.parentId ?? ""}
        options={choices.parents
          .filter((p) => p.id !== page?.id)
          .map((p) => ({ value: p.id, label: `${"– ".repeat(p.depth - 1)}${p.title}` }))}
        errors={errors}
      />
      <TextField
        name="title"
        label={t("guide.field_title")}
        required
        maxLength={200}
        defaultValue={page?.title}
        errors={errors}
      />
      <TextField
        name="slug"
        label={t("guide.field_slug")}
        hint={t("guide.slug_hint")}
        required
        maxLength={80}
        defaultValue={page?.slug}
        errors={errors}
      />
      <TextField
        name="body"
        label={t("guide.field_body")}
        hint={t("guide.body_hint")}
        multiline
        rows={10}
        defaultValue={page?.body}
        errors={errors}
      />
      <Select
        name="owner"
        label={t("guide.field_owner")}
        empty={t("guide.owner_choose")}
        defaultValue={page ? `${page.ownerKind}:${page.ownerId}` : ""}
        groups={[
          {
            label: t("guide.owner_organizations"),
            options: choices.organizations.map((o) => ({ value: `organization:${o.id}`, label: o.name })),
          },
          {
            label: t("guide.owner_offices"),
            options: choices.offices.map((o) => ({ value: `office:${o.id}`, label: o.name })),
          },
        ]}
        errors={errors}
        errorPath={["ownerId", "ownerKind"]}
      />
      <TextField
        name="lastCheckedOn"
        type="date"
        label={t("guide.field_last_checked")}
        defaultValue={page?.lastCheckedOn ?? ""}
        errors={errors}
      />
      <TextField
        name="sort"
        type="number"
        min={0}
        max={10000}
        label={t("guide.field_sort")}
        defaultValue={page?.sort ?? 0}
        errors={errors}
      />
      <CheckboxGroup
        name="offerIds"
        legend={t("guide.field_offers")}
        hint={t("guide.offers_hint")}
        options={choices.offers.map((o) => ({ value: o.id, label: o.name }))}
        defaultValue={page?.offerIds ?? []}
        errors={errors}
        errorPath={["offerIds", ...Array.from({ length: MAX_LINKS }, (_, i) => `offerIds.${i}`)]}
      />
    </>
  );
}
