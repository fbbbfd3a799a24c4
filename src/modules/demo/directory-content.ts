/**
 * Demo directory content for "Kreisstadt Unna": the offers and places named in seed 001
 * ("Gelebte Vielfalt in der Kreisstadt Unna", August 2020), with the addresses and opening
 * hours the brochure publishes. Contact persons' names and personal e-mail addresses are left
 * out (only functional addresses and the published phone lines are kept).
 *
 * - Coordinates are APPROXIMATE (placed by hand near the published address, inside the demo's
 *   approximate social areas in unna-areas.ts) and every place says so (coordinatesApproximate).
 * - Two postcodes in the seed are evident misprints and are corrected here: "50423 Unna"
 *   (Rathausplatz 1, printed correctly as 59423 everywhere else) and "59432 Unna"
 *   (Gerhart-Hauptmann-Straße 29; the same street is printed with 59423 for WeltOffen).
 * - German is the source. The translations of titles and summaries were written for this demo
 *   without review by native speakers, so they are stored with status "machine" (unchecked).
 * - Where the seed publishes no opening hours (Café Knirps meets "einmal pro Woche", the
 *   counselling services list none), none are invented.
 * - The date of the Interkulturelle Wochen is not in the seed (they take place every year in
 *   late summer/autumn); the demo assumes a date and says so in the description.
 *
 * Entries carry fixed ids so the seed can run again without duplicating anything.
 */

import type { ContentLanguage } from "../translations/languages.ts";
import type { DemoServices as Services } from "./deps.ts";

/** Text in every content language; "de" is the source. */
export type Texts = Record<ContentLanguage, string>;

const demoId = (n: number) => `5eed0001-0000-4000-8000-${n.toString().padStart(12, "0")}`;

export type DemoOrganization = {
  key: string;
  id: string;
  name: string;
  description: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
};

export type DemoPlace = {
  key: string;
  id: string;
  organization: string | null;
  name: string;
  street: string | null;
  postcode: string;
  city: string;
  lat: number;
  lon: number;
  languages: string[];
  openingHours: DemoHours | null;
};

type Slot = { opens: string; closes: string };
export type DemoHours = { weekly: Partial<Record<"1" | "2" | "3" | "4" | "5" | "6" | "7", Slot[]>> };

/** Framework term references: axis key → term keys (axes of the Unna template). */
export type DemoTerms = {
  categories: string[];
  fields?: string[];
  crossCutting?: string[];
  milestones?: string[];
  targetGroups?: string[];
};

export type DemoOffer = {
  key: string;
  id: string;
  organization: string;
  places: string[];
  title: Texts;
  summary: Texts;
  description: string | null;
  openingHours: DemoHours | null;
  contacts: { role?: string; phone?: string; email?: string }[];
  languages: string[];
  ageMin?: number;
  ageMax?: number;
  free: boolean;
  costNote?: string;
  childcare: boolean;
  registrationRequired: boolean;
  registrationNote?: string;
  terms: DemoTerms;
};

export type DemoEvent = {
  key: string;
  id: string;
  organization: string;
  place: string;
  title: Texts;
  summary: Texts;
  description: string;
  /** Local wall time in Europe/Berlin. */
  startsAt: string;
  durationMinutes: number;
  rrule: string | null;
  free: boolean;
  languages: string[];
  terms: DemoTerms;
};

const days = (from: number, to: number, opens: string, closes: string): DemoHours["weekly"] => {
  const out: DemoHours["weekly"] = {};
  for (let d = from; d <= to; d++) out[String(d) as "1"] = [{ opens, closes }];
  return out;
};

// ---- Organizations (providers) -------------------------------------------------------------

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    key: "in-via",
    id: demoId(1),
    name: "IN VIA Unna e.V.",
    description:
      "<p>Bildungswerk und Träger der Jugend- und Familienhilfe in Unna: Café Chili, Sprachkurse mit Kinderbetreuung.</p>",
    email: null,
    phone: null,
    website: null,
  },
  {
    key: "caritas",
    id: demoId(2),
    name: "Caritasverband für den Kreis Unna e.V.",
    description: "<p>Träger der Integrationsagentur und des Teilhabemanagements „Gemeinsam klappt's“.</p>",
    email: null,
    phone: null,
    website: null,
  },
  {
    key: "stadt-unna",
    id: demoId(3),
    name: "Kreisstadt Unna",
    description:
      "<p>Stadtverwaltung, Fachbereich Wohnen, Soziales und Senioren: Integrationsbeauftragter, Psychosoziale Beratung für Geflüchtete, Wohnraumsicherung.</p>",
    email: null,
    phone: null,
    website: null,
  },
  {
    key: "werkstatt",
    id: demoId(4),
    name: "Werkstatt im Kreis Unna",
    description:
      "<p>Träger der Regionalen Flüchtlingsberatung (Programm „Soziale Flüchtlingsberatung“ des Landes NRW).</p>",
    email: "fluechtlingsberatung@werkstatt-im-kreis-unna.de",
    phone: null,
    website: null,
  },
  {
    key: "weltoffen",
    id: demoId(5),
    name: "Initiative WeltOffen",
    description:
      "<p>Initiative engagierter geflüchteter Menschen aus vielen Ländern und ehrenamtlich Aktiver in der Flüchtlingsarbeit in Unna.</p>",
    email: "mail@weltoffen-unna.de",
    phone: "02303 / 929027",
    website: null,
  },
  {
    key: "vhs",
    id: demoId(6),
    name: "VHS Unna Fröndenberg Holzwickede",
    description: "<p>Volkshochschule: Deutschkurse und das Sprachpatenprojekt.</p>",
    email: null,
    phone: null,
    website: null,
  },
  {
    key: "kirchenkreis",
    id: demoId(7),
    name: "Evangelischer Kirchenkreis Unna (Ev. Familienbildung)",
    description: "<p>Träger des Café Knirps für junge Familien.</p>",
    email: null,
    phone: "02307 / 280-333",
    website: null,
  },
  {
    key: "plan-lokal",
    id: demoId(8),
    name: "plan-lokal (Quartiersmanagement Soziale Stadt Königsborn Süd-Ost)",
    description:
      "<p>Mit der Umsetzung des Integrierten Handlungskonzeptes Unna Königsborn Süd-Ost beauftragtes Büro.</p>",
    email: "koenigsborn@plan-lokal.de",
    phone: "02303 7732533",
    website: null,
  },
  {
    key: "buergerhilfe",
    id: demoId(9),
    name: "Bürgerhilfe Dienstleistungs- und Service gGmbH Hemmerde",
    description: "<p>Betreiberin der Pflegewohnanlage „Haus am Hellweg“ in Hemmerde.</p>",
    email: null,
    phone: null,
    website: null,
  },
  {
    key: "integrationsrat",
    id: demoId(10),
    name: "Integrationsrat der Kreisstadt Unna",
    description:
      "<p>Gewähltes Gremium mit 17 Mitgliedern für die Interessen von Migrantinnen und Migranten; organisiert den Integra-Cup mit dem Stadtsportverband Unna e.V.</p>",
    email: "integrationsrat@stadt-unna.de",
    phone: "02303 / 103-607",
    website: null,
  },
];

// ---- Places --------------------------------------------------------------------------------

