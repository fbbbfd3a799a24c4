import { MAX_NEWS_PAGES, MAX_TITLE } from "#app/modules/guide/model.ts";
import { useT } from "../../i18n.tsx";
import { CheckboxGroup, DateField, type ErrorSource, formString, TextField } from "../form/index.ts";

export type NewsDefaults = {
  title: string;
  body: string;
  publishedOn: string;
  expiresOn: string | null;
  pageIds: readonly string[];
};

/** The posted form as the news contracts (`newsInput`, `updateNewsInput`) expect it. */
export function newsFormInput(form: FormData) {
  return {
    title: formString(form, "title"),
    body: formString(form, "body"),
    publishedOn: formString(form, "publishedOn"),
    expiresOn: formString(form, "expiresOn"),
    pageIds: form.getAll("pageIds").filter((v): v is string => typeof v === "string" && v !== ""),
  };
}

/** A news message's German fields (new message and edit page); works without JavaScript. */
export function NewsFields({
  pages,
  errors,
  news,
}: {
  pages: readonly { id: string; title: string; depth: number }[];
  errors: ErrorSource;
  news?: NewsDefaults | undefined;
}) {
  const t = useT();
  return (
    <>
      <TextField
        name="title"
        label={t("guide.field_title")}
        required
        maxLength={MAX_TITLE}
        defaultValue={news?.title}
        errors={errors}
      />
      <TextField
        name="body"
        label={t("guide.news_field_body")}
        hint={t("guide.body_hint")}
        multiline
        rows={6}
        defaultValue={news?.body}
        errors={errors}
      />
      <DateField
        name="publishedOn"
        label={t("guide.news_field_published")}
        defaultValue={news?.publishedOn}
        errors={errors}
        required
      />
      <DateField
        name="expiresOn"
        label={t("guide.news_field_expires")}
        defaultValue={news?.expiresOn}
        errors={errors}
      />
      {pages.length > 0 ? (
        <CheckboxGroup
          name="pageIds"
          legend={t("guide.news_field_pages")}
          errors={errors}
          errorPath={["pageIds", ...Array.from({ length: MAX_NEWS_PAGES }, (_, i) => `pageIds.${i}`)]}
          defaultValue={news?.pageIds ?? []}
          options={pages.map((p) => ({ value: p.id, label: `${"· ".repeat(p.depth - 1)}${p.title}` }))}
        />
      ) : null}
    </>
  );
}
