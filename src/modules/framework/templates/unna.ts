import { AXIS_LABELS, RETIREMENT, TARGET_GROUPS, tx } from "./common.ts";
import type { FrameworkTemplate } from "./types.ts";

const CROSS_CUTTING_NOTE = {
  opening: tx(
    "Interkulturelle Öffnung und Vermeidung von Diskriminierung – ein Querschnittsbereich in allen Handlungsfeldern.",
    "Intercultural opening and avoiding discrimination – a cross-cutting area in all fields of action.",
    "الانفتاح بين الثقافات وتجنّب التمييز – مجال شامل في جميع مجالات العمل.",
    "Kültürlerarası açılım ve ayrımcılığın önlenmesi – tüm eylem alanlarını kapsayan bir alan.",
    "Межкультурная открытость и предотвращение дискриминации – сквозная тема во всех направлениях деятельности.",
    "Міжкультурна відкритість і запобігання дискримінації – наскрізна тема в усіх напрямах діяльності.",
    "گشودگی میان‌فرهنگی و پیشگیری از تبعیض – حوزه‌ای فرابخشی در همهٔ حوزه‌های اقدام.",
  ),
  language: tx(
    "Vermittlung und Einübung von Sprache – ein Querschnittsbereich in allen Handlungsfeldern.",
    "Teaching and practising language – a cross-cutting area in all fields of action.",
    "تعليم اللغة وممارستها – مجال شامل في جميع مجالات العمل.",
    "Dilin öğretilmesi ve pratiği – tüm eylem alanlarını kapsayan bir alan.",
    "Обучение языку и языковая практика – сквозная тема во всех направлениях деятельности.",
    "Навчання мови та мовна практика – наскрізна тема в усіх напрямах діяльності.",
    "آموزش و تمرین زبان – حوزه‌ای فرابخشی در همهٔ حوزه‌های اقدام.",
  ),
};

/**
 * Unna (seed 001): the prevention chain along the life-phase model — seven milestones, five
 * fields of action, two cross-cutting areas, and the six categories of the offer map
 * "Vielfalt verortet".
 */