const UNNA = "Unna";
export const DEMO_PLACES: DemoPlace[] = [
  {
    key: "cafe-chili",
    id: demoId(101),
    organization: "in-via",
    name: "Café Chili",
    street: "Südring 17",
    postcode: "59423",
    city: UNNA,
    lat: 51.5305,
    lon: 7.6905,
    languages: ["de"],
    openingHours: { weekly: days(1, 4, "16:00", "19:00") },
  },
  {
    key: "taubenschlag",
    id: demoId(102),
    organization: null,
    name: "Kinder- und Jugendhaus „Taubenschlag“",
    street: "Kamener Straße 31",
    postcode: "59425",
    city: "Unna-Königsborn",
    lat: 51.5482,
    lon: 7.6858,
    languages: ["de"],
    openingHours: null,
  },
  {
    key: "in-via-koenigsborn",
    id: demoId(103),
    organization: "in-via",
    name: "IN VIA Königsborn",
    street: "Gabelsbergerstraße 2",
    postcode: "59425",
    city: "Unna-Königsborn",
    lat: 51.5505,
    lon: 7.7002,
    languages: ["de"],
    openingHours: null,
  },
  {
    key: "bruecke",
    id: demoId(104),
    organization: null,
    name: "Stadtteilzentrum „Brücke“",
    street: "Berliner Allee",
    postcode: "59425",
    city: "Unna-Königsborn",
    lat: 51.5496,
    lon: 7.7118,
    languages: ["de"],
    openingHours: null,
  },
  {
    key: "martin-luther-haus",
    id: demoId(105),
    organization: "kirchenkreis",
    name: "Martin-Luther-Haus",
    street: "Kirchplatz 1",
    postcode: "59423",
    city: UNNA,
    lat: 51.5372,
    lon: 7.6893,
    languages: ["de"],
    openingHours: null,
  },
  {
    key: "ichtys-haus",
    id: demoId(106),
    organization: "kirchenkreis",
    name: "Ichtys-Haus",
    street: "Friedensstraße 4a",
    postcode: "59427",
    city: "Unna-Massen",
    lat: 51.5455,
    lon: 7.6455,
    languages: ["de"],
    openingHours: null,
  },
  {
    key: "treffpunkt-weltoffen",
    id: demoId(107),
    organization: "weltoffen",
    name: "Treffpunkt Initiative WeltOffen",
    street: "Gerhart-Hauptmann-Straße 14",
    postcode: "59423",
    city: UNNA,
    lat: 51.5331,
    lon: 7.7006,
    languages: ["de", "ar", "fa", "en"],
    openingHours: null,
  },
  {
    key: "zib",
    id: demoId(108),
    organization: "vhs",
    name: "zib – Zentrum für Information und Bildung (VHS Unna)",
    street: "Lindenplatz 1",
    postcode: "59423",
    city: UNNA,
    lat: 51.5366,
    lon: 7.6902,
    languages: ["de"],
    openingHours: null,
  },
  {
    key: "caritas-hoeingstrasse",
    id: demoId(109),
    organization: "caritas",
    name: "Caritasverband für den Kreis Unna",
    street: "Höingstraße 5-7",
    postcode: "59425",
    city: UNNA,
    lat: 51.5396,
    lon: 7.6962,
    languages: ["de"],
    openingHours: null,
  },
  {
    key: "werkstatt-gerhart-hauptmann",
    id: demoId(110),
    organization: "werkstatt",
    name: "Werkstatt im Kreis Unna",
    street: "Gerhart-Hauptmann-Straße 29",
    postcode: "59423",
    city: UNNA,
    lat: 51.5323,
    lon: 7.7021,
    languages: ["de", "en", "fr"],
    openingHours: null,
  },
  {
    key: "rathaus",
    id: demoId(111),
    organization: "stadt-unna",
    name: "Rathaus Unna",
    street: "Rathausplatz 1",
    postcode: "59423",
    city: UNNA,
    lat: 51.5352,
    lon: 7.6931,
    languages: ["de"],
    openingHours: null,
  },
  {
    key: "quartiersbuero",
    id: demoId(112),
    organization: "plan-lokal",
    name: "Quartiersbüro Soziale Stadt Unna Königsborn Süd-Ost",
    street: "Berliner Allee 28a",
    postcode: "59425",
    city: UNNA,
    lat: 51.5478,
    lon: 7.7104,
    languages: ["de"],
    openingHours: null,
  },
  {
    key: "haus-am-hellweg",
    id: demoId(113),
    organization: "buergerhilfe",
    name: "Pflegewohnanlage „Haus am Hellweg“",
    street: "Große-Oetringhaus-Str. 1-3",
    postcode: "59427",
    city: "Unna-Hemmerde",
    lat: 51.5562,
    lon: 7.7768,
    languages: ["de"],
    openingHours: null,
  },
  {
    key: "hellwegsporthallen",
    id: demoId(114),
    organization: null,
    name: "Hellwegsporthallen",
    street: null,
    postcode: "59423",
    city: UNNA,
    lat: 51.5318,
    lon: 7.6782,
    languages: ["de"],
    openingHours: null,
  },
];

// ---- Offers --------------------------------------------------------------------------------

