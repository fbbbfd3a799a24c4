import { AXIS_LABELS, RETIREMENT, TARGET_GROUPS, tx } from "./common.ts";
import type { FrameworkTemplate } from "./types.ts";

/**
 * Lünen (seed 000): "Lünen bewegt Bildung" — six fields of action along the education biography,
 * and the integration phases of the matrix of offers (Ankommen | Orientierung | Eingewöhnung |
 * Integration), extended by the detachment that ends the four-phase accompaniment concept.
 */
export const luenenTemplate: FrameworkTemplate = {
  key: "luenen",
  name: "Lünen: Bildungsbiographie und Integrationsphasen",
  description:
    "Sechs Handlungsfelder entlang der Bildungsbiographie (HF1 Frühe Hilfen … HF6 Übergang in den Ruhestand), die Integrationsphasen Ankommen → Orientierung → Eingewöhnung → Integration → Ablösung und Zielgruppen.",
  nameKey: "framework.template_luenen",
  descriptionKey: "framework.template_luenen_description",
  source: "seed 000 (Stadt Lünen, Lünen bewegt Bildung)",
  axes: [
    {
      key: "fields-of-action",
      kind: "field_of_action",
      label: AXIS_LABELS.fieldsOfAction,
      terms: [
        {
          key: "fruehe-hilfen",
          code: "HF1",
          label: tx(
            "Frühe Hilfen",
            "Early help",
            "المساعدات المبكرة",
            "Erken yardımlar",
            "Ранняя помощь",
            "Рання допомога",
            "کمک‌های زودهنگام",
          ),
        },
        {
          key: "kindertageseinrichtungen",
          code: "HF2",
          label: tx(
            "Kindertageseinrichtungen",
            "Day-care centres for children",
            "دور رعاية الأطفال النهارية",
            "Çocuk gündüz bakımevleri",
            "Детские сады и ясли",
            "Заклади денного догляду за дітьми",
            "مهدکودک‌ها",
          ),
        },
        {
          key: "schule",
          code: "HF3",
          label: tx(
            "Grundschule / Weiterführende Schule",
            "Primary school / secondary school",
            "المدرسة الابتدائية / المدرسة الثانوية",
            "İlkokul / ortaöğretim okulu",
            "Начальная школа / средняя школа",
            "Початкова школа / середня школа",
            "دبستان / مدرسهٔ متوسطه",
          ),
        },
        {
          key: "uebergang-schule-beruf",
          code: "HF4",
          label: tx(
            "Übergang Schule – Beruf",
            "Transition from school to work",
            "الانتقال من المدرسة إلى العمل",
            "Okuldan meslek hayatına geçiş",
            "Переход от школы к профессии",
            "Перехід від школи до професії",
            "گذار از مدرسه به شغل",
          ),
        },
        {
          key: "weiterbildung",
          code: "HF5",
          label: tx(
            "Weiterbildung",
            "Continuing education",
            "التعليم المستمر",
            "Sürekli eğitim",
            "Дополнительное образование",
            "Подальша освіта",
            "آموزش مداوم",
          ),
        },
        { key: "uebergang-ruhestand", code: "HF6", label: RETIREMENT },
      ],
    },
    {
      key: "integration-phases",
      kind: "integration_phase",
      label: AXIS_LABELS.integrationPhases,
      terms: [
        {
          key: "ankommen",
          label: tx("Ankommen", "Arrival", "الوصول", "Varış", "Прибытие", "Прибуття", "ورود"),
        },
        {
          key: "orientierung",
          label: tx(
            "Orientierung",
            "Orientation",
            "التوجيه",
            "Oryantasyon",
            "Ориентация",
            "Орієнтація",
            "جهت‌یابی",
          ),
        },
        {
          key: "eingewoehnung",
          label: tx("Eingewöhnung", "Settling in", "التأقلم", "Alışma", "Адаптация", "Адаптація", "سازگاری"),
        },
        {
          key: "integration",
          label: tx(
            "Integration",
            "Integration",
            "الاندماج",
            "Entegrasyon",
            "Интеграция",
            "Інтеграція",
            "ادغام",
          ),
        },
        {
          key: "abloesung",
          label: tx(
            "Ablösung",
            "Detachment",
            "الاستقلال عن المرافقة",
            "Destekten ayrılma",
            "Завершение сопровождения",
            "Завершення супроводу",
            "پایان همراهی",
          ),
          description: tx(
            "Ablösung von der Begleitung durch den Betreuungsdienst, mit der das vierphasige Betreuungskonzept endet.",
            "Detachment from the accompaniment by the social support service, which ends the four-phase support concept.",
            "الاستقلال عن مرافقة خدمة الرعاية الاجتماعية، وبه ينتهي مفهوم الرعاية ذو المراحل الأربع.",
            "Sosyal destek hizmetinin refakatinden ayrılma; dört aşamalı destek konsepti bununla sona erer.",
            "Выход из сопровождения службой социальной поддержки, которым завершается четырёхэтапная концепция сопровождения.",
            "Вихід із супроводу службою соціальної підтримки, яким завершується чотириетапна концепція супроводу.",
            "جدا شدن از همراهی خدمات مددکاری اجتماعی که مفهوم چهارمرحله‌ای همراهی با آن پایان می‌یابد.",
          ),
        },
      ],
    },
    {
      key: "target-groups",
      kind: "target_group",
      label: AXIS_LABELS.targetGroups,
      terms: [
        { key: "neuzugewanderte", label: TARGET_GROUPS.newcomers },
        { key: "frauen", label: TARGET_GROUPS.women },
        { key: "kinder-jugendliche", label: TARGET_GROUPS.childrenYouth },
        { key: "familien", label: TARGET_GROUPS.families },
      ],
    },
  ],
};