export const unnaTemplate: FrameworkTemplate = {
  key: "unna",
  name: "Unna: Präventionskette nach Lebensphasen",
  description:
    "Sieben Meilensteine der Lebensphasen, fünf Handlungsfelder, zwei Querschnittsthemen (interkulturelle Öffnung/Antidiskriminierung, Sprache), die sechs Kategorien der Angebotskarte und Zielgruppen.",
  nameKey: "framework.template_unna",
  descriptionKey: "framework.template_unna_description",
  source: "seed 001 (Kreisstadt Unna, Gelebte Vielfalt)",
  axes: [
    {
      key: "milestones",
      kind: "life_phase",
      label: tx(
        "Lebensphasen und Meilensteine",
        "Life phases and milestones",
        "مراحل الحياة ومحطاتها",
        "Yaşam evreleri ve kilometre taşları",
        "Жизненные этапы и вехи",
        "Життєві етапи та віхи",
        "مراحل زندگی و نقاط عطف",
      ),
      terms: [
        {
          key: "elternschaft-geburt",
          code: "M1",
          label: tx(
            "Eintritt in die Elternschaft / Geburt",
            "Becoming a parent / birth",
            "بدء الأبوة والأمومة / الولادة",
            "Ebeveynliğe geçiş / doğum",
            "Начало родительства / рождение",
            "Початок батьківства / народження",
            "آغاز والدگری / تولد",
          ),
        },
        {
          key: "kindertagesbetreuung",
          code: "M2",
          label: tx(
            "Eintritt in die Kindertagesbetreuung",
            "Starting day care",
            "الالتحاق برعاية الأطفال النهارية",
            "Kreşe başlama",
            "Начало посещения детского сада",
            "Початок відвідування дитячого садка",
            "ورود به مهدکودک",
          ),
        },
        {
          key: "grundschule",
          code: "M3",
          label: tx(
            "Eintritt in die Grundschule",
            "Starting primary school",
            "الالتحاق بالمدرسة الابتدائية",
            "İlkokula başlama",
            "Поступление в начальную школу",
            "Вступ до початкової школи",
            "ورود به دبستان",
          ),
        },
        {
          key: "weiterfuehrende-schule",
          code: "M4",
          label: tx(
            "Eintritt in die weiterführende Schule",
            "Starting secondary school",
            "الالتحاق بالمدرسة الثانوية",
            "Ortaöğretime başlama",
            "Переход в среднюю школу",
            "Перехід до середньої школи",
            "ورود به مدرسهٔ متوسطه",
          ),
        },
        {
          key: "berufsleben",
          code: "M5",
          label: tx(
            "Eintritt in das Berufsleben",
            "Starting working life",
            "الدخول إلى الحياة المهنية",
            "Meslek hayatına atılma",
            "Начало трудовой жизни",
            "Початок трудового життя",
            "ورود به زندگی حرفه‌ای",
          ),
        },
        {
          key: "familienphase-erwerbstaetigkeit",
          code: "M6",
          label: tx(
            "Eintritt in die Familienphase / Erwerbstätigkeit",
            "Starting a family / employment",
            "بدء مرحلة تكوين الأسرة / العمل",
            "Aile kurma / çalışma hayatı",
            "Создание семьи / трудовая деятельность",
            "Створення сім'ї / трудова діяльність",
            "تشکیل خانواده / اشتغال",
          ),
        },
        { key: "ruhestand", code: "M7", label: RETIREMENT },
      ],
    },
    {
      key: "fields-of-action",
      kind: "field_of_action",
      label: AXIS_LABELS.fieldsOfAction,
      terms: [
        {
          key: "fruehe-hilfen-kita-schule",
          label: tx(
            "Frühe Hilfen / Kindertagesstätte / Schule",
            "Early help / day care / school",
            "المساعدات المبكرة / رعاية الأطفال النهارية / المدرسة",
            "Erken yardımlar / kreş / okul",
            "Ранняя помощь / детский сад / школа",
            "Рання допомога / дитячий садок / школа",
            "کمک‌های زودهنگام / مهدکودک / مدرسه",
          ),
        },
        {
          key: "ausbildung-erwerbstaetigkeit-weiterbildung",
          label: tx(
            "Ausbildung / Erwerbstätigkeit / Weiterbildung",
            "Vocational training / employment / continuing education",
            "التدريب المهني / العمل / التعليم المستمر",
            "Mesleki eğitim / çalışma hayatı / sürekli eğitim",
            "Профессиональное обучение / трудовая деятельность / дополнительное образование",
            "Професійне навчання / зайнятість / подальша освіта",
            "آموزش حرفه‌ای / اشتغال / آموزش مداوم",
          ),
        },
        {
          key: "freizeit-kultur-sport-netzwerke",
          label: tx(
            "Freizeit / Kultur / Sport / Soziale Netzwerke",
            "Leisure / culture / sport / social networks",
            "أوقات الفراغ / الثقافة / الرياضة / الشبكات الاجتماعية",
            "Boş zaman / kültür / spor / sosyal ağlar",
            "Досуг / культура / спорт / социальные связи",
            "Дозвілля / культура / спорт / соціальні зв'язки",
            "اوقات فراغت / فرهنگ / ورزش / شبکه‌های اجتماعی",
          ),
        },
        {
          key: "wohnen-wohnumfeld",
          label: tx(
            "Wohnen / Wohnumfeld",
            "Housing / neighbourhood",
            "السكن / البيئة السكنية",
            "Konut / yaşam çevresi",
            "Жильё / жилая среда",
            "Житло / житлове середовище",
            "مسکن / محیط مسکونی",
          ),
        },
        {
          key: "gesundheit-pflege",
          label: tx(
            "Gesundheit / Pflege",
            "Health / care",
            "الصحة / الرعاية التمريضية",
            "Sağlık / bakım",
            "Здоровье / уход",
            "Здоров'я / догляд",
            "سلامت / مراقبت و پرستاری",
          ),
        },
      ],
    },
    {
      key: "cross-cutting-themes",
      kind: "cross_cutting_theme",
      label: tx(
        "Querschnittsthemen",
        "Cross-cutting themes",
        "المواضيع الشاملة",
        "Kesişen temalar",
        "Сквозные темы",
        "Наскрізні теми",
        "موضوعات فرابخشی",
      ),
      terms: [
        {
          key: "interkulturelle-oeffnung-antidiskriminierung",
          label: tx(
            "Interkulturelle Öffnung / Antidiskriminierung",
            "Intercultural opening / anti-discrimination",
            "الانفتاح بين الثقافات / مناهضة التمييز",
            "Kültürlerarası açılım / ayrımcılıkla mücadele",
            "Межкультурная открытость / противодействие дискриминации",
            "Міжкультурна відкритість / протидія дискримінації",
            "گشودگی میان‌فرهنگی / مقابله با تبعیض",
          ),
          description: CROSS_CUTTING_NOTE.opening,
        },
        {
          key: "sprache",
          label: tx("Sprache", "Language", "اللغة", "Dil", "Язык", "Мова", "زبان"),
          description: CROSS_CUTTING_NOTE.language,
        },
      ],
    },
    {
      key: "offer-categories",
      kind: "offer_category",
      label: tx(
        "Kategorien der Angebotskarte",
        "Offer map categories",
        "فئات خريطة العروض",
        "Hizmet haritası kategorileri",
        "Категории карты предложений",
        "Категорії мапи пропозицій",
        "دسته‌های نقشهٔ خدمات",
      ),
      terms: [
        {
          key: "beratung-integration",
          label: tx(
            "Beratungs- und Integrationsangebote",
            "Counselling and integration services",
            "خدمات الاستشارة والاندماج",
            "Danışmanlık ve uyum hizmetleri",
            "Консультации и помощь в интеграции",
            "Консультації та допомога в інтеграції",
            "خدمات مشاوره و ادغام",
          ),
        },
        {
          key: "sprachangebote",
          label: tx(
            "Sprachangebote",
            "Language learning",
            "عروض تعلّم اللغة",
            "Dil öğrenme olanakları",
            "Изучение языка",
            "Вивчення мови",
            "آموزش زبان",
          ),
        },
        {
          key: "politik-behoerden",
          label: tx(
            "Politik und Behörden",
            "Politics and public authorities",
            "السياسة والجهات الرسمية",
            "Siyaset ve resmi kurumlar",
            "Политика и органы власти",
            "Політика та органи влади",
            "سیاست و ادارات دولتی",
          ),
        },
        {
          key: "freizeit-austausch",
          label: tx(
            "Freizeit und Austausch",
            "Leisure and exchange",
            "أوقات الفراغ والتبادل",
            "Boş zaman ve buluşma",
            "Досуг и общение",
            "Дозвілля та спілкування",
            "اوقات فراغت و تبادل",
          ),
        },
        {
          key: "bildung-beruf",
          label: tx(
            "Bildung und Beruf",
            "Education and work",
            "التعليم والعمل",
            "Eğitim ve meslek",
            "Образование и профессия",
            "Освіта та професія",
            "آموزش و شغل",
          ),
        },
        { key: "religion", label: tx("Religion", "Religion", "الدين", "Din", "Религия", "Релігія", "دین") },
      ],
    },
    {
      key: "target-groups",
      kind: "target_group",
      label: AXIS_LABELS.targetGroups,
      terms: [
        { key: "gefluechtete", label: TARGET_GROUPS.refugees },
        { key: "einwanderungsgeschichte", label: TARGET_GROUPS.migrationBackground },
        {
          key: "familien-kleine-kinder",
          label: tx(
            "Familien mit kleinen Kindern",
            "Families with young children",
            "العائلات التي لديها أطفال صغار",
            "Küçük çocuklu aileler",
            "Семьи с маленькими детьми",
            "Сім'ї з малими дітьми",
            "خانواده‌های دارای فرزند خردسال",
          ),
        },
        { key: "kinder-jugendliche", label: TARGET_GROUPS.childrenYouth },
        {
          key: "junge-gefluechtete",
          label: tx(
            "Junge Geflüchtete (18–27 Jahre)",
            "Young refugees (18–27)",
            "اللاجئون الشباب (18–27 سنة)",
            "Genç mülteciler (18–27 yaş)",
            "Молодые беженцы (18–27 лет)",
            "Молоді біженці (18–27 років)",
            "پناهجویان جوان (۱۸ تا ۲۷ سال)",
          ),
        },
        { key: "frauen", label: TARGET_GROUPS.women },
        { key: "aeltere-menschen", label: TARGET_GROUPS.olderPeople },
      ],
    },
  ],
};