export const DEMO_OFFERS: DemoOffer[] = [
  {
    key: "cafe-chili",
    id: demoId(201),
    organization: "in-via",
    places: ["cafe-chili"],
    title: {
      de: "Café Chili",
      en: "Café Chili",
      ar: "Café Chili (مقهى تشيلي)",
      tr: "Café Chili",
      ru: "Café Chili",
      uk: "Café Chili",
      fa: "Café Chili (کافه چیلی)",
      "de-simple": "Café Chili",
    },
    summary: {
      de: "Offener Treff für Jugendliche: Freizeit, Freunde treffen, Hilfe bei Hausaufgaben und Bewerbungen. Montag bis Donnerstag 16–19 Uhr.",
      en: "Open meeting place for young people: free time, meeting friends, help with homework and job applications. Monday to Thursday, 4–7 pm.",
      ar: "ملتقى مفتوح للشباب: قضاء وقت الفراغ، ولقاء الأصدقاء، والمساعدة في الواجبات المدرسية وطلبات التوظيف. من الاثنين إلى الخميس، من الساعة 4 إلى 7 مساءً.",
      tr: "Gençler için açık buluşma yeri: boş zaman, arkadaşlarla buluşma, ev ödevlerinde ve iş başvurularında yardım. Pazartesiden perşembeye 16.00–19.00.",
      ru: "Открытое место встреч для молодёжи: досуг, встречи с друзьями, помощь с домашними заданиями и заявлениями о приёме на работу. С понедельника по четверг, 16:00–19:00.",
      uk: "Відкритий простір для молоді: дозвілля, зустрічі з друзями, допомога з домашніми завданнями та заявами на роботу. З понеділка по четвер, 16:00–19:00.",
      fa: "محل دیدار آزاد برای نوجوانان و جوانان: اوقات فراغت، دیدار با دوستان، کمک در تکالیف مدرسه و نوشتن درخواست کار. دوشنبه تا پنجشنبه، ساعت ۱۶ تا ۱۹.",
      "de-simple":
        "Ein Treff für Jugendliche. Hier kannst du Freunde treffen und spielen. Du bekommst Hilfe bei den Hausaufgaben und bei Bewerbungen. Offen: Montag bis Donnerstag von 16 bis 19 Uhr.",
    },
    description:
      "<p>Seit vier Jahren bietet IN VIA Unna e.V. mit dem „Café Chili“ am Südring 17 Jugendlichen mit Migrationshintergrund und jungen Menschen aus sozial schwachen Verhältnissen viele Möglichkeiten für einen abwechslungsreichen Nachmittag und Abend: Freizeit verbringen, Freunde treffen, neue Kontakte knüpfen und gemeinsam Hausaufgaben erledigen. Es gibt eine Playstation, einen Kickertisch und viele Gesellschaftsspiele.</p><p>Das pädagogische Team richtet das Programm nach den Bedürfnissen der Jugendlichen, z.&nbsp;B. Förderung von Sprachkompetenzen, Hilfe bei Hausaufgaben, beim Schreiben von Bewerbungen und bei der Ausbildungssuche.</p>",
    openingHours: { weekly: days(1, 4, "16:00", "19:00") },
    contacts: [{ role: "Ansprechpartner Café Chili", phone: "02303 / 98 612-11" }],
    languages: ["de"],
    free: true,
    childcare: false,
    registrationRequired: false,
    terms: {
      categories: ["freizeit-austausch", "bildung-beruf"],
      fields: ["freizeit-kultur-sport-netzwerke", "fruehe-hilfen-kita-schule"],
      milestones: ["weiterfuehrende-schule", "berufsleben"],
      targetGroups: ["kinder-jugendliche", "einwanderungsgeschichte"],
    },
  },
  {
    key: "frauenintegrationskurs",
    id: demoId(202),
    organization: "in-via",
    places: ["taubenschlag"],
    title: {
      de: "Sprachkurs mit Kinderbetreuung: Integrationskurs für Frauen",
      en: "Language course with childcare: integration course for women",
      ar: "دورة لغة مع رعاية الأطفال: دورة اندماج للنساء",
      tr: "Çocuk bakımlı dil kursu: Kadınlar için uyum kursu",
      ru: "Языковой курс с присмотром за детьми: интеграционный курс для женщин",
      uk: "Мовний курс із доглядом за дітьми: інтеграційний курс для жінок",
      fa: "کلاس زبان همراه با نگهداری از کودکان: دورهٔ ادغام برای زنان",
      "de-simple": "Sprachkurs mit Kinderbetreuung für Frauen",
    },
    summary: {
      de: "Deutschkurs für Frauen (Frauenintegrationskurs) mit kostenloser Kinderbetreuung, Montag bis Freitag 8:45–13 Uhr im Taubenschlag in Königsborn.",
      en: "German course for women (women's integration course) with free childcare, Monday to Friday, 8:45 am–1 pm at the Taubenschlag in Königsborn.",
      ar: "دورة لغة ألمانية للنساء (دورة اندماج نسائية) مع رعاية مجانية للأطفال، من الاثنين إلى الجمعة من الساعة 8:45 صباحًا حتى 1 ظهرًا في دار Taubenschlag في حي كونيغسبورن.",
      tr: "Kadınlar için Almanca kursu (kadın uyum kursu), ücretsiz çocuk bakımıyla: pazartesiden cumaya 08.45–13.00, Königsborn'daki Taubenschlag'da.",
      ru: "Курс немецкого языка для женщин (женский интеграционный курс) с бесплатным присмотром за детьми, с понедельника по пятницу, 8:45–13:00, в доме «Taubenschlag» в Кёнигсборне.",
      uk: "Курс німецької мови для жінок (жіночий інтеграційний курс) з безкоштовним доглядом за дітьми, з понеділка по п'ятницю, 8:45–13:00, у будинку «Taubenschlag» у Кенігсборні.",
      fa: "کلاس زبان آلمانی برای زنان (دورهٔ ادغام زنان) همراه با نگهداری رایگان از کودکان، دوشنبه تا جمعه ساعت ۸:۴۵ تا ۱۳ در خانهٔ Taubenschlag در محلهٔ کونیگسبورن.",
      "de-simple":
        "Frauen lernen hier Deutsch. In der Zeit passt jemand auf Ihre Kinder auf. Das kostet nichts. Montag bis Freitag von 8:45 bis 13 Uhr.",
    },
    description:
      "<p>IN VIA Unna e.V. unterstützt Mütter, indem es während der Teilnahme an einem Frauenintegrationskurs, in dem sie die deutsche Sprache lernen, eine kostenlose Kinderbetreuung anbietet. Den meisten Frauen ist es ohne die Betreuung nicht möglich, Deutschkenntnisse zu erlangen.</p><p>Der Kurs findet montags bis freitags von 8:45 bis 13 Uhr im Taubenschlag in der Kamener Straße 31 in Unna-Königsborn statt.</p>",
    openingHours: { weekly: days(1, 5, "08:45", "13:00") },
    contacts: [{ role: "Bildungswerk IN VIA Unna e.V.", phone: "02303 / 98612 16" }],
    languages: ["de"],
    free: true,
    costNote: "Die Kinderbetreuung während des Kurses ist kostenlos.",
    childcare: true,
    registrationRequired: true,
    registrationNote: "Anmeldung beim Bildungswerk IN VIA Unna e.V.",
    terms: {
      categories: ["sprachangebote"],
      fields: ["fruehe-hilfen-kita-schule"],
      crossCutting: ["sprache"],
      milestones: ["familienphase-erwerbstaetigkeit"],
      targetGroups: ["frauen", "familien-kleine-kinder", "einwanderungsgeschichte"],
    },
  },
  {
    key: "sprachkurs-nachmittag",
    id: demoId(203),
    organization: "in-via",
    places: ["in-via-koenigsborn"],
    title: {
      de: "Sprachkurs mit Kinderbetreuung für Frauen und Männer",
      en: "Language course with childcare for women and men",
      ar: "دورة لغة مع رعاية الأطفال للنساء والرجال",
      tr: "Kadınlar ve erkekler için çocuk bakımlı dil kursu",
      ru: "Языковой курс с присмотром за детьми для женщин и мужчин",
      uk: "Мовний курс із доглядом за дітьми для жінок і чоловіків",
      fa: "کلاس زبان همراه با نگهداری از کودکان برای زنان و مردان",
      "de-simple": "Sprachkurs mit Kinderbetreuung für Frauen und Männer",
    },
    summary: {
      de: "Kostenloser, niederschwelliger Deutschkurs für den Alltag mit Kinderbetreuung, montags und mittwochs 15:45–18 Uhr in Königsborn.",
      en: "Free, easy-access German course for everyday life with childcare, Mondays and Wednesdays 3:45–6 pm in Königsborn.",
      ar: "دورة مجانية وسهلة الوصول في اللغة الألمانية للحياة اليومية مع رعاية الأطفال، أيام الاثنين والأربعاء من الساعة 3:45 حتى 6 مساءً في كونيغسبورن.",
      tr: "Günlük hayat için ücretsiz, kolay erişilebilir Almanca kursu, çocuk bakımıyla: pazartesi ve çarşamba 15.45–18.00, Königsborn'da.",
      ru: "Бесплатный курс немецкого языка для повседневной жизни с низким порогом входа и присмотром за детьми, по понедельникам и средам, 15:45–18:00, в Кёнигсборне.",
      uk: "Безкоштовний курс німецької мови для повсякденного життя з низьким порогом доступу та доглядом за дітьми, щопонеділка і щосереди, 15:45–18:00, у Кенігсборні.",
      fa: "کلاس رایگان و آسان‌دسترس زبان آلمانی برای زندگی روزمره همراه با نگهداری از کودکان، دوشنبه‌ها و چهارشنبه‌ها ساعت ۱۵:۴۵ تا ۱۸ در کونیگسبورن.",
      "de-simple":
        "Hier lernen Sie Deutsch für jeden Tag. Jemand passt auf Ihre Kinder auf. Der Kurs kostet nichts. Montag und Mittwoch von 15:45 bis 18 Uhr.",
    },
    description:
      "<p>Ein kostenloses und niederschwelliges Sprachkursangebot für Frauen und Männer von IN VIA Unna e.V. in Königsborn, Gabelsbergerstraße 2, begleitet von einer Kinderbetreuung. Vermittelt werden erste Deutschkenntnisse für den alltäglichen Gebrauch.</p><p>Montags und mittwochs von 15:45 bis 18 Uhr.</p>",
    openingHours: {
      weekly: { "1": [{ opens: "15:45", closes: "18:00" }], "3": [{ opens: "15:45", closes: "18:00" }] },
    },
    contacts: [{ role: "Bildungswerk IN VIA Unna e.V.", phone: "02303 / 98612 16" }],
    languages: ["de"],
    free: true,
    childcare: true,
    registrationRequired: false,
    terms: {
      categories: ["sprachangebote"],
      fields: ["fruehe-hilfen-kita-schule"],
      crossCutting: ["sprache"],
      targetGroups: ["familien-kleine-kinder", "einwanderungsgeschichte", "gefluechtete"],
    },
  },
  {
    key: "cafe-knirps",
    id: demoId(204),
    organization: "kirchenkreis",
    places: ["bruecke", "taubenschlag", "martin-luther-haus", "ichtys-haus"],
    title: {
      de: "Café Knirps",
      en: "Café Knirps",
      ar: "Café Knirps (مقهى كنيربس)",
      tr: "Café Knirps",
      ru: "Café Knirps",
      uk: "Café Knirps",
      fa: "Café Knirps (کافه کنیرپس)",
      "de-simple": "Café Knirps",
    },
    summary: {
      de: "Treff für junge Familien mit kleinen Kindern, einmal pro Woche: Austausch über Erziehungsfragen, neue Kontakte und Spielideen – an vier Orten in Königsborn, Unna-Mitte und Massen.",
      en: "Weekly meeting place for young families with small children: talk about parenting, make new contacts and get ideas for play – at four places in Königsborn, Unna-Mitte and Massen.",
      ar: "ملتقى أسبوعي للعائلات الشابة التي لديها أطفال صغار: تبادل الحديث حول التربية، والتعرّف على أشخاص جدد، وأفكار للّعب – في أربعة أماكن في كونيغسبورن ووسط أونا وماسن.",
      tr: "Küçük çocuklu genç aileler için haftalık buluşma: çocuk yetiştirme üzerine sohbet, yeni tanışıklıklar ve oyun fikirleri – Königsborn, Unna-Mitte ve Massen'de dört yerde.",
      ru: "Еженедельные встречи для молодых семей с маленькими детьми: обмен опытом по вопросам воспитания, новые знакомства и идеи для игр – в четырёх местах в Кёнигсборне, центре Унны и Массене.",
      uk: "Щотижневі зустрічі для молодих сімей з малими дітьми: обмін досвідом щодо виховання, нові знайомства та ідеї для ігор – у чотирьох місцях у Кенігсборні, центрі Унни та Массені.",
      fa: "دیدار هفتگی برای خانواده‌های جوان با فرزندان خردسال: گفت‌وگو دربارهٔ تربیت کودک، آشنایی‌های تازه و ایده‌هایی برای بازی – در چهار مکان در کونیگسبورن، مرکز اونا و ماسن.",
      "de-simple":
        "Ein Treff für Familien mit kleinen Kindern. Einmal in der Woche. Eltern reden miteinander. Die Kinder spielen. An 4 Orten in Unna.",
    },
    description:
      "<p>Das Café Knirps in Trägerschaft des evangelischen Kirchenkreises Unna will Kinder in ihrer Entwicklung fördern und Eltern in ihrer Erziehungskompetenz stärken. Einmal pro Woche treffen sich junge Familien mit kleinen Kindern, tauschen sich über Erziehungsfragen aus, knüpfen neue Kontakte und beschäftigen sich in entspannter Atmosphäre mit den Kindern, begleitet von kleinen Spieleinheiten.</p><p>Orte: Stadtteilzentrum „Brücke“ und Kinder- und Jugendhaus „Taubenschlag“ in Königsborn, Martin-Luther-Haus in Unna-Mitte, Ichtys-Haus in Unna-Massen. Die Wochentage der einzelnen Treffs sind in der Quelle nicht veröffentlicht.</p>",
    openingHours: null,
    contacts: [{ role: "Ev. Familienbildung im Kirchenkreis Unna", phone: "02307 / 280-333" }],
    languages: ["de"],
    free: true,
    childcare: false,
    registrationRequired: false,
    terms: {
      categories: ["freizeit-austausch"],
      fields: ["fruehe-hilfen-kita-schule"],
      milestones: ["elternschaft-geburt", "kindertagesbetreuung"],
      targetGroups: ["familien-kleine-kinder"],
    },
  },
  {
    key: "treffpunkt-weltoffen",
    id: demoId(205),
    organization: "weltoffen",
    places: ["treffpunkt-weltoffen"],
    title: {
      de: "Treffpunkt Initiative WeltOffen",
      en: "Meeting point of the WeltOffen initiative",
      ar: "ملتقى مبادرة WeltOffen",
      tr: "WeltOffen Girişimi Buluşma Noktası",
      ru: "Место встреч инициативы WeltOffen",
      uk: "Місце зустрічей ініціативи WeltOffen",
      fa: "محل دیدار ابتکار WeltOffen",
      "de-simple": "Treffpunkt Initiative WeltOffen",
    },
    summary: {
      de: "Begegnung auf Augenhöhe: Geflüchtete und Ehrenamtliche helfen bei Behördengängen, Post und Anträgen, vermitteln Patenschaften, Sprachkurse und Nachhilfe und unterstützen bei der Wohnungssuche.",
      en: "Meeting as equals: refugees and volunteers help with visits to authorities, letters and applications, arrange sponsorships, language courses and tutoring, and support the search for a flat.",
      ar: "لقاء على قدم المساواة: لاجئون ومتطوعون يساعدون في مراجعة الدوائر الرسمية وفهم الرسائل وتعبئة الطلبات، ويؤمّنون مرافقين متطوعين ودورات لغة ودروسًا خصوصية، ويقدّمون الدعم في البحث عن سكن.",
      tr: "Eşit düzeyde buluşma: mülteciler ve gönüllüler resmi daire işlerinde, mektuplarda ve başvurularda yardımcı olur; gönüllü destekçiler, dil kursları ve özel ders bulur, ev aramada destek verir.",
      ru: "Встречи на равных: беженцы и волонтёры помогают с визитами в учреждения, письмами и заявлениями, находят наставников, языковые курсы и репетиторов, поддерживают в поиске жилья.",
      uk: "Зустрічі на рівних: біженці та волонтери допомагають із відвідуванням установ, листами та заявами, знаходять наставників, мовні курси й репетиторів, підтримують у пошуку житла.",
      fa: "دیدار برابر و هم‌سطح: پناهجویان و داوطلبان در مراجعه به ادارات، نامه‌ها و درخواست‌ها کمک می‌کنند، همیار داوطلب، کلاس زبان و کلاس تقویتی پیدا می‌کنند و در یافتن مسکن یاری می‌دهند.",
      "de-simple":
        "Hier treffen sich Geflüchtete und Helfer. Sie helfen bei Briefen, Anträgen und Ämtern. Sie helfen auch bei der Suche nach einer Wohnung.",
    },
    description:
      "<p>Die Initiative WeltOffen ist eine Initiative engagierter geflüchteter Menschen aus unterschiedlichsten Ländern und ehrenamtlich Aktiver. Hier findet Begegnung auf Augenhöhe statt; durch gegenseitiges Kennenlernen sollen Vorurteile abgebaut werden.</p><ul><li>Begrüßung der Neubürger</li><li>Begleitung zu Behörden, Kindergärten, Schulen</li><li>Hilfe bei der Post und bei Anträgen</li><li>Vermittlung von Einzel- und Familienpatenschaften, Sprachkursen und Nachhilfe</li><li>Unterstützung bei der Wohnungssuche und bei Umzügen</li><li>Wöchentlicher Treffpunkt für junge alleinstehende Erwachsene, Hilfe bei der Suche nach Praktika und Ausbildungsstellen</li></ul>",
    openingHours: null,
    contacts: [
      { role: "Treffpunkt Initiative WeltOffen", phone: "02303 / 929027", email: "mail@weltoffen-unna.de" },
    ],
    languages: ["de"],
    free: true,
    childcare: false,
    registrationRequired: false,
    terms: {
      categories: ["beratung-integration", "freizeit-austausch"],
      fields: ["freizeit-kultur-sport-netzwerke"],
      targetGroups: ["gefluechtete", "junge-gefluechtete"],
    },
  },
  {
    key: "sprachpaten",
    id: demoId(206),
    organization: "vhs",
    places: ["zib"],
    title: {
      de: "Sprachpatenprojekt der VHS",
      en: "Language buddy project of the adult education centre (VHS)",
      ar: "مشروع رعاة اللغة في الجامعة الشعبية (VHS)",
      tr: "Halk Eğitim Merkezi (VHS) Dil Partneri Projesi",
      ru: "Проект «Языковые наставники» народного университета (VHS)",
      uk: "Проєкт «Мовні наставники» народного університету (VHS)",
      fa: "طرح همیار زبان دانشگاه مردمی (VHS)",
      "de-simple": "Sprach-Paten bei der VHS",
    },
    summary: {
      de: "Deutsch im Alltag sprechen: Deutschlernende der VHS treffen sich etwa drei Monate lang einmal pro Woche mit einer deutschen Muttersprachlerin oder einem Muttersprachler im zib-Café.",
      en: "Speak German in everyday life: VHS German learners meet a native German speaker once a week for about three months at the zib café.",
      ar: "تحدّث الألمانية في الحياة اليومية: يلتقي متعلمو اللغة الألمانية في الجامعة الشعبية مرة واحدة أسبوعيًا ولمدة ثلاثة أشهر تقريبًا بشخص لغته الأم الألمانية في مقهى zib.",
      tr: "Günlük hayatta Almanca konuşun: VHS'de Almanca öğrenenler yaklaşık üç ay boyunca haftada bir kez anadili Almanca olan biriyle zib-Café'de buluşur.",
      ru: "Говорить по-немецки в повседневной жизни: изучающие немецкий в VHS около трёх месяцев раз в неделю встречаются с носителем немецкого языка в кафе zib.",
      uk: "Говорити німецькою в повсякденному житті: ті, хто вивчає німецьку у VHS, близько трьох місяців раз на тиждень зустрічаються з носієм німецької мови в кафе zib.",
      fa: "آلمانی را در زندگی روزمره صحبت کنید: زبان‌آموزان آلمانی VHS حدود سه ماه، هفته‌ای یک بار با یک آلمانی‌زبان بومی در کافه zib دیدار می‌کنند.",
      "de-simple":
        "Sie lernen Deutsch? Dann treffen Sie einmal in der Woche einen Menschen, der Deutsch spricht. Sie trinken Kaffee und reden. Das geht etwa 3 Monate lang.",
    },
    description:
      "<p>Viele Migrantinnen und Migranten haben kaum Möglichkeiten, im Alltag Deutsch zu sprechen. Beim Sprachpatenprojekt der VHS Unna treffen sich eine Deutschlernende oder ein Deutschlernender der VHS und eine deutsche Muttersprachlerin oder ein Muttersprachler einmal wöchentlich bei einer Tasse Kaffee im zib-Café – etwa drei Monate lang. Es geht nicht um Unterricht, sondern um Sprechpraxis.</p><p>Im Vorfeld gibt es ein Findungstreffen in der VHS, bei dem sich die Sprachpaare kennenlernen und die weiteren Treffen vereinbaren.</p>",
    openingHours: null,
    contacts: [{ role: "VHS Unna", phone: "02303 / 103-763" }],
    languages: ["de"],
    free: true,
    childcare: false,
    registrationRequired: true,
    registrationNote: "Anmeldung bei der VHS Unna; Findungstreffen vor dem Start.",
    terms: {
      categories: ["sprachangebote"],
      fields: ["freizeit-kultur-sport-netzwerke"],
      crossCutting: ["sprache"],
      targetGroups: ["einwanderungsgeschichte", "gefluechtete"],
    },
  },
  {
    key: "integrationsagentur",
    id: demoId(207),
    organization: "caritas",
    places: ["caritas-hoeingstrasse"],
    title: {
      de: "Integrationsagentur der Caritas",
      en: "Caritas integration agency",
      ar: "وكالة الاندماج التابعة لكاريتاس",
      tr: "Caritas Uyum Ajansı",
      ru: "Интеграционное агентство «Каритас»",
      uk: "Інтеграційна агенція «Карітас»",
      fa: "آژانس ادغام کاریتاس",
      "de-simple": "Integrations-Agentur der Caritas",
    },
    summary: {
      de: "Für Zugewanderte, die länger als drei Jahre in Deutschland leben: interkulturelle Seminare, Begleitung von Migrantenselbstorganisationen, Engagement von und für Migranten und Antidiskriminierungsarbeit.",
      en: "For immigrants who have lived in Germany for more than three years: intercultural seminars, support for migrant organisations, civic engagement by and for migrants, and anti-discrimination work.",
      ar: "للمهاجرين الذين يعيشون في ألمانيا منذ أكثر من ثلاث سنوات: ندوات بين الثقافات، ودعم منظمات المهاجرين الذاتية، والعمل التطوعي من المهاجرين ولأجلهم، والعمل ضد التمييز.",
      tr: "Üç yıldan uzun süredir Almanya'da yaşayan göçmenler için: kültürlerarası seminerler, göçmen örgütlerine destek, göçmenlerin ve göçmenler için gönüllü katılım ve ayrımcılık karşıtı çalışma.",
      ru: "Для иммигрантов, живущих в Германии более трёх лет: межкультурные семинары, поддержка организаций мигрантов, гражданская активность мигрантов и для мигрантов, работа против дискриминации.",
      uk: "Для іммігрантів, які живуть у Німеччині понад три роки: міжкультурні семінари, підтримка організацій мігрантів, громадська активність мігрантів і для мігрантів, протидія дискримінації.",
      fa: "برای مهاجرانی که بیش از سه سال در آلمان زندگی می‌کنند: سمینارهای میان‌فرهنگی، همراهی سازمان‌های خودگردان مهاجران، مشارکت مدنی از سوی مهاجران و برای آنان، و فعالیت علیه تبعیض.",
      "de-simple":
        "Für Menschen, die seit mehr als 3 Jahren in Deutschland leben. Es gibt Kurse über Kulturen. Die Agentur hilft Vereinen von Migranten. Sie arbeitet gegen Benachteiligung.",
    },
    description:
      "<p>Die Integrationsagentur in Trägerschaft des Caritasverbandes für den Kreis Unna e.V. will Zugewanderten, die länger als drei Jahre in Deutschland leben, eine gleichberechtigte Teilhabe am sozialen und gesellschaftlichen Leben ermöglichen und mit den lokalen sozialen Diensten an einer Willkommenskultur arbeiten. Sie bietet Seminare zur interkulturellen Sensibilisierung an, auch für Firmen, öffentliche Einrichtungen und Vereine.</p><ul><li>Sozialraumorientierte Arbeit</li><li>Interkulturelle Öffnung von Einrichtungen und Diensten</li><li>Bürgerschaftliches Engagement von und für Migranten</li><li>Zusammenarbeit, Begleitung und Beratung von Migrantenselbstorganisationen</li><li>Antidiskriminierungsarbeit</li></ul>",
    openingHours: null,
    contacts: [{ role: "Integrationsagentur", phone: "02303 / 2513527" }],
    languages: ["de"],
    free: true,
    childcare: false,
    registrationRequired: false,
    terms: {
      categories: ["beratung-integration"],
      crossCutting: ["interkulturelle-oeffnung-antidiskriminierung"],
      targetGroups: ["einwanderungsgeschichte"],
    },
  },
  {
    key: "fluechtlingsberatung",
    id: demoId(208),
    organization: "werkstatt",
    places: ["werkstatt-gerhart-hauptmann"],
    title: {
      de: "Regionale Flüchtlingsberatung",
      en: "Regional refugee counselling",
      ar: "الاستشارة الإقليمية للاجئين",
      tr: "Bölgesel Mülteci Danışmanlığı",
      ru: "Региональная консультация для беженцев",
      uk: "Регіональна консультація для біженців",
      fa: "مشاورهٔ منطقه‌ای پناهجویان",
      "de-simple": "Beratung für Geflüchtete im Kreis Unna",
    },
    summary: {
      de: "Erste Anlaufstelle für Geflüchtete im Kreis Unna: Beratung zu Asyl-, Aufenthalts- und Sozialrecht, Familienzusammenführung, Arbeit und Bildung; Schriftverkehr mit dem Ausland auf Deutsch, Englisch und Französisch.",
      en: "First point of contact for refugees in the district of Unna: advice on asylum, residence and social law, family reunification, work and education; correspondence abroad in German, English and French.",
      ar: "أول جهة يلجأ إليها اللاجئون في مقاطعة أونا: استشارات في قوانين اللجوء والإقامة والشؤون الاجتماعية، ولمّ شمل الأسرة، والعمل والتعليم؛ ومراسلات مع الخارج بالألمانية والإنجليزية والفرنسية.",
      tr: "Unna ilçesindeki mülteciler için ilk başvuru yeri: iltica, oturum ve sosyal hukuk, aile birleşimi, çalışma ve eğitim konularında danışmanlık; yurt dışıyla Almanca, İngilizce ve Fransızca yazışma.",
      ru: "Первое место обращения для беженцев в районе Унна: консультации по праву убежища, праву пребывания и социальному праву, воссоединению семей, работе и образованию; переписка с заграницей на немецком, английском и французском языках.",
      uk: "Перше місце звернення для біженців у районі Унна: консультації з права притулку, права перебування та соціального права, возз'єднання сімей, роботи й освіти; листування із закордоном німецькою, англійською та французькою мовами.",
      fa: "نخستین مرجع برای پناهجویان در شهرستان اونا: مشاوره دربارهٔ قوانین پناهندگی، اقامت و امور اجتماعی، پیوستن خانواده، کار و آموزش؛ مکاتبه با خارج از کشور به زبان‌های آلمانی، انگلیسی و فرانسوی.",
      "de-simple":
        "Sie sind geflüchtet und haben Fragen? Hier bekommen Sie Rat: zu Asyl, Aufenthalt, Geld vom Amt, Familie, Arbeit und Schule.",
    },
    description:
      "<p>Die Regionale Flüchtlingsberatung der Werkstatt im Kreis Unna besteht seit 2016 und ist offen für alle Geflüchteten im Kreis. Sie unterstützt bei asyl-, aufenthalts- und sozialrechtlichen Fragen, bei sozialen, psychischen, gesundheitlichen und familiären Anliegen, bei Familienzusammenführung, Beschäftigung und Bildung. Die Beratung ist rechtsauskunftsfähig, unterstützt beim Kontakt mit Ausländerbehörden und Kanzleien und bietet Auslandskorrespondenz auf Deutsch, Englisch und Französisch an.</p>",
    openingHours: null,
    contacts: [
      {
        role: "Regionale Flüchtlingsberatung",
        phone: "02303 / 2805-246",
        email: "fluechtlingsberatung@werkstatt-im-kreis-unna.de",
      },
    ],
    languages: ["de", "en", "fr"],
    free: true,
    childcare: false,
    registrationRequired: false,
    terms: {
      categories: ["beratung-integration"],
      fields: ["ausbildung-erwerbstaetigkeit-weiterbildung"],
      targetGroups: ["gefluechtete"],
    },
  },
  {
    key: "psychosoziale-beratung",
    id: demoId(209),
    organization: "stadt-unna",
    places: ["rathaus"],
    title: {
      de: "Psychosoziale Beratung für Geflüchtete",
      en: "Psychosocial counselling for refugees",
      ar: "الاستشارة النفسية الاجتماعية للاجئين",
      tr: "Mülteciler için psikososyal danışmanlık",
      ru: "Психосоциальная консультация для беженцев",
      uk: "Психосоціальна консультація для біженців",
      fa: "مشاورهٔ روانی‌اجتماعی برای پناهجویان",
      "de-simple": "Beratung für Geflüchtete in Unna",
    },
    summary: {
      de: "Begleitung für Geflüchtete, die der Stadt Unna zugewiesen sind (Asylsuchende, Menschen mit Schutzstatus oder Duldung): Orientierung zu Wohnen, Lebensunterhalt, Sprache, Gesundheit, Schule, Ausbildung und Arbeit.",
      en: "Support for refugees assigned to the town of Unna (asylum seekers, people with protection status or a toleration permit): guidance on housing, living costs, language, health, school, training and work.",
      ar: "مرافقة اللاجئين الذين تم توزيعهم على مدينة أونا (طالبو اللجوء، والحاصلون على الحماية أو على وثيقة «دولدونغ»): توجيه في شؤون السكن وتأمين المعيشة واللغة والصحة والمدرسة والتدريب المهني والعمل.",
      tr: "Unna şehrine yerleştirilen mültecilere (sığınmacılar, koruma statüsü veya hoşgörü belgesi (Duldung) olanlar) destek: konut, geçim, dil, sağlık, okul, meslek eğitimi ve iş konularında yol gösterme.",
      ru: "Сопровождение беженцев, распределённых в город Унна (просители убежища, люди со статусом защиты или с «дульдунгом»): ориентация в вопросах жилья, средств к существованию, языка, здоровья, школы, профобучения и работы.",
      uk: "Супровід біженців, розподілених до міста Унна (шукачі притулку, люди зі статусом захисту або з «дульдунгом»): орієнтація з питань житла, засобів до існування, мови, здоров'я, школи, професійного навчання та роботи.",
      fa: "همراهی پناهجویانی که به شهر اونا واگذار شده‌اند (متقاضیان پناهندگی، دارندگان حمایت یا «دولدونگ»): راهنمایی دربارهٔ مسکن، تأمین معاش، زبان، سلامت، مدرسه، آموزش حرفه‌ای و کار.",
      "de-simple":
        "Sie sind neu in Unna und geflüchtet? Wir helfen Ihnen am Anfang: bei Wohnung, Geld, Deutsch lernen, Gesundheit, Schule und Arbeit.",
    },
    description:
      "<p>Durch individuelle pädagogische Begleitung und Mitwirkung in örtlichen Netzwerken sollen die Teilhabechancen neuer Bürgerinnen und Bürger mit Fluchtgeschichte verbessert werden. Die Beratung richtet sich an die der Kreisstadt Unna zugewiesenen Asylsuchenden, Menschen mit Schutzstatus und Menschen mit Duldung.</p><p>Ziel ist es, das Ankommen zu erleichtern und besonders in der Anfangszeit Informationen und Orientierung zu geben: Unterbringung und Wohnungssuche, Lebensunterhalt, Spracherwerb, Gesundheit, Ausbildung, Schule, Beruf, Arbeit, Freizeit und Angebote für Familien.</p>",
    openingHours: null,
    contacts: [{ role: "Kreisstadt Unna", phone: "02303 / 103-533" }],
    languages: ["de"],
    free: true,
    childcare: false,
    registrationRequired: false,
    terms: {
      categories: ["beratung-integration", "politik-behoerden"],
      fields: ["gesundheit-pflege"],
      targetGroups: ["gefluechtete"],
    },
  },
  {
    key: "quartiersbuero",
    id: demoId(210),
    organization: "plan-lokal",
    places: ["quartiersbuero"],
    title: {
      de: "Quartiersbüro Königsborn Süd-Ost",
      en: "Neighbourhood office Königsborn South-East",
      ar: "مكتب حي كونيغسبورن الجنوبي الشرقي",
      tr: "Königsborn Güneydoğu Mahalle Bürosu",
      ru: "Бюро квартала Кёнигсборн Юго-Восток",
      uk: "Бюро кварталу Кенігсборн Південний Схід",
      fa: "دفتر محلهٔ کونیگسبورن جنوب‌شرقی",
      "de-simple": "Quartiers-Büro in Königsborn",
    },
    summary: {
      de: "Anlaufstelle der Sozialen Stadt in Königsborn: regelmäßige Bürgersprechstunden, Bürgerprojekte, Feste und Wohnzimmertalks für alle Menschen im Quartier.",
      en: "Contact point of the 'Social City' programme in Königsborn: regular consultation hours for residents, citizens' projects, festivals and 'living room talks' for everyone in the neighbourhood.",
      ar: "نقطة تواصل برنامج «المدينة الاجتماعية» في كونيغسبورن: ساعات استقبال منتظمة للسكان، ومشاريع للمواطنين، واحتفالات، و«أحاديث غرفة المعيشة» لجميع سكان الحي.",
      tr: 'Königsborn\'da "Sosyal Şehir" programının başvuru noktası: düzenli vatandaş görüşme saatleri, vatandaş projeleri, şenlikler ve mahalledeki herkes için "oturma odası sohbetleri".',
      ru: "Пункт обращения программы «Социальный город» в Кёнигсборне: регулярные приёмные часы для жителей, гражданские проекты, праздники и «беседы в гостиной» для всех жителей квартала.",
      uk: "Пункт звернення програми «Соціальне місто» в Кенігсборні: регулярні приймальні години для мешканців, громадські проєкти, свята та «розмови у вітальні» для всіх мешканців кварталу.",
      fa: "مرکز ارتباطی برنامهٔ «شهر اجتماعی» در کونیگسبورن: ساعات مشاورهٔ منظم برای ساکنان، پروژه‌های شهروندی، جشن‌ها و «گفت‌وگوهای اتاق نشیمن» برای همهٔ ساکنان محله.",
      "de-simple":
        "Ein Büro für alle Menschen im Stadtteil. Hier können Sie Fragen stellen. Es gibt Feste und Treffen.",
    },
    description:
      "<p>Das Quartiersmanagement in Königsborn ist Teil des Projektes „Soziale Stadt Königsborn Süd-Ost“ und arbeitet seit Februar 2016. Oberstes Ziel ist es, die Wohn- und Lebensbedingungen aller Bewohnerinnen und Bewohner im Quartier zu verbessern und die Chancengleichheit besonders für Menschen mit Migrationshintergrund zu gewährleisten.</p><p>Im Quartiersbüro finden regelmäßige Bürgersprechstunden statt. Das Quartiersmanagement organisiert Bürgerprojekte, Feste wie den „Frühjahrsputz in Königsborn“, Sommer- und Herbstfest und „Wohnzimmertalks“; die Quartierszeitung „#HeimatKönigsborn“ erscheint alle drei Monate.</p>",
    openingHours: null,
    contacts: [{ role: "Quartiersbüro", phone: "02303 7732533", email: "koenigsborn@plan-lokal.de" }],
    languages: ["de"],
    free: true,
    childcare: false,
    registrationRequired: false,
    terms: {
      categories: ["beratung-integration", "freizeit-austausch"],
      fields: ["wohnen-wohnumfeld"],
      targetGroups: ["einwanderungsgeschichte", "familien-kleine-kinder"],
    },
  },
  {
    key: "wohnraumsicherung",
    id: demoId(211),
    organization: "stadt-unna",
    places: ["rathaus"],
    title: {
      de: "Wohnraumsicherung der Stadt Unna",
      en: "Housing protection service of the town of Unna",
      ar: "خدمة الحفاظ على السكن في مدينة أونا",
      tr: "Unna Belediyesi Konut Güvencesi Birimi",
      ru: "Служба сохранения жилья города Унна",
      uk: "Служба збереження житла міста Унна",
      fa: "خدمات حفظ مسکن شهر اونا",
      "de-simple": "Hilfe, damit Sie Ihre Wohnung behalten",
    },
    summary: {
      de: "Hilfe, wenn die Wohnung verloren zu gehen droht – bei Kündigung, Räumungsklage oder drohender Wohnungslosigkeit: Beratung, persönliche und materielle Hilfe zum Erhalt der Wohnung.",
      en: "Help when you are at risk of losing your home – after a notice to quit, an eviction suit or when homelessness threatens: advice, personal and material help to keep your home.",
      ar: "مساعدة عندما يكون السكن مهددًا بالضياع – عند إنهاء عقد الإيجار أو رفع دعوى إخلاء أو خطر التشرد: استشارة ومساعدة شخصية ومادية للحفاظ على السكن.",
      tr: "Evinizi kaybetme tehlikesi olduğunda yardım – kira sözleşmesinin feshi, tahliye davası veya evsiz kalma tehlikesi durumunda: evinizi korumak için danışmanlık, kişisel ve maddi yardım.",
      ru: "Помощь, если вы можете потерять жильё, – при расторжении договора аренды, иске о выселении или угрозе бездомности: консультация, личная и материальная помощь для сохранения жилья.",
      uk: "Допомога, якщо ви можете втратити житло, – у разі розірвання договору оренди, позову про виселення або загрози безпритульності: консультація, особиста й матеріальна допомога для збереження житла.",
      fa: "کمک هنگامی که خطر از دست دادن خانه وجود دارد – در صورت فسخ اجاره‌نامه، دعوای تخلیه یا خطر بی‌خانمانی: مشاوره و کمک شخصی و مالی برای حفظ خانه.",
      "de-simple":
        "Sie sollen aus Ihrer Wohnung raus? Oder Sie haben bald keine Wohnung mehr? Die Stadt Unna hilft Ihnen. Sie bekommen Rat und Hilfe.",
    },
    description:
      "<p>Die städtische Stelle Wohnraumsicherung unterstützt Haushalte, die unmittelbar von Wohnungslosigkeit bedroht sind: wenn die Kündigung droht oder ausgesprochen ist, eine Räumungsklage erhoben wurde oder ein vollstreckbarer Räumungstitel vorliegt, oder wenn jemand ohne Hilfe die Wohnung nicht erhalten oder keine neue beschaffen kann.</p><p>Die Maßnahmen sind auf den Erhalt der Wohnung ausgerichtet: neben materieller Hilfe gibt es Beratung und persönliche Hilfe zum Erhalt des Wohnraums und der Lebensgrundlage.</p>",
    openingHours: null,
    contacts: [{ role: "Wohnraumsicherung", phone: "02303 / 103 557" }],
    languages: ["de"],
    free: true,
    childcare: false,
    registrationRequired: false,
    terms: {
      categories: ["beratung-integration", "politik-behoerden"],
      fields: ["wohnen-wohnumfeld"],
    },
  },
  {
    key: "haus-am-hellweg",
    id: demoId(212),
    organization: "buergerhilfe",
    places: ["haus-am-hellweg"],
    title: {
      de: "Pflegewohnanlage Haus am Hellweg",
      en: "Haus am Hellweg care home",
      ar: "دار الرعاية Haus am Hellweg",
      tr: "Haus am Hellweg Bakımevi",
      ru: "Дом с уходом «Haus am Hellweg»",
      uk: "Будинок догляду «Haus am Hellweg»",
      fa: "مرکز نگهداری و پرستاری Haus am Hellweg",
      "de-simple": "Pflege-Heim Haus am Hellweg",
    },
    summary: {
      de: "Pflegewohnanlage mit 70 Einzelzimmern in Hemmerde, mit Kurzzeitpflege; Innenhof und Gemeinschaftsräume sind eine Begegnungsstätte für alle Generationen, auch für Veranstaltungen und Konzerte.",
      en: "Care home with 70 single rooms in Hemmerde, including short-term care; its courtyard and common rooms are a meeting place for all generations, also for events and concerts.",
      ar: "دار رعاية تضم 70 غرفة فردية في هيمّرده، مع رعاية قصيرة الأمد؛ الفناء الداخلي والقاعات المشتركة مكان لقاء لجميع الأجيال، وللفعاليات والحفلات الموسيقية أيضًا.",
      tr: "Hemmerde'de 70 tek kişilik odalı, kısa süreli bakım da sunan bakımevi; iç avlusu ve ortak salonları tüm kuşaklar için bir buluşma yeri, etkinlikler ve konserler için de kullanılıyor.",
      ru: "Дом с уходом на 70 одноместных комнат в Хеммерде, включая краткосрочный уход; внутренний двор и общие помещения – место встреч для всех поколений, в том числе для мероприятий и концертов.",
      uk: "Будинок догляду на 70 одномісних кімнат у Геммерде, зокрема з короткостроковим доглядом; внутрішнє подвір'я та спільні приміщення – місце зустрічей для всіх поколінь, також для заходів і концертів.",
      fa: "مرکز پرستاری با ۷۰ اتاق یک‌نفره در هِمِرده، همراه با پرستاری کوتاه‌مدت؛ حیاط داخلی و سالن‌های مشترک آن محل دیدار همهٔ نسل‌ها و نیز برگزاری رویدادها و کنسرت‌هاست.",
      "de-simple":
        "Ein Haus für alte Menschen, die Pflege brauchen. Es ist in Hemmerde. Es gibt dort auch Räume für Treffen und Feste.",
    },
    description:
      "<p>In Hemmerde hat 2019 eine Pflegewohnanlage mit 70 Einzelzimmern eröffnet (54 vollstationäre und 16 solitäre Kurzzeitpflegeplätze), betrieben von der Bürgerhilfe Dienstleistungs- und Service gGmbH Hemmerde. Ein glasüberdachter Innenhof mit Grünanlagen und Teich und Gemeinschaftsräume mit Blick in den Garten sind eine Begegnungsstätte für alle Generationen und Gruppen, auch für Veranstaltungen und Konzerte.</p>",
    openingHours: null,
    contacts: [{ role: "Sozialer Dienst", phone: "02308 / 12111-131" }],
    languages: ["de"],
    free: false,
    costNote: "Kosten der Pflege nach Pflegegrad und Vertrag.",
    childcare: false,
    registrationRequired: false,
    terms: {
      categories: ["freizeit-austausch"],
      fields: ["gesundheit-pflege", "wohnen-wohnumfeld"],
      milestones: ["ruhestand"],
      targetGroups: ["aeltere-menschen"],
    },
  },
  {
    key: "integra-cup",
    id: demoId(213),
    organization: "integrationsrat",
    places: ["hellwegsporthallen"],
    title: {
      de: "Integra-Cup",
      en: "Integra-Cup",
      ar: "Integra-Cup (كأس إنتغرا)",
      tr: "Integra-Cup",
      ru: "Integra-Cup",
      uk: "Integra-Cup",
      fa: "Integra-Cup (جام اینتگرا)",
      "de-simple": "Integra-Cup: Fußball-Turnier",
    },
    summary: {
      de: "Fußball-Hallenturnier für Jugendliche und junge Erwachsene von 16 bis 22 Jahren aus Unna, auch für Mädchen und junge Frauen – organisiert von Integrationsrat und Stadtsportverband.",
      en: "Indoor football tournament for young people aged 16 to 22 from Unna, girls and young women included – organised by the integration council and the town sports association.",
      ar: "بطولة كرة قدم داخل الصالات للشباب من أونا بين 16 و22 عامًا، ومفتوحة للفتيات والشابات أيضًا – ينظمها مجلس الاندماج واتحاد الرياضة في المدينة.",
      tr: "Unna'dan 16–22 yaş arası gençler için salon futbolu turnuvası, kızlar ve genç kadınlar da dahil – Uyum Meclisi ve Şehir Spor Birliği tarafından düzenlenir.",
      ru: "Турнир по мини-футболу в зале для молодёжи из Унны от 16 до 22 лет, в том числе для девушек, – организуют Совет по интеграции и городской спортивный союз.",
      uk: "Турнір із футболу в залі для молоді з Унни віком від 16 до 22 років, зокрема для дівчат і молодих жінок, – організовують Рада з питань інтеграції та міська спортивна спілка.",
      fa: "مسابقات فوتبال سالنی برای نوجوانان و جوانان ۱۶ تا ۲۲ سالهٔ اونا، دختران و زنان جوان هم شرکت می‌کنند – با برگزاری شورای ادغام و اتحادیهٔ ورزشی شهر.",
      "de-simple":
        "Ein Fußball-Turnier in der Halle. Für junge Leute von 16 bis 22 Jahren aus Unna. Mädchen können auch mitspielen.",
    },
    description:
      "<p>Der Integra-Cup wird seit 2017 vom Integrationsrat der Kreisstadt Unna und dem Stadtsportverband Unna e.V. organisiert. Eingeladen zum Fußball-Hallenturnier in den Hellwegsporthallen sind Jugendliche und junge Erwachsene von 16 bis 22 Jahren aus Unna. Zehn bis 15 Mannschaften, auch mit Mädchen und jungen Frauen, spielen an einem Tag, jedes Spiel dauert zehn Minuten.</p>",
    openingHours: null,
    contacts: [
      {
        role: "Geschäftsstelle des Integrationsrates",
        phone: "02303 / 103-607",
        email: "integrationsrat@stadt-unna.de",
      },
    ],
    languages: ["de"],
    ageMin: 16,
    ageMax: 22,
    free: true,
    childcare: false,
    registrationRequired: true,
    registrationNote: "Mannschaften melden sich beim Integrationsrat an.",
    terms: {
      categories: ["freizeit-austausch"],
      fields: ["freizeit-kultur-sport-netzwerke"],
      targetGroups: ["kinder-jugendliche", "junge-gefluechtete"],
    },
  },
];

