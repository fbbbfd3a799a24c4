import type { TemplateText } from "./types.ts";

/** A text in the order de, en, ar, tr, ru, uk, fa. */
export function tx(
  de: string,
  en: string,
  ar: string,
  tr: string,
  ru: string,
  uk: string,
  fa: string,
): TemplateText {
  return { de, en, ar, tr, ru, uk, fa };
}

/** Axis labels shared by several templates. */
export const AXIS_LABELS = {
  fieldsOfAction: tx(
    "Handlungsfelder",
    "Fields of action",
    "مجالات العمل",
    "Eylem alanları",
    "Направления деятельности",
    "Напрями діяльності",
    "حوزه‌های اقدام",
  ),
  integrationPhases: tx(
    "Integrationsphasen",
    "Integration phases",
    "مراحل الاندماج",
    "Uyum aşamaları",
    "Этапы интеграции",
    "Етапи інтеграції",
    "مراحل ادغام",
  ),
  targetGroups: tx(
    "Zielgruppen",
    "Target groups",
    "الفئات المستهدفة",
    "Hedef gruplar",
    "Целевые группы",
    "Цільові групи",
    "گروه‌های هدف",
  ),
};

/** Target groups that several seeds name. */
export const TARGET_GROUPS = {
  newcomers: tx(
    "Neuzugewanderte",
    "Newcomers",
    "القادمون الجدد",
    "Yeni gelenler",
    "Новоприбывшие",
    "Новоприбулі",
    "تازه‌واردان",
  ),
  refugees: tx("Geflüchtete", "Refugees", "اللاجئون", "Mülteciler", "Беженцы", "Біженці", "پناهجویان"),
  women: tx("Frauen", "Women", "النساء", "Kadınlar", "Женщины", "Жінки", "زنان"),
  families: tx("Familien", "Families", "العائلات", "Aileler", "Семьи", "Сім'ї", "خانواده‌ها"),
  childrenYouth: tx(
    "Kinder und Jugendliche",
    "Children and young people",
    "الأطفال والمراهقون",
    "Çocuklar ve gençler",
    "Дети и подростки",
    "Діти та підлітки",
    "کودکان و نوجوانان",
  ),
  olderPeople: tx(
    "Ältere Menschen",
    "Older people",
    "كبار السن",
    "Yaşlılar",
    "Пожилые люди",
    "Літні люди",
    "سالمندان",
  ),
  migrationBackground: tx(
    "Menschen mit Einwanderungsgeschichte",
    "People with an immigration history",
    "الأشخاص ذوو الخلفية المهاجرة",
    "Göç geçmişi olan kişiler",
    "Люди с миграционной историей",
    "Люди з міграційною історією",
    "افراد دارای پیشینهٔ مهاجرت",
  ),
};

export const RETIREMENT = tx(
  "Übergang in den Ruhestand",
  "Transition to retirement",
  "الانتقال إلى التقاعد",
  "Emekliliğe geçiş",
  "Переход на пенсию",
  "Перехід на пенсію",
  "گذار به دوران بازنشستگی",
);
