import { AXIS_LABELS, tx } from "./common.ts";
import type { FrameworkTemplate } from "./types.ts";

/**
 * Lüner Dialog (seed 002): the four fields of action of the guidelines the council adopted in
 * 2008 (Leitlinien und Handlungsempfehlungen zur Infrastruktur und Integration).
 */
export const luenerDialogTemplate: FrameworkTemplate = {
  key: "luener-dialog",
  name: "Lüner Dialog",
  description:
    "Vier Handlungsfelder aus den Leitlinien des Lüner Dialogs (Bildung, Erziehung und Kultur; Arbeit und Wirtschaft; Stadtentwicklung und Wohnen; Interkultureller Dialog) und Zielgruppen.",
  nameKey: "framework.template_luener_dialog",
  descriptionKey: "framework.template_luener_dialog_description",
  source: "seed 002 (Lüner Dialog, Infrastruktur · Integration)",
  axes: [
    {
      key: "fields-of-action",
      kind: "field_of_action",
      label: AXIS_LABELS.fieldsOfAction,
      terms: [
        {
          key: "bildung-erziehung-kultur",
          label: tx(
            "Bildung, Erziehung und Kultur",
            "Education, upbringing and culture",
            "التعليم والتربية والثقافة",
            "Eğitim, çocuk yetiştirme ve kültür",
            "Образование, воспитание и культура",
            "Освіта, виховання та культура",
            "آموزش، تربیت و فرهنگ",
          ),
        },
        {
          key: "arbeit-wirtschaft",
          label: tx(
            "Arbeit und Wirtschaft",
            "Work and economy",
            "العمل والاقتصاد",
            "Çalışma ve ekonomi",
            "Труд и экономика",
            "Праця та економіка",
            "کار و اقتصاد",
          ),
        },
        {
          key: "stadtentwicklung-wohnen",
          label: tx(
            "Stadtentwicklung und Wohnen",
            "Urban development and housing",
            "التنمية الحضرية والسكن",
            "Kentsel gelişim ve konut",
            "Городское развитие и жильё",
            "Розвиток міста та житло",
            "توسعهٔ شهری و مسکن",
          ),
        },
        {
          key: "interkultureller-dialog",
          label: tx(
            "Interkultureller Dialog",
            "Intercultural dialogue",
            "الحوار بين الثقافات",
            "Kültürlerarası diyalog",
            "Межкультурный диалог",
            "Міжкультурний діалог",
            "گفت‌وگوی میان‌فرهنگی",
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
          key: "kinder-bis-ende-grundschule",
          label: tx(
            "Kinder bis zum Ende der Grundschule",
            "Children up to the end of primary school",
            "الأطفال حتى نهاية المرحلة الابتدائية",
            "İlkokulun sonuna kadar çocuklar",
            "Дети до окончания начальной школы",
            "Діти до закінчення початкової школи",
            "کودکان تا پایان دبستان",
          ),
        },
        {
          key: "zuwanderungsgeschichte",
          label: tx(
            "Menschen mit Zuwanderungsgeschichte",
            "People with a history of immigration",
            "الأشخاص ذوو تاريخ الهجرة",
            "Göç geçmişi olan kişiler",
            "Люди с историей иммиграции",
            "Люди з історією імміграції",
            "افراد دارای سابقهٔ مهاجرت",
          ),
        },
      ],
    },
  ],
};