// ---- Events --------------------------------------------------------------------------------

export const DEMO_EVENTS: DemoEvent[] = [
  {
    key: "interkulturelle-wochen",
    id: demoId(301),
    organization: "stadt-unna",
    place: "zib",
    title: {
      de: "Interkulturelle Wochen",
      en: "Intercultural Weeks",
      ar: "الأسابيع بين الثقافات",
      tr: "Kültürlerarası Haftalar",
      ru: "Межкультурные недели",
      uk: "Міжкультурні тижні",
      fa: "هفته‌های میان‌فرهنگی",
      "de-simple": "Interkulturelle Wochen",
    },
    summary: {
      de: "Jedes Jahr seit 2005: Auftakt mit dem Gebet der Religionen, dann Ausstellungen, Lesungen, Konzerte, Filme, Theater, Radtouren, ein interkulturelles Sportfest und Gesprächsrunden.",
      en: "Every year since 2005: opening with the Prayer of Religions, then exhibitions, readings, concerts, films, theatre, bike tours, an intercultural sports festival and discussion rounds.",
      ar: "كل عام منذ 2005: افتتاح بـ«صلاة الأديان»، ثم معارض وقراءات وحفلات موسيقية وأفلام ومسرح وجولات بالدراجات ومهرجان رياضي بين الثقافات وحلقات نقاش.",
      tr: '2005\'ten beri her yıl: "Dinlerin Duası" ile açılış, ardından sergiler, okumalar, konserler, filmler, tiyatro, bisiklet turları, kültürlerarası spor şenliği ve sohbet toplantıları.',
      ru: "Каждый год с 2005 года: открытие «Молитвой религий», затем выставки, чтения, концерты, фильмы, театр, велопрогулки, межкультурный спортивный праздник и дискуссии.",
      uk: "Щороку з 2005 року: відкриття «Молитвою релігій», далі виставки, читання, концерти, фільми, театр, велопрогулянки, міжкультурне спортивне свято та дискусії.",
      fa: "هر سال از ۲۰۰۵: آغاز با «نیایش ادیان»، سپس نمایشگاه‌ها، کتاب‌خوانی‌ها، کنسرت‌ها، فیلم، تئاتر، دوچرخه‌سواری، جشنوارهٔ ورزشی میان‌فرهنگی و میزگردها.",
      "de-simple":
        "Jedes Jahr gibt es in Unna die Interkulturellen Wochen. Menschen aus vielen Ländern feiern zusammen. Es gibt Musik, Filme, Sport und Gespräche.",
    },
    description:
      "<p>Die Interkulturellen Wochen finden in Unna seit 2005 statt; 2019 unter dem Motto „Zusammen leben, zusammen wachsen“. Zum Auftakt findet jedes Jahr das „Gebet der Religionen“ mit vielen Religionsgemeinschaften statt. Danach gibt es Ausstellungen, Lesungen und Vorträge, Konzerte, Filmvorführungen, Theater, Liederabende, Radtouren, ein interkulturelles Sportfest und Gesprächsrunden, z.&nbsp;B. über das Thema „Heimat“. Zum Programm gehörte 2019 auch das Fest „bUNt – International in Unna“ im zib und auf dem Lindenplatz.</p><p>Hinweis der Demo: Das genaue Datum steht nicht in der Quelle; der Termin hier ist angenommen.</p>",
    startsAt: "2026-09-20T11:00",
    durationMinutes: 14 * 24 * 60,
    rrule: null,
    free: true,
    languages: ["de"],
    terms: {
      categories: ["freizeit-austausch", "religion"],
      fields: ["freizeit-kultur-sport-netzwerke"],
      crossCutting: ["interkulturelle-oeffnung-antidiskriminierung"],
    },
  },
];

