import { AXIS_LABELS, tx } from "./common.ts";
import type { FrameworkTemplate } from "./types.ts";

/**
 * Herdecke (seed 004): the four thematic areas of the expert workshops that structure the
 * integration concept "Gesellschaftliche Integration in Herdecke", and the two groups it names.
 */
export const herdeckeTemplate: FrameworkTemplate = {
  key: "herdecke",
  name: "Herdecke: Integrationskonzept",
  description:
    "Vier Handlungsfelder des Integrationskonzepts (Ausbildung und Arbeit, Sprache und Bildung, Wohnen und Quartier, Teilhabe und Engagement) und Zielgruppen.",
  nameKey: "framework.template_herdecke",
  descriptionKey: "framework.template_herdecke_description",
  source: "seed 004 (Stadt Herdecke, Integrationskonzept)",
  axes: [
    {
      key: "fields-of-action",
      kind: "field_of_action",
      label: AXIS_LABELS.fieldsOfAction,
      terms: [
        {
          key: "ausbildung-arbeit",
          label: tx(
            "Ausbildung und Arbeit",
            "Vocational training and work",
            "التدريب المهني والعمل",
            "Mesleki eğitim ve çalışma",
            "Профессиональное обучение и работа",
            "Професійне навчання та робота",
            "آموزش حرفه‌ای و کار",
          ),
        },
        {
          key: "sprache-bildung",
          label: tx(
            "Sprache und Bildung",
            "Language and education",
            "اللغة والتعليم",
            "Dil ve eğitim",
            "Язык и образование",
            "Мова та освіта",
            "زبان و آموزش",
          ),
        },
        {
          key: "wohnen-quartier",
          label: tx(
            "Wohnen und Quartier",
            "Housing and neighbourhood",
            "السكن والحي",
            "Konut ve mahalle",
            "Жильё и район",
            "Житло та район",
            "مسکن و محله",
          ),
        },
        {
          key: "teilhabe-engagement",
          label: tx(
            "Teilhabe und Engagement",
            "Participation and civic engagement",
            "المشاركة والانخراط المدني",
            "Katılım ve gönüllülük",
            "Участие и общественная активность",
            "Участь і громадська активність",
            "مشارکت و فعالیت داوطلبانه",
          ),
        },
      ],
    },
    {
      key: "target-groups",
      kind: "target_group",
      label: AXIS_LABELS.targetGroups,
      terms: [
        {
          key: "gefluechtete-asylsuchende",
          label: tx(
            "Geflüchtete und Asylsuchende",
            "Refugees and asylum seekers",
            "اللاجئون وطالبو اللجوء",
            "Mülteciler ve sığınmacılar",
            "Беженцы и лица, ищущие убежища",
            "Біженці та шукачі притулку",
            "پناهندگان و پناهجویان",
          ),
        },
        {
          key: "laenger-ansaessige-migranten",
          label: tx(
            "Länger ansässige Menschen mit Migrationshintergrund",
            "Long-established residents with a migration background",
            "المقيمون منذ زمن طويل من ذوي الأصول المهاجرة",
            "Uzun süredir burada yaşayan göçmen kökenli kişiler",
            "Давно живущие здесь люди с миграционным прошлым",
            "Люди з міграційним походженням, які давно тут живуть",
            "ساکنان قدیمی‌تر با پیشینهٔ مهاجرت",
          ),
        },
      ],
    },
  ],
};