/** Postcode centroids of Unna (approximate: the middle of where each postcode's streets lie). */
export const DEMO_POSTCODES: { postcode: string; name: string; lat: number; lon: number }[] = [
  { postcode: "59423", name: "Unna (Mitte, Süd)", lat: 51.5345, lon: 7.6915 },
  { postcode: "59425", name: "Unna (Königsborn, Uelzen)", lat: 51.5515, lon: 7.7055 },
  { postcode: "59427", name: "Unna (Massen, Hemmerde, Lünern, Billmerich)", lat: 51.5445, lon: 7.648 },
];

/** The organization the demo partner user ("partner-staff@demo.lotse.example") works for. */
export const DEMO_PARTNER_ORGANIZATION = "in-via";

// ---- Seeding ---------------------------------------------------------------------------------

export type DirectorySeedResult = { created: number; unchanged: number };

/**
 * Writes the demo directory through the directory service (publishDirect: published revision,
 * translations, search text). Idempotent: entries are matched by their fixed ids, and an entry
 * that exists already is left as it is (staff may have edited it in the demo).
 */
export async function seedDirectoryContent(
  services: Services,
  tenantId: string,
): Promise<DirectorySeedResult> {
  const actor = { kind: "system", tenantId } as const;
  const { directory, interchange, framework } = services;
  // The demo tenant uses the Unna template; a tenant created without it (a first start killed
  // half-way in an old version) gets it now, so the categories exist.
  if (!(await framework.hasFramework(tenantId))) await framework.applyTemplate(tenantId, "unna");
  const axes = await framework.list(tenantId, "de");
  const termId = (axisKey: string, termKey: string): string => {
    const id = axes.find((a) => a.key === axisKey)?.terms.find((t) => t.key === termKey)?.id;
    if (!id) throw new Error(`demo: unknown framework term ${axisKey}/${termKey}`);
    return id;
  };
  const termIds = (t: DemoTerms) => [
    ...t.categories.map((k) => termId("offer-categories", k)),
    ...(t.fields ?? []).map((k) => termId("fields-of-action", k)),
    ...(t.crossCutting ?? []).map((k) => termId("cross-cutting-themes", k)),
    ...(t.milestones ?? []).map((k) => termId("milestones", k)),
    ...(t.targetGroups ?? []).map((k) => termId("target-groups", k)),
  ];
  const orgId = (key: string) => DEMO_ORGANIZATIONS.find((o) => o.key === key)!.id;
  const placeId = (key: string) => DEMO_PLACES.find((p) => p.key === key)!.id;
  /** { lang: { field: text } } for publishDirect, without German (the source is in the data). */
  const translationsOf = (fields: Record<string, Texts>) => {
    const out: Record<string, Record<string, string>> = {};
    for (const [field, texts] of Object.entries(fields)) {
      for (const [lang, text] of Object.entries(texts)) {
        if (lang === "de") continue;
        out[lang] = { ...(out[lang] ?? {}), [field]: text };
      }
    }
    return out;
  };

  let created = 0;
  let unchanged = 0;
  const run = async (
    type: "organization" | "place" | "offer" | "event",
    items: { id: string }[],
    data: (i: number) => unknown,
    tr?: (i: number) => Record<string, Record<string, string>>,
  ) => {
    const existing = await interchange.existingIds(
      tenantId,
      type,
      items.map((i) => i.id),
    );
    for (let i = 0; i < items.length; i++) {
      if (existing.has(items[i]!.id)) {
        unchanged++;
        continue;
      }
      await directory.publishDirect(actor, type, data(i), {
        entityId: items[i]!.id,
        ...(tr ? { translations: tr(i), translationStatus: "machine" as const } : {}),
      });
      created++;
    }
  };

  await run("organization", DEMO_ORGANIZATIONS, (i) => {
    const o = DEMO_ORGANIZATIONS[i]!;
    return { name: o.name, description: o.description, email: o.email, phone: o.phone, website: o.website };
  });
  await run("place", DEMO_PLACES, (i) => {
    const p = DEMO_PLACES[i]!;
    return {
      organizationId: p.organization ? orgId(p.organization) : null,
      name: p.name,
      street: p.street,
      postcode: p.postcode,
      city: p.city,
      lat: p.lat,
      lon: p.lon,
      coordinatesApproximate: true,
      languages: p.languages,
      openingHours: p.openingHours,
    };
  });
  await run(
    "offer",
    DEMO_OFFERS,
    (i) => {
      const o = DEMO_OFFERS[i]!;
      return {
        organizationId: orgId(o.organization),
        title: o.title.de,
        summary: o.summary.de,
        description: o.description,
        openingHours: o.openingHours,
        contacts: o.contacts,
        languages: o.languages,
        ageMin: o.ageMin ?? null,
        ageMax: o.ageMax ?? null,
        free: o.free,
        costNote: o.costNote ?? null,
        childcare: o.childcare,
        registrationRequired: o.registrationRequired,
        registrationNote: o.registrationNote ?? null,
        termIds: termIds(o.terms),
        placeIds: o.places.map(placeId),
      };
    },
    (i) => translationsOf({ title: DEMO_OFFERS[i]!.title, summary: DEMO_OFFERS[i]!.summary }),
  );
  await run(
    "event",
    DEMO_EVENTS,
    (i) => {
      const e = DEMO_EVENTS[i]!;
      return {
        organizationId: orgId(e.organization),
        placeId: placeId(e.place),
        title: e.title.de,
        summary: e.summary.de,
        description: e.description,
        startsAt: e.startsAt,
        durationMinutes: e.durationMinutes,
        rrule: e.rrule,
        free: e.free,
        languages: e.languages,
        termIds: termIds(e.terms),
      };
    },
    (i) => translationsOf({ title: DEMO_EVENTS[i]!.title, summary: DEMO_EVENTS[i]!.summary }),
  );
  await interchange.upsertPostcodes(
    tenantId,
    DEMO_POSTCODES.map((p) => ({ ...p, approximate: true })),
  );
  return { created, unchanged };
}
